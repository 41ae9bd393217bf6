import type { Context } from "probot";
import { tagOfReleasePullRequestBranch } from "../core/release/commit.js";
import { parseBranchName } from "../core/version/numbering.js";
import { tagMergedReleasePullRequest } from "../flows/release/tag-merged-pull-request.js";
import { upsertMarkedComment } from "../github/comments.js";
import { reportProblem } from "../github/problem-issue.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/** The marker of the one comment on a release pull request that says how its tagging went. */
const TAG_COMMENT = "release-pr-tag";

/** A merged `Release vX.Y.Z` pull request of the bot: tag its merge commit. */
export async function onReleasePullRequestClosed(
  context: Context<"pull_request.closed">,
  delivery: Delivery,
): Promise<void> {
  const pr = context.payload.pull_request;
  // Checked on the payload alone: other pull requests cost no API call.
  if (!pr.merged || !pr.merge_commit_sha || !tagOfReleasePullRequestBranch(pr.head.ref)) return;
  // A fork can name a branch anything; only the bot's own branch in this repository counts.
  if (pr.head.repo?.full_name !== context.payload.repository.full_name) return;
  const loaded = await delivery.config();
  if (!loaded.ok) {
    await upsertMarkedComment(
      context.octokit,
      context.repo(),
      pr.number,
      TAG_COMMENT,
      `The merge commit was not tagged: ${loaded.error} Fix it, then comment \`/rc\` or \`/release\` again.`,
    );
    return;
  }
  const line = parseBranchName(loaded.config.branches.pattern, pr.base.ref);
  if (!line) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const result = await tagMergedReleasePullRequest(ctx, line, {
    headRef: pr.head.ref,
    baseRef: pr.base.ref,
    mergeCommitSha: pr.merge_commit_sha,
  });
  if (!result) return;
  context.log.info({ pull: pr.number, status: result.status }, result.message);
  // A redelivery finds the tag made: the first comment already says so, in better words.
  await upsertMarkedComment(
    context.octokit,
    context.repo(),
    pr.number,
    TAG_COMMENT,
    result.message,
    { keepExisting: result.status === "unchanged" },
  );
  if (result.status === "failed") {
    await reportProblem(
      context.octokit,
      context.repo(),
      `release-bot: could not tag ${pr.head.ref}`,
      result.message,
    );
  }
}
