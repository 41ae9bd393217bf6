/**
 * Cherry-picks of a merged pull request onto release branches: reads the status comment,
 * decides per target what to do from what GitHub holds (`core/pick/decision.ts`), does it
 * (`target.ts`), and records the outcome in the status comment. Each target is
 * independent: a conflict or an error on one does not stop the others.
 */

import { holdUnapproved } from "../../core/pick/approval.js";
import { decideFromStatus, type PickTarget, type TargetReport } from "../../core/pick/decision.js";
import { applyChanges, type TargetState, targetState } from "../../core/pick/status.js";
import {
  keepOnBase,
  type PickTrigger,
  recordsOutcome,
  withdrawnAtMerge,
} from "../../core/pick/status-decision.js";
import { pickBranchName } from "../../core/pick/targets.js";
import { readPickStatus } from "../../github/pick/status-comment.js";
import type { PullRequestInfo } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import { pullLink } from "../links.js";
import type { PickApproval } from "./approval.js";
import { pickReads } from "./reads.js";
import { updateFailedLabel, writeStatus } from "./record.js";
import { pickOnto } from "./target.js";

export interface PickOptions {
  trigger: PickTrigger;
  /** Whether each target may be picked now (`cherryPick.approval: owners`); absent: all may. */
  approval?: PickApproval | null;
}

export interface PicksReport {
  targets: TargetReport[];
  /** The status comment's address, when one was written or exists. */
  statusUrl: string | null;
}

/**
 * Picks a merged pull request onto each target. Targets whose status comment says they are
 * settled (pick open or merged, already there, conflict, pick closed) are skipped unless a
 * command asks again; everything else is re-derived from GitHub, so a redelivery creates nothing
 * twice and an interrupted pick is finished.
 */
export async function pickMergedPullRequest(
  ctx: FlowContext,
  pr: PullRequestInfo,
  targets: readonly string[],
  options: PickOptions,
): Promise<PicksReport> {
  const read = await readPickStatus(ctx.github, ctx.repo, pr.number);
  const reads = pickReads(ctx, pr);
  const withdrawn = withdrawnAtMerge(read.status, targets, options.trigger);
  const changes = new Map<string, TargetState | null>(withdrawn.map((branch) => [branch, null]));
  const reports: TargetReport[] = [];

  for (const branch of targets) {
    const target = {
      ...pickTarget(ctx, pr.number, branch, options.trigger),
      previous: targetState(read.status, branch),
    };
    const decision = decideFromStatus(target, targetState(read.status, branch));
    if (decision.action === "keep") {
      const state = decision.report.state?.state;
      ctx.log.info({ pull: pr.number, branch, state }, "pick already settled");
      reports.push(decision.report);
      continue;
    }
    const previous = targetState(read.status, branch);
    const verdict = options.approval ? await options.approval.verdict(branch, previous) : null;
    if (verdict !== null && !verdict.approved) {
      const held = holdUnapproved(target, previous, verdict);
      if (held.action === "record") changes.set(branch, held.report.state);
      reports.push(held.report);
      continue;
    }
    const report = await pickOnto(ctx, reads, target, decision.action);
    if (recordsOutcome(report.state, options.trigger)) {
      changes.set(branch, keepOnBase(report.state, targetState(read.status, branch)));
    }
    reports.push(report);
  }

  const statusUrl = await writeStatus(ctx, pr.number, read, changes);
  await updateFailedLabel(ctx, pr, applyChanges(read.status, changes), changes.size > 0);
  return { targets: reports, statusUrl };
}

/** A target of this delivery: its pick branch, and how its replies link pull requests. */
function pickTarget(
  ctx: FlowContext,
  number: number,
  branch: string,
  trigger: PickTrigger,
): PickTarget {
  return {
    branch,
    pickBranch: pickBranchName(ctx.config.cherryPick.branchName, number, branch),
    trigger,
    link: (pull) => pullLink(ctx, pull),
  };
}
