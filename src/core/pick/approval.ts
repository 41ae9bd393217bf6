/**
 * Picks that wait for an approver (`cherryPick.approval: owners`), as Kubernetes' cherry-pick
 * approval and Prow's `cherry-pick-unapproved` plugin have it: a pick asked for by someone who
 * is not an approver is recorded as waiting, and happens once an approver adds an approval label
 * or asks for it themselves. Pure: the flows read who asked and who labelled, and ask these.
 */
import type { TargetReport } from "./decision.js";
import type { TargetEntry, TargetState } from "./status.js";
import { isSettled } from "./status-decision.js";
import { type PullLink, summarize } from "./summary.js";

/** Whether a target's pick may happen now, and if not, who asked and what approves it. */
export type Verdict =
  | { approved: true }
  | {
      approved: false;
      /** Who asked for the pick, as the status row names them. */
      requester: string;
      /** The approval label an approver adds to let it happen. */
      label: string;
    };

/** A `labeled` or `unlabeled` event of the pull request, as GitHub's issue events list it. */
export interface LabelEvent {
  event: "labeled" | "unlabeled";
  label: string;
  actor: string | null;
}

/**
 * Who added each label the pull request carries now: the actor of its newest `labeled` event,
 * by label name in lower case (GitHub's label names are case-insensitive). A label removed since
 * has no adder.
 */
export function labelAdders(events: readonly LabelEvent[]): Map<string, string> {
  const adders = new Map<string, string>();
  for (const { event, label, actor } of events) {
    const key = label.toLowerCase();
    // A label added by an account GitHub no longer knows (a ghost) has no adder to ask about.
    if (event === "labeled" && actor !== null) adders.set(key, actor);
    else adders.delete(key);
  }
  return adders;
}

/**
 * The verdict on a request: approved when the requester is an approver or an approver added one
 * of the approval labels the pull request carries; otherwise it waits, naming the requester.
 */
export function requestVerdict(input: {
  requester: string;
  requesterApproves: boolean;
  approvedByLabel: boolean;
  approvalLabel: string;
}): Verdict {
  if (input.requesterApproves || input.approvedByLabel) return { approved: true };
  return { approved: false, requester: input.requester, label: input.approvalLabel };
}

/**
 * At the merge (or a later sweep), a row the request left says whether it was approved: pending
 * (approved when asked for) or settled (picked already). Anything else is decided from who
 * added the labels.
 */
export function approvedByRow(previous: TargetEntry | undefined): boolean {
  return previous !== undefined && (previous.state === "pending" || isSettled(previous));
}

/**
 * A request that is not approved: a row that already says more (a pick made, a conflict, or the
 * same wait) is kept as it is; anything else waits for an approver.
 */
export function holdUnapproved(
  target: { branch: string; link: PullLink },
  previous: TargetEntry | undefined,
  verdict: Extract<Verdict, { approved: false }>,
): { action: "keep" | "record"; report: TargetReport } {
  if (previous !== undefined && (isSettled(previous) || previous.state === "awaiting")) {
    return { action: "keep", report: reportOf(target, previous) };
  }
  const state: TargetState = {
    state: "awaiting",
    requester: verdict.requester,
    label: verdict.label,
  };
  return { action: "record", report: reportOf(target, { branch: target.branch, ...state }) };
}

/** The rows an approver's approval label lets go: every target waiting for one. */
export function awaitingTargets(rows: readonly TargetEntry[]): string[] {
  return rows.filter((row) => row.state === "awaiting").map((row) => row.branch);
}

function reportOf(target: { branch: string; link: PullLink }, entry: TargetEntry): TargetReport {
  return { branch: target.branch, state: entry, summary: summarize(entry, target.link) };
}
