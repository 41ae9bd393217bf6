/**
 * A new pick pull request gets what the original had (`cherryPick.copy`: labels, assignees,
 * milestone, requested reviewers; its author always), and, opted in, GitHub's auto-merge
 * (`cherryPick.autoMerge`). Returns the sentence its row and reply get, when there is one.
 */
import { autoMergeNote, pickCopies } from "../../core/pick/pull-request.js";
import {
  decoratePullRequest,
  enableAutoMerge,
  requestReviewers,
} from "../../github/pull-extras.js";
import type { PullRequestInfo } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";

export async function decoratePick(
  ctx: FlowContext,
  pick: { number: number; nodeId?: string },
  original: PullRequestInfo,
  options: { extraLabels?: readonly string[]; autoMerge: boolean },
): Promise<string | null> {
  const copies = pickCopies(original, ctx.config);
  const labels = [...new Set([...copies.labels, ...(options.extraLabels ?? [])])];
  const { assigned } = await decoratePullRequest(ctx.github, ctx.repo, pick.number, {
    ...copies,
    labels,
  });
  if (!assigned) {
    ctx.log.info(
      { pull: pick.number, assignees: copies.assignees },
      "GitHub refused the assignees",
    );
  }
  const reviews = await requestReviewers(ctx.github, ctx.repo, pick.number, copies.reviewers);
  if (reviews.refusal) {
    ctx.log.info({ pull: pick.number, refusal: reviews.refusal }, "GitHub refused the reviewers");
  }
  const method = ctx.config.cherryPick.autoMerge;
  if (!options.autoMerge || method === false) return null;
  if (!pick.nodeId) return null;
  const outcome = await enableAutoMerge(ctx.github, pick.nodeId, method);
  return autoMergeNote(method, outcome);
}
