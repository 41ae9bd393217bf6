/**
 * The status comment's rows outside the pick itself: requests on an open pull request (picked
 * at merge), requests withdrawn with their label, the pull request closed without merging or
 * reopened, and the pick pull request merged or closed.
 */

import {
  decideRequest,
  decideRequestFromBranch,
  missingReport,
  type TargetReport,
} from "../../core/pick/decision.js";
import { type TargetState, targetState } from "../../core/pick/status.js";
import {
  closedPickState,
  recordsOutcome,
  requestRowsAt,
  resolvesLastConflict,
  withdrawsRequest,
} from "../../core/pick/status-decision.js";
import { getBranchHead } from "../../github/branches.js";
import { readPickStatus, updatePickStatus } from "../../github/pick/status-comment.js";
import type { PullRequestInfo } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import { pullLink } from "../links.js";
import type { PickOptions, PicksReport } from "./merged.js";
import { pickReads } from "./reads.js";
import { labelPrefix, removeFailedLabel, writeStatus } from "./record.js";

/**
 * Records picks requested on an open pull request (label or command) as pending: they are made
 * when it is merged. A target branch that does not exist is reported instead.
 */
export async function requestPicksAtMerge(
  ctx: FlowContext,
  pr: PullRequestInfo,
  targets: readonly string[],
  options: PickOptions,
): Promise<PicksReport> {
  const read = await readPickStatus(ctx.github, ctx.repo, pr.number);
  const reads = pickReads(ctx, pr);
  const changes = new Map<string, TargetState | null>();
  const reports: TargetReport[] = [];
  for (const branch of targets) {
    const target = { branch, link: (pull: number) => pullLink(ctx, pull) };
    const previous = targetState(read.status, branch);
    // A row kept whatever the verdict (pending, picked) needs none: no read for it.
    const settled = decideRequest(target, previous, false).action === "keep";
    const verdict =
      options.approval && !(settled && previous?.state !== "awaiting")
        ? await options.approval.verdict(branch, previous)
        : undefined;
    const decision = decideRequest(target, previous, verdict?.approved ?? true);
    if (decision.action === "keep") {
      reports.push(decision.report);
      continue;
    }
    const found =
      decision.action === "read-branch"
        ? decideRequestFromBranch(
            target,
            (await getBranchHead(ctx.github, ctx.repo, branch)) !== null,
            pr.number,
            verdict,
          )
        : decision;
    const report =
      found.action === "report"
        ? found.report
        : missingReport(target, await reads.releaseBranches());
    if (recordsOutcome(report.state, options.trigger)) changes.set(branch, report.state);
    reports.push(report);
  }
  const statusUrl = ctx.config.dryRun ? null : await writeStatus(ctx, pr.number, read, changes);
  return { targets: reports, statusUrl };
}

/**
 * A pick pull request was merged or closed: its target's row on the original pull request says
 * so. Only pull requests with a status comment are touched, so a branch that merely looks like
 * a pick branch changes nothing.
 */
export async function recordPickPullRequestClosed(
  ctx: FlowContext,
  original: number,
  branch: string,
  pick: { number: number; merged: boolean },
): Promise<void> {
  const read = await readPickStatus(ctx.github, ctx.repo, original);
  const previous = targetState(read.status, branch);
  const state = closedPickState({ hasComment: read.comments.length > 0, previous }, pick);
  if (state === null || ctx.config.dryRun) return;
  const written = await updatePickStatus(
    ctx.github,
    ctx.repo,
    original,
    new Map([[branch, state]]),
    { labelPrefix: labelPrefix(ctx) },
  );
  if (resolvesLastConflict(previous, pick, written.status)) await removeFailedLabel(ctx, original);
}

/**
 * A pick label was removed from an open pull request: the request's row (pending, or the branch
 * is missing) leaves the status comment, so it shows only what the merge will pick. Rows of
 * picks already made stay. Returns whether the comment changed.
 */
export async function withdrawPickRequest(
  ctx: FlowContext,
  number: number,
  branch: string,
): Promise<boolean> {
  const read = await readPickStatus(ctx.github, ctx.repo, number);
  if (!withdrawsRequest(targetState(read.status, branch)) || ctx.config.dryRun) return false;
  await updatePickStatus(ctx.github, ctx.repo, number, new Map([[branch, null]]), {
    labelPrefix: labelPrefix(ctx),
  });
  return true;
}

/**
 * The pull request was closed without merging: its pending rows say nothing was picked. Reopened:
 * they are pending again. Returns whether the comment changed.
 */
export async function recordRequestsAt(
  ctx: FlowContext,
  number: number,
  event: "closed" | "reopened",
): Promise<boolean> {
  const read = await readPickStatus(ctx.github, ctx.repo, number);
  const changes = requestRowsAt(read.status, event);
  if (changes.size === 0 || ctx.config.dryRun) return false;
  await writeStatus(ctx, number, read, changes);
  return true;
}
