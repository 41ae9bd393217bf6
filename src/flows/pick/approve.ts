import { awaitingTargets } from "../../core/pick/approval.js";
import { readPickStatus } from "../../github/pick/status-comment.js";
import type { PullRequestInfo } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import { isOwnersApprover } from "../owners/approvers.js";
import type { PickApproval } from "./approval.js";
import { type PicksReport, pickMergedPullRequest } from "./merged.js";
import { requestPicksAtMerge } from "./requests.js";

const APPROVED: PickApproval = { verdict: async () => ({ approved: true }) };

/**
 * `sender` added an approval label (`checks.approvalLabels`) to a pull request. When they are an
 * approver in OWNERS, the picks waiting for one go ahead: made now on a merged pull request,
 * pending (made at the merge) on an open one. Null when nothing waits, the sender is not an
 * approver, or the pull request was closed without merging (its rows wait for a reopen).
 * A redelivery finds no row waiting any more, so the picks are made once.
 */
export async function approveWaitingPicks(
  ctx: FlowContext,
  pr: PullRequestInfo,
  sender: string,
): Promise<PicksReport | null> {
  if (pr.state === "closed" && !pr.merged) return null;
  const read = await readPickStatus(ctx.github, ctx.repo, pr.number);
  const waiting = awaitingTargets(read.status.targets);
  if (waiting.length === 0) return null;
  if (!(await isOwnersApprover(ctx, sender))) {
    ctx.log.info(
      { pull: pr.number, sender },
      "approval label added by someone who is not an approver",
    );
    return null;
  }
  const options = { trigger: "label" as const, approval: APPROVED };
  return pr.merged
    ? pickMergedPullRequest(ctx, pr, waiting, options)
    : requestPicksAtMerge(ctx, pr, waiting, options);
}
