/**
 * The workspace of a conflicting pick (`core/pick/workspace.ts`): the pick merged here with
 * git's merge, written as one commit on the target branch's head under the pick branch's name,
 * and opened as a draft pull request labelled `cherryPick.conflictLabel`, assigned to the
 * original author. Deliveries and replicas meet on the branch (created once) and on the pull
 * request (opened once), as clean picks do.
 *
 * Calls, for a change of n paths of which c changed on both sides: the merge's reads (1 + 2n +
 * c), the modes (1), then the writes: tree, commit, branch, pull request, labels and assignee
 * (5; 6 with reviewers).
 */

import type { PickTarget } from "../../core/pick/decision.js";
import { pickOptions } from "../../core/pick/merge/merge3.js";
import type { PickCommit } from "../../core/pick/plan.js";
import { pickTitle } from "../../core/pick/pull-request.js";
import {
  type ConflictingPath,
  markerLabels,
  type WorkspaceRecord,
  workspaceBody,
  workspaceMessage,
} from "../../core/pick/workspace.js";
import type { BranchHead } from "../../github/branches.js";
import {
  createWorkspaceCommit,
  isSameWorkspace,
  placeWorkspace,
  readModes,
} from "../../github/pick/workspace.js";
import { addLabels, openPullRequest, type PullRequestInfo } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import { decoratePick } from "./decorate.js";
import { type LocalMerge, mergeLocally } from "./local-merge.js";
import type { PickReads } from "./reads.js";

export interface ConflictingPick {
  commits: readonly PickCommit[];
  head: BranchHead;
  signed: boolean;
}

/** The workspace's content: its commit on `head`, and what conflicts in it. */
export interface WorkspaceContent {
  sha: string;
  treeSha: string;
  conflicts: ConflictingPath[];
  theirs: string;
}

/** The workspace pull request's description: the conflicts and how to finish them. */
export function workspaceDescription(
  ctx: FlowContext,
  pr: PullRequestInfo,
  target: PickTarget,
  content: WorkspaceContent,
): string {
  return workspaceBody({
    number: pr.number,
    branch: target.branch,
    pickBranch: target.pickBranch,
    originalBody: pr.body,
    conflicts: content.conflicts,
    repoUrl: ctx.repoUrl,
    theirs: content.theirs,
  });
}

/**
 * Opens the workspace of a pick that conflicted; null when there is none to open (turned off,
 * a dry run, a pick that is not one chain of commits, a change too large to merge here).
 */
export async function openWorkspace(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
  pick: ConflictingPick,
): Promise<WorkspaceRecord | null> {
  if (!ctx.config.cherryPick.workspace || ctx.config.dryRun) return null;
  const content = await buildWorkspace(ctx, reads, target, pick);
  if (content === null) return null;
  const placed = await placeWorkspace(ctx.github, ctx.repo, target.pickBranch, content.sha);
  const made = { treeSha: content.treeSha, parent: pick.head.sha };
  if (!placed.created && !(await isSameWorkspace(ctx.github, ctx.repo, placed.head, made))) {
    ctx.log.info(
      { pull: reads.pr.number, branch: target.pickBranch },
      "no workspace: the pick branch holds another pick",
    );
    return null;
  }
  const { pr } = reads;
  const opened = await openPullRequest(
    ctx.github,
    ctx.repo,
    {
      title: pickTitle(target.branch, pr.title),
      head: target.pickBranch,
      base: target.branch,
      body: workspaceDescription(ctx, pr, target, content),
      draft: true,
    },
    { sleep: (ms) => ctx.delivery.clock.sleep(ms) },
  );
  const label = ctx.config.cherryPick.conflictLabel;
  if (opened.created) {
    await decoratePick(ctx, opened, pr, { extraLabels: [label], autoMerge: false });
  } else {
    // Opened by another delivery, which may have stopped before labelling it.
    await addLabels(ctx.github, ctx.repo, opened.number, [label]);
  }
  ctx.log.info(
    { pull: pr.number, branch: target.branch, workspace: opened.number },
    "conflict workspace",
  );
  return { pr: opened.number, head: placed.head };
}

/**
 * The pick merged onto `head` as one commit, conflicts marked; null when it cannot be made
 * here. Several commits are merged as one change when they form one chain (each the parent of
 * the next): the workspace is one commit to resolve.
 */
export async function buildWorkspace(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
  pick: ConflictingPick,
): Promise<WorkspaceContent | null> {
  const { commits, head } = pick;
  const first = commits[0];
  const last = commits.at(-1);
  if (first === undefined || last === undefined) return null;
  if (commits.some((c, i) => i > 0 && c.parentSha !== commits[i - 1]?.sha)) {
    ctx.log.info({ pull: reads.pr.number }, "no workspace: the picked commits are not one chain");
    return null;
  }
  const labels = markerLabels(target.branch, last);
  const merged: LocalMerge = await mergeLocally(
    ctx,
    { base: first.parentSha, theirs: last.sha, ours: head.sha },
    pickOptions(labels.ours, labels.theirs),
  );
  if (!merged.ok) {
    ctx.log.info({ pull: reads.pr.number, reason: merged.reason }, "no workspace");
    return null;
  }
  const modes = await readModes(ctx.github, ctx.repo, last.sha);
  const made = await createWorkspaceCommit(ctx.github, ctx.repo, {
    head,
    writes: merged.paths.flatMap((p) => p.writes),
    modes,
    message: workspaceMessage(
      commits,
      { number: reads.pr.number, branch: target.branch, title: reads.pr.title },
      pick.signed,
    ),
    author: pick.signed ? null : last.author,
  });
  const conflicts = merged.paths.flatMap((p) => (p.merge.clean ? [] : [p.merge]));
  return { ...made, conflicts, theirs: labels.theirs };
}
