import type { Context } from "probot";
import { isBotBranch } from "../core/line/bot-branches.js";
import { formatLine, parseBranchName } from "../core/version/numbering.js";
import { cutFirstCandidate } from "../flows/release/first-candidate.js";
import { reportProblem } from "../github/problem-issue.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/**
 * Every branch pattern has `{major}` and `{minor}`, so a release branch name holds two separate
 * numbers. Branches without them (feature branches) and release-bot's own branches are
 * dropped before any API call, config included.
 */
const MAY_BE_RELEASE_BRANCH = /\d\D+\d/;

/** `create` of a branch: a new release branch gets its first candidate. Tags never start a flow. */
export async function onBranchCreated(
  context: Context<"create">,
  delivery: Delivery,
): Promise<void> {
  const { ref, ref_type: refType } = context.payload;
  if (refType !== "branch" || isBotBranch(ref) || !MAY_BE_RELEASE_BRANCH.test(ref)) return;
  const loaded = await delivery.config();
  if (!loaded.ok) {
    context.log.warn({ branch: ref, error: loaded.error }, "invalid configuration");
    await reportProblem(
      context.octokit,
      context.repo(),
      `release-bot: invalid configuration, \`${ref}\` got no release candidate`,
      `Branch \`${ref}\` was created, but ${loaded.error}\n\nFix the file, then run \`/rc\` with the branch's version in a comment to cut the candidate.`,
    );
    return;
  }
  const line = parseBranchName(loaded.config.branches.pattern, ref);
  if (!line) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const result = await cutFirstCandidate(ctx, line);
  context.log.info({ branch: ref, status: result.status }, result.message);
  if (result.status === "failed") {
    await reportProblem(
      context.octokit,
      context.repo(),
      `release-bot: could not cut the first candidate of \`${ref}\``,
      `${result.message}\n\nOnce fixed, comment \`/rc ${formatLine(line)}\` on any issue to cut it.`,
    );
  }
}
