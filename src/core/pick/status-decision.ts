/**
 * Which rows of the cherry-pick status comment change, and what follows for the failed label.
 * Pure: the flows read the comment, ask these, and write what they answer.
 */
import { type PickStatus, type TargetEntry, type TargetState, targetState } from "./status.js";

/** What asked for the picks; a command re-checks everything, events trust the status comment. */
export type PickTrigger = "merged" | "label" | "command";

/** Settled targets are not picked again on a redelivery or a new label; a command re-checks them. */
export function isSettled(entry: TargetState): boolean {
  return ["open", "merged", "already", "conflict", "unclear", "closed", "branch"].includes(
    entry.state,
  );
}

/**
 * Whether a target's outcome goes into the status comment. A missing branch named in a command
 * is only answered: the row would stay after the typo is corrected.
 */
export function recordsOutcome(
  state: TargetState | null,
  trigger: PickTrigger,
): state is TargetState {
  return state !== null && !(trigger === "command" && state.state === "missing");
}

/**
 * The state a target's row records: the commits the rebase merge dropped stay named when a later
 * delivery reports the target from its pick pull request alone, without the plan.
 */
export function keepOnBase(state: TargetState, previous: TargetEntry | undefined): TargetState {
  if (state.onBase !== undefined || previous?.onBase === undefined) return state;
  return { ...state, onBase: previous.onBase };
}

/**
 * At the merge, requests withdrawn before it (their label removed) leave the comment: the
 * pending rows (or rows of a close since undone) of branches the labels no longer ask for.
 */
export function withdrawnAtMerge(
  status: PickStatus,
  targets: readonly string[],
  trigger: PickTrigger,
): string[] {
  if (trigger !== "merged") return [];
  return status.targets
    .filter((entry) => isRequest(entry) && !targets.includes(entry.branch))
    .map((entry) => entry.branch);
}

/** Whether the changes make the status differ from what it holds: if not, nothing is written. */
export function changesStatus(
  before: PickStatus,
  changes: ReadonlyMap<string, TargetState | null>,
): boolean {
  return [...changes].some(([branch, state]) => {
    const previous = targetState(before, branch);
    if (state === null) return previous !== undefined;
    return JSON.stringify(previous ?? null) !== JSON.stringify({ branch, ...state });
  });
}

/**
 * A conflict adds the failed label; once the status shows no conflict, it goes. Only a delivery
 * that changed the status touches the label, so a redelivery leaves it as people set it.
 */
export function failedLabelChange(input: {
  /** The status with this delivery's changes applied. */
  status: PickStatus;
  changed: boolean;
  hasLabel: boolean;
}): "add" | "remove" | "none" {
  if (!input.changed) return "none";
  const conflict = hasConflict(input.status);
  if (conflict && !input.hasLabel) return "add";
  if (!conflict && input.hasLabel) return "remove";
  return "none";
}

/**
 * The row a closed pick pull request leaves on the original: merged or closed. Null (nothing
 * changes) when the original has no status comment, so a branch that merely looks like a pick
 * branch changes nothing, or when the row records another pick pull request.
 */
export function closedPickState(
  read: { hasComment: boolean; previous: TargetEntry | undefined },
  pick: { number: number; merged: boolean },
): TargetState | null {
  if (!read.hasComment) return null;
  const { previous } = read;
  if (previous && "pr" in previous && previous.pr !== pick.number) return null;
  const onBase = previous?.onBase ? { onBase: previous.onBase } : {};
  return { state: pick.merged ? "merged" : "closed", pr: pick.number, ...onBase };
}

/**
 * The pull request was closed without merging (`unmerged`) or reopened (`pending`): the rows
 * of its requests say what the merge would pick, or that nothing is. Other rows stay.
 */
export function requestRowsAt(
  status: PickStatus,
  event: "closed" | "reopened",
): Map<string, TargetState> {
  const from = event === "closed" ? "pending" : "unmerged";
  const to: TargetState = { state: event === "closed" ? "unmerged" : "pending" };
  return new Map(
    status.targets.filter((entry) => entry.state === from).map((entry) => [entry.branch, to]),
  );
}

/**
 * Whether merging a pick pull request resolved the last conflict: a conflict picked by hand
 * under the pick branch's name, merged, with no other conflict left. The failed label then goes.
 */
export function resolvesLastConflict(
  previous: TargetEntry | undefined,
  pick: { merged: boolean },
  written: PickStatus,
): boolean {
  return needsHands(previous) && pick.merged && !hasConflict(written);
}

/**
 * Whether removing a pick label withdraws its row: a pending request, one waiting for an
 * approver, or a missing branch does; the rows of picks already made stay.
 */
export function withdrawsRequest(previous: TargetEntry | undefined): boolean {
  return ["pending", "awaiting", "missing"].includes(previous?.state ?? "");
}

/** A conflict, or a rebase merge release-bot could not tell: both are picked by hand. */
function hasConflict(status: PickStatus): boolean {
  return status.targets.some(needsHands);
}

function needsHands(entry: TargetEntry | undefined): boolean {
  return entry?.state === "conflict" || entry?.state === "unclear";
}

function isRequest(entry: TargetEntry): boolean {
  return entry.state === "pending" || entry.state === "unmerged";
}
