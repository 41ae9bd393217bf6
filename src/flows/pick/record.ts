/**
 * Records the outcome of picks: the status comment, written only when it changes, and the failed
 * label that follows its conflicts.
 */
import type { PickStatus, TargetState } from "../../core/pick/status.js";
import { changesStatus, failedLabelChange } from "../../core/pick/status-decision.js";
import { requestLabelPrefixes } from "../../core/pick/targets.js";
import { type StatusRead, updatePickStatus } from "../../github/pick/status-comment.js";
import { addLabels, removeLabel } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";

/** Writes the changes when they change anything; returns the status comment's address. */
export async function writeStatus(
  ctx: FlowContext,
  number: number,
  read: StatusRead,
  changes: ReadonlyMap<string, TargetState | null>,
): Promise<string | null> {
  const existingUrl = read.comments[0]?.url ?? null;
  if (!changesStatus(read.status, changes) || ctx.config.dryRun) return existingUrl;
  const written = await updatePickStatus(ctx.github, ctx.repo, number, changes, {
    labelPrefix: labelPrefix(ctx),
  });
  return written.url;
}

/** Adds or removes the failed label after a delivery's changes to the status. */
export async function updateFailedLabel(
  ctx: FlowContext,
  pr: { number: number; labels: readonly string[] },
  status: PickStatus,
  changed: boolean,
): Promise<void> {
  if (ctx.config.dryRun) return;
  const label = ctx.config.cherryPick.failedLabel;
  const change = failedLabelChange({ status, changed, hasLabel: pr.labels.includes(label) });
  if (change === "add") await addLabels(ctx.github, ctx.repo, pr.number, [label]);
  if (change === "remove") await removeFailedLabel(ctx, pr.number);
}

export async function removeFailedLabel(ctx: FlowContext, number: number): Promise<void> {
  await removeLabel(ctx.github, ctx.repo, number, ctx.config.cherryPick.failedLabel);
}

/** The label prefix the status comment's how-to line shows: the first configured one. */
export function labelPrefix(ctx: FlowContext): string {
  return requestLabelPrefixes(ctx.config)[0] ?? "cherry-pick/";
}
