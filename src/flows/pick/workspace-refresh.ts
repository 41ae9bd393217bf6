/**
 * `/cherry-pick` again on a pick that waits in a workspace: the workspace is made again on the
 * target branch's new head, only when nobody has pushed to it (its head is still the commit the
 * status row records) and the branch has moved since. Someone's resolution is never replaced.
 * When the pick now applies cleanly, the draft holds the clean pick and loses the conflict label.
 */

import {
  conflictBase,
  conflictReport,
  decideFromPlan,
  openedReport,
  type PickTarget,
  type TargetReport,
  withNote,
  withWorkspace,
} from "../../core/pick/decision.js";
import { pickBody } from "../../core/pick/pull-request.js";
import type { TargetEntry } from "../../core/pick/status.js";
import { summarize } from "../../core/pick/summary.js";
import type { BranchHead } from "../../github/branches.js";
import { isProtectedBranchRefusal } from "../../github/errors.js";
import { changedSince } from "../../github/pick/history.js";
import { branchSha, moveWorkspace } from "../../github/pick/workspace.js";
import { removeLabel, updatePullBody } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import type { PickReads } from "./reads.js";
import { buildWorkspace, workspaceDescription } from "./workspace.js";

export async function refreshWorkspace(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
  found: { head: BranchHead; pr: number; signed: Promise<boolean> },
): Promise<TargetReport> {
  const previous = target.previous;
  const recorded = previous?.state === "conflict" ? previous.conflict.workspace : undefined;
  const current = await branchSha(ctx.github, ctx.repo, target.pickBranch);
  if (recorded?.pr !== found.pr || recorded.head === null || recorded.head !== current) {
    return keep(
      target,
      previous,
      found.pr,
      "the draft has commits release-bot did not make, so it was left as it is",
    );
  }
  const { data: made } = await ctx.github.rest.git.getCommit({
    ...ctx.repo,
    commit_sha: current,
  });
  if (made.parents[0]?.sha === found.head.sha) {
    return keep(
      target,
      previous,
      found.pr,
      "the target branch has not moved since the draft was made",
    );
  }
  const planned = decideFromPlan(target, await reads.plan(), ctx.config.dryRun, reads.pr);
  if (planned.action !== "pick") return planned.report;
  const pick = { commits: planned.commits, head: found.head, signed: await found.signed };
  const content = await buildWorkspace(ctx, reads, target, pick);
  if (content === null)
    return keep(target, previous, found.pr, "the pick could not be merged again here");
  try {
    await moveWorkspace(ctx.github, ctx.repo, target.pickBranch, content.sha);
  } catch (error) {
    if (!isProtectedBranchRefusal(error)) throw error;
    return keep(
      target,
      previous,
      found.pr,
      "a rule of this repository refuses to move the draft's branch",
    );
  }
  const { pr } = reads;
  if (content.conflicts.length === 0) {
    await updatePullBody(
      ctx.github,
      ctx.repo,
      found.pr,
      pickBody(pr.number, target.branch, pr.body),
    );
    await removeLabel(ctx.github, ctx.repo, found.pr, ctx.config.cherryPick.conflictLabel);
    const opened = openedReport(target, { number: found.pr, created: false });
    return withNote(opened, "it applies cleanly now; mark the draft ready for review");
  }
  await updatePullBody(
    ctx.github,
    ctx.repo,
    found.pr,
    workspaceDescription(ctx, pr, target, content),
  );
  const [touched, changed] = await Promise.all([
    reads.pullFiles(),
    changedSince(ctx.github, ctx.repo, conflictBase(pick.commits, found.head.sha), found.head.sha),
  ]);
  const report = conflictReport(target, {
    pr,
    commits: pick.commits,
    at: pick.commits.at(-1)?.sha ?? found.head.sha,
    touched,
    changed,
  });
  const refreshed = withWorkspace(report, { pr: found.pr, head: content.sha }, target.link);
  return withNote(refreshed, `the draft was made again on ${found.head.sha.slice(0, 12)}`);
}

/** The workspace stays as it is: its row as recorded, with why. */
function keep(
  target: PickTarget,
  previous: TargetEntry | undefined,
  pr: number,
  why: string,
): TargetReport {
  const entry: TargetEntry =
    previous?.state === "conflict" ? previous : { branch: target.branch, state: "open", pr };
  const { branch: _, ...state } = entry;
  const report = { branch: target.branch, state, summary: summarize(entry, target.link) };
  return withNote(report, why);
}
