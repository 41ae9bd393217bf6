/**
 * Publishing GitHub releases as drafts first (`release.publish: draft`) and what GitHub's
 * immutable releases mean for a name. Pure.
 *
 * - A draft is published by `/publish X.Y.Z`, or after a successful run of the `publishAfter`
 *   workflow on the tag's commit (`workflow_run.path` is `.github/workflows/<file>`).
 * - A name used by a deleted immutable release can never be tagged again: GitHub refuses the
 *   ref with a "Restrict creations" rule refusal (GH013 on a push) that no ruleset explains, or a
 *   release with `tag_name was used by an immutable release`
 *   (https://docs.github.com/en/code-security/concepts/supply-chain-security/immutable-releases).
 * - A release whose commit changes `.github/workflows/` compared with the default branch is
 *   refused 404 (or 403) to a token without the Workflows permission
 *   (https://docs.github.com/en/rest/releases/releases#create-a-release).
 */
import semver, { type SemVer } from "semver";
import { violatedRuleTypes } from "../rules/refusal.js";
import { isCandidate, parseTag } from "../version/numbering.js";

/**
 * The version `/publish` names: `1.5.0`, `1.5.0-rc.1`, or the tag (`v1.5.0`); only the bot's
 * kinds of versions (a final or `-rc.N`, no build metadata). Null otherwise.
 */
export function publishVersion(target: string, tagFormat: string): SemVer | null {
  const version = parseTag(tagFormat, target) ?? semver.parse(target);
  if (version === null || version.build.length > 0) return null;
  return version.prerelease.length === 0 || isCandidate(version) ? version : null;
}

/** Whether a run's workflow (`.github/workflows/release.yaml`) is the configured `publishAfter`. */
export function isPublishAfterWorkflow(publishAfter: string, path: string): boolean {
  const file = publishAfter.replace(/^\.\//, "");
  return file.includes("/") ? path === file : path === `.github/workflows/${file}`;
}

const BURNED = /tag_name was used by an immutable release/i;

/** A release refused because its name belonged to a deleted immutable release. */
export function namesBurnedTag(message: string): boolean {
  return BURNED.test(message);
}

/**
 * A ref refusal that could be a burned name: "Restrict creations" alone (GitHub gives a burned
 * name the words of that rule); the caller confirms that no ruleset restricts the tag.
 */
export function isCreationRefusal(status: number, message: string): boolean {
  const rules = violatedRuleTypes(message);
  return status === 422 && rules.length === 1 && rules[0] === "creation";
}

/**
 * Why GitHub answered a release write (create, publish) 404 or 403: the release's commit
 * changes workflow files, and the token lacks Workflows. Null for any other answer.
 */
export function releaseWriteRefusal(status: number, message: string): string | null {
  const missing =
    status === 404 || (status === 403 && /not accessible by integration/i.test(message));
  if (!missing) return null;
  return `GitHub answered ${status}: the tagged commit changes files under \`.github/workflows/\` compared with the default branch, and then a release needs the App's \`workflows: write\` permission; an organization owner must grant Workflows (read and write) to the App and accept the new permission on the installation (run as a GitHub Action, use an App token: the workflow's GITHUB_TOKEN can never have it)`;
}

/** GitHub's `make_latest`: finals by date and SemVer ("legacy"), pre-releases never. */
export function makeLatest(prerelease: boolean): "legacy" | "false" {
  return prerelease ? "false" : "legacy";
}
