/**
 * The branches release-bot makes for itself, told by name alone so their `create` events are
 * dropped before any API call: pick branches (the default `cherry-pick-{pr}-to-{branch}`),
 * release pull request branches and temporary pick branches (both under `release-bot/`). Pure.
 * A pick branch named after `release-1.5` holds two numbers, so the release-branch filter alone
 * would read the configuration for each of them.
 */
import { RELEASE_PR_BRANCH_PREFIX } from "../release/commit.js";

const OWN_PREFIXES = ["cherry-pick-", RELEASE_PR_BRANCH_PREFIX];

export function isBotBranch(name: string): boolean {
  return OWN_PREFIXES.some((prefix) => name.startsWith(prefix));
}
