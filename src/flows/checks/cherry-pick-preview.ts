/**
 * The cherry-pick preview of an open pull request onto one target branch: its changes (from
 * where it branched off its base to its head) merged here onto the target's head with git's
 * merge, reported as the check run `cherry-pick preview (<branch>)` on its head. Reads only,
 * plus the one check run; never queued: each run merges the heads of the moment, and a run
 * whose target branch moved meanwhile leaves the report to the run the move started.
 *
 * Calls, for a change of n paths of which c changed on both sides: 1 (the target's head, unless
 * the push gave it) + 1 (compare) + 2n + c (versions) + 1 (the head again) + 1 write (check).
 */
import {
  previewCheckName,
  previewResult,
  previewUnknown,
  previewWithdrawn,
} from "../../core/checks/cherry-pick-preview.js";
import { pickOptions } from "../../core/pick/merge/merge3.js";
import { getBranchHead } from "../../github/branches.js";
import { reportCheck } from "../../github/check-runs.js";
import type { FlowContext } from "../context.js";
import { mergeLocally } from "../pick/local-merge.js";

export interface PreviewedPull {
  number: number;
  headSha: string;
  /** The branch it goes into (its changes start where it branched off this). */
  baseRef: string;
}

/** Previews the pick onto `branch`; `branchHead` when the caller knows it (a push). */
export async function previewPick(
  ctx: FlowContext,
  pr: PreviewedPull,
  branch: string,
  branchHead?: string,
): Promise<void> {
  if (!ctx.config.checks.cherryPickPreview) return;
  const name = previewCheckName(branch);
  const ours = branchHead ?? (await getBranchHead(ctx.github, ctx.repo, branch))?.sha;
  if (ours === undefined) {
    const result = previewUnknown(branch, `The branch \`${branch}\` does not exist.`);
    await reportCheck(ctx.github, ctx.repo, { name, headSha: pr.headSha, result });
    return;
  }
  const merged = await mergeLocally(
    ctx,
    { base: pr.baseRef, theirs: pr.headSha, ours },
    pickOptions(branch, `${pr.headSha.slice(0, 12)} (#${pr.number})`),
  );
  const result = merged.ok
    ? previewResult({ branch, branchHead: ours, merges: merged.paths.map((p) => p.merge) })
    : previewUnknown(branch, merged.reason);
  const now = (await getBranchHead(ctx.github, ctx.repo, branch))?.sha;
  if (now !== ours) {
    ctx.log.info({ pull: pr.number, branch }, "preview dropped: the branch moved meanwhile");
    return;
  }
  await reportCheck(ctx.github, ctx.repo, { name, headSha: pr.headSha, result });
}

/** A target no longer requested: its preview says so, so a failing verdict does not linger. */
export async function withdrawPreview(
  ctx: FlowContext,
  pr: PreviewedPull,
  branch: string,
): Promise<void> {
  if (!ctx.config.checks.cherryPickPreview) return;
  await reportCheck(ctx.github, ctx.repo, {
    name: previewCheckName(branch),
    headSha: pr.headSha,
    result: previewWithdrawn(branch),
  });
}
