/**
 * What to do for one target branch of a pick, from what GitHub holds. Pure: the flow reads, asks,
 * and does what the answer says. A pick of a merged pull request is decided in the order its
 * reads are made, so a target settled early costs no further call:
 *
 *   status comment's row      → decideFromStatus
 *   branch, pick pull request → decideFromBranch
 *   plan                      → decideFromPlan
 *   the engine's pick         → decideFromPick
 *
 * A request on an open pull request (picked at merge) is decided by decideRequest and
 * decideRequestFromBranch. Every answer that ends the target carries its `TargetReport`: the
 * state to record and the clause of the reply.
 */

import { pickPlanSummary } from "../release/dry-run-plan.js";
import type { Verdict } from "./approval.js";
import type { ConflictDetails } from "./manual-steps.js";
import type { PickCommit, PickPlan } from "./plan.js";
import { pickTitle } from "./pull-request.js";
import type { OnBaseCommit, TargetEntry, TargetState } from "./status.js";
import { isSettled, type PickTrigger } from "./status-decision.js";
import {
  cannotPickSummary,
  openedSummary,
  type PullLink,
  pendingRequestSummary,
  summarize,
} from "./summary.js";
import { isValidBranchName } from "./targets.js";
import type { WorkspaceRecord } from "./workspace.js";

export interface TargetReport {
  branch: string;
  /** The state reached; null when there is nothing to record (dry run). */
  state: TargetState | null;
  /** What happened, as a clause of a reply: "opened #12", "conflict ...". */
  summary: string;
  /** The pick pull request was opened by this delivery. */
  opened?: boolean;
}

/** One target of one pull request's picks. */
export interface PickTarget {
  branch: string;
  /** The branch that carries the pick (`cherry-pick-7-to-release-1.5`). */
  pickBranch: string;
  trigger: PickTrigger;
  link: PullLink;
  /** The target's row as the status comment recorded it before this delivery. */
  previous?: TargetEntry;
}

/** The target ends with the row as the status comment records it: nothing is written. */
export type Keep = { action: "keep"; report: TargetReport };
/** The target ends with this report; its state is recorded (`recordsOutcome`). */
export type Report = { action: "report"; report: TargetReport };
/** The target branch does not exist: the release branches are listed, for `missingReport`. */
export type ReportMissing = { action: "report-missing" };
export type ReadBranch = { action: "read-branch" };

/** Settled rows are kept unless a command asks again; a name no branch can have is missing. */
export function decideFromStatus(
  target: PickTarget,
  previous: TargetEntry | undefined,
): Keep | ReportMissing | ReadBranch {
  if (previous && target.trigger !== "command" && isSettled(previous)) {
    return keep(target, previous);
  }
  if (!isValidBranchName(target.branch)) return { action: "report-missing" };
  return { action: "read-branch" };
}

/** The most relevant pull request from the pick branch into the target: open, merged, closed. */
export interface ExistingPick {
  number: number;
  state: "open" | "closed";
  merged: boolean;
}

/**
 * An open or merged pick pull request is the pick. One closed without merging is a maintainer's
 * decision, respected unless a command asks again: then the pick starts over (`reset`).
 */
export function decideFromBranch<Head>(
  target: PickTarget,
  found: { head: Head | null; existing: ExistingPick | undefined },
): Report | ReportMissing | { action: "plan"; head: Head; reset: boolean } {
  const { head, existing } = found;
  if (head === null) return { action: "report-missing" };
  if (existing?.state === "open" || existing?.merged) {
    const state: TargetState = { state: existing.merged ? "merged" : "open", pr: existing.number };
    return record(target, state);
  }
  if (existing !== undefined && target.trigger !== "command") {
    return record(target, { state: "closed", pr: existing.number });
  }
  return { action: "plan", head, reset: existing !== undefined };
}

/**
 * A plan that cannot be made fails the target, and one whose rebase merge cannot be told gives
 * the pull request's commits to pick by hand; a dry run says what it would pick. A pick carries
 * the commits the rebase merge dropped (`onBase`), for the status row.
 */
export function decideFromPlan(
  target: PickTarget,
  plan: PickPlan,
  dryRun: boolean,
  pr: { number: number; title: string },
): Report | { action: "pick"; commits: PickCommit[]; onBase: OnBaseCommit[] } {
  const { branch } = target;
  if (!plan.ok && "byHand" in plan) {
    return record(target, {
      state: "unclear",
      unclear: {
        pickBranch: target.pickBranch,
        commits: plan.byHand,
        number: pr.number,
        title: pickTitle(branch, pr.title),
        reason: plan.reason,
      },
    });
  }
  if (!plan.ok) {
    const state: TargetState = { state: "failed", reason: plan.reason };
    return {
      action: "report",
      report: { branch, state, summary: cannotPickSummary(branch, plan.reason) },
    };
  }
  if (dryRun) {
    const summary = pickPlanSummary(branch, target.pickBranch, plan);
    return { action: "report", report: { branch, state: null, summary } };
  }
  return { action: "pick", commits: plan.commits, onBase: plan.dropped };
}

/** One sentence more on a target's row and in its reply clause. */
export function withNote(report: TargetReport, note: string | null): TargetReport {
  if (note === null || report.state === null) return report;
  return { ...report, state: { ...report.state, note }, summary: `${report.summary} (${note})` };
}

/** A conflict whose pick waits in a workspace: the row and the reply link its draft. */
export function withWorkspace(
  report: TargetReport,
  workspace: WorkspaceRecord,
  link: PullLink,
): TargetReport {
  if (report.state?.state !== "conflict") return report;
  const state: TargetState = {
    ...report.state,
    conflict: { ...report.state.conflict, workspace },
  };
  return { ...report, state, summary: summarize({ branch: report.branch, ...state }, link) };
}

/** The report of a pick whose rebase merge dropped commits names them in its row. */
export function withOnBase(report: TargetReport, onBase: readonly OnBaseCommit[]): TargetReport {
  if (report.state === null || onBase.length === 0) return report;
  return { ...report, state: { ...report.state, onBase: [...onBase] } };
}

/** What the engine answered (`github/pick/engine.ts`), as far as the decision needs it. */
export type PickResult =
  | { status: "picked" | "finished" | "empty" | "foreign" }
  | { status: "conflict"; commit: { sha: string } };

/**
 * A pick on the pick branch gets its pull request; commits all on the branch are "already";
 * a pick branch someone else pushed to is left alone and reported; a conflict is reported with
 * the files and the commands to pick by hand (`conflictReport`, once those are read).
 */
export function decideFromPick(
  target: PickTarget,
  result: PickResult,
): Report | { action: "open-pull-request" } | { action: "report-conflict"; at: string } {
  switch (result.status) {
    case "picked":
    case "finished":
      return { action: "open-pull-request" };
    case "empty":
      return record(target, { state: "already" });
    case "foreign":
      return record(target, { state: "branch", pickBranch: target.pickBranch });
    case "conflict":
      return { action: "report-conflict", at: result.commit.sha };
  }
}

/** The pick pull request is open: opened now (said so), or by another delivery a moment ago. */
export function openedReport(
  target: PickTarget,
  opened: { number: number; created: boolean },
): TargetReport {
  const state: TargetState = { state: "open", pr: opened.number };
  const summary = opened.created
    ? openedSummary(target.branch, opened.number, target.link)
    : summarize({ branch: target.branch, ...state }, target.link);
  return { branch: target.branch, state, summary, opened: opened.created };
}

/** Most files listed as likely conflicts. */
export const MAX_CONFLICT_FILES = 30;

/** The commit the picked commits start from: what the target is compared with for conflicts. */
export function conflictBase(commits: readonly PickCommit[], headSha: string): string {
  return commits[0]?.parentSha ?? headSha;
}

/**
 * A conflict, with what it takes to pick by hand. The likely files are those the pull request
 * changes that also changed on the target since `conflictBase`.
 */
export function conflictReport(
  target: PickTarget,
  input: {
    pr: { number: number; title: string; baseRef: string };
    commits: readonly PickCommit[];
    at: string;
    /** The paths the pull request changes; `more` when it changes more than were listed. */
    touched: { paths: readonly string[]; more: boolean };
    /** The paths changed on the target since `conflictBase`; `more` when not all were listed. */
    changed: { paths: readonly string[]; more: boolean };
  },
): TargetReport {
  const onBranch = new Set(input.changed.paths);
  const likely = [...new Set(input.touched.paths.filter((path) => onBranch.has(path)))];
  const conflict: ConflictDetails = {
    pickBranch: target.pickBranch,
    commits: input.commits.map((c) => c.sha),
    at: input.at,
    files: likely.slice(0, MAX_CONFLICT_FILES),
    moreFiles: likely.length > MAX_CONFLICT_FILES || input.touched.more || input.changed.more,
    source: input.pr.baseRef,
    number: input.pr.number,
    title: pickTitle(target.branch, input.pr.title),
  };
  return report(target, { state: "conflict", conflict });
}

/** The target branch does not exist: the reply names those that do. */
export function missingReport(
  target: { branch: string; link: PullLink },
  releaseBranches: string[],
): TargetReport {
  return report(target, { state: "missing", releaseBranches });
}

/** GitHub failed in a way no decision foresaw: this target fails, the others go on. */
export function failedReport(
  target: { branch: string; link: PullLink },
  reason: string,
): TargetReport {
  return report(target, { state: "failed", reason });
}

/**
 * A request on an open pull request: anything but a missing branch, a failure or a row left by
 * a close without merge (the reopen missed) is kept; a wait for an approver is kept unless this
 * request is approved.
 */
export function decideRequest(
  target: { branch: string; link: PullLink },
  previous: TargetEntry | undefined,
  approved = true,
): Keep | ReportMissing | ReadBranch {
  // Pending already, or picked since (a late or redelivered event from before the merge).
  const redo = ["missing", "failed", "unmerged", ...(approved ? ["awaiting"] : [])];
  if (previous && !redo.includes(previous.state)) {
    return keep(target, previous);
  }
  if (!isValidBranchName(target.branch)) return { action: "report-missing" };
  return { action: "read-branch" };
}

/**
 * A request for a branch that exists is pending, picked when the pull request is merged; one
 * that is not approved waits for an approver (`verdict`).
 */
export function decideRequestFromBranch(
  target: { branch: string; link: PullLink },
  exists: boolean,
  number: number,
  verdict: Verdict = { approved: true },
): Report | ReportMissing {
  if (!exists) return { action: "report-missing" };
  if (!verdict.approved) {
    const { requester, label } = verdict;
    return record(target, { state: "awaiting", requester, label });
  }
  const summary = pendingRequestSummary(target.branch, number);
  return {
    action: "report",
    report: { branch: target.branch, state: { state: "pending" }, summary },
  };
}

function keep(target: { link: PullLink }, previous: TargetEntry): Keep {
  return {
    action: "keep",
    report: { branch: previous.branch, state: previous, summary: summarize(previous, target.link) },
  };
}

function record(target: { branch: string; link: PullLink }, state: TargetState): Report {
  return { action: "report", report: report(target, state) };
}

function report(target: { branch: string; link: PullLink }, state: TargetState): TargetReport {
  const entry: TargetEntry = { branch: target.branch, ...state };
  return { branch: target.branch, state, summary: summarize(entry, target.link) };
}
