/**
 * The pick of a merged pull request onto one target branch: each read is followed by the
 * decision it allows (`core/pick/decision.ts`), and the decision's effect. Any error fails this
 * target alone: the others go on.
 */

import { signedPicksNote } from "../../core/pick/authorship.js";
import {
  conflictBase,
  conflictReport,
  decideFromBranch,
  decideFromPick,
  decideFromPlan,
  failedReport,
  missingReport,
  openedReport,
  type PickTarget,
  type TargetReport,
  withNote,
  withOnBase,
  withWorkspace,
} from "../../core/pick/decision.js";
import type { PickCommit } from "../../core/pick/plan.js";
import { pickBody, pickTitle } from "../../core/pick/pull-request.js";
import { readBranchRules } from "../../github/branch-rules.js";
import { type BranchHead, getBranchHead } from "../../github/branches.js";
import { describeRequestError } from "../../github/errors.js";
import { cherryPick } from "../../github/pick/engine.js";
import { changedSince } from "../../github/pick/history.js";
import { findPullRequests, openPullRequest, type PullRequestInfo } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import { prefetch } from "../prefetch.js";
import { decoratePick } from "./decorate.js";
import type { PickReads } from "./reads.js";
import { openWorkspace } from "./workspace.js";
import { refreshWorkspace } from "./workspace-refresh.js";

/**
 * Picks onto a target the status comment does not settle: from reading the branch on
 * (`read-branch`), or straight to the reply for a name no branch can have (`report-missing`).
 */
export async function pickOnto(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
  start: "read-branch" | "report-missing",
): Promise<TargetReport> {
  try {
    if (start === "report-missing") return missingReport(target, await reads.releaseBranches());
    return await pickFromBranch(ctx, reads, target);
  } catch (error) {
    ctx.log.error(
      { err: error, pull: reads.pr.number, branch: target.branch },
      "cherry-pick failed",
    );
    return failedReport(target, describeRequestError(error));
  }
}

async function pickFromBranch(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
): Promise<TargetReport> {
  const { branch, pickBranch } = target;
  // One round-trip for the three reads a pick starts with; when the branch is missing or a
  // pick pull request exists, the plan was read for nothing (rare, and reads are cheap).
  prefetch(reads.plan());
  const [head, existing] = await Promise.all([
    getBranchHead(ctx.github, ctx.repo, branch),
    findPullRequests(ctx.github, ctx.repo, pickBranch, branch),
  ]);
  const workspace = existing[0];
  if (
    head !== null &&
    target.trigger === "command" &&
    workspace?.state === "open" &&
    workspace.labels?.includes(ctx.config.cherryPick.conflictLabel)
  ) {
    const signed = pickSigned(ctx, branch, head);
    return refreshWorkspace(ctx, reads, target, { head, pr: workspace.number, signed });
  }
  const found = decideFromBranch(target, { head, existing: workspace });
  if (found.action === "report-missing")
    return missingReport(target, await reads.releaseBranches());
  if (found.action !== "plan") {
    // An open pick pull request with neither label nor assignee: an earlier delivery opened it
    // and stopped (or lost GitHub's answer) before labelling it. It is finished here.
    const pick = existing[0];
    if (pick?.state === "open" && pick.bare && !ctx.config.dryRun) {
      return withNote(found.report, await decoratePick(ctx, pick, reads.pr, { autoMerge: true }));
    }
    return found.report;
  }

  const signed = pickSigned(ctx, branch, found.head);
  const planned = decideFromPlan(target, await reads.plan(), ctx.config.dryRun, reads.pr);
  if (planned.action !== "pick") return planned.report;
  const pick = { head: found.head, reset: found.reset, commits: planned.commits, signed };
  return withOnBase(await pickPlanned(ctx, reads, target, pick), planned.onBase);
}

/** Whether the picks must be signed; only a protected branch can have rules, read beside the plan. */
function pickSigned(ctx: FlowContext, branch: string, head: BranchHead): Promise<boolean> {
  return prefetch(
    ctx.config.commits.signed || !head.protected
      ? Promise.resolve(ctx.config.commits.signed)
      : readBranchRules(ctx.github, ctx.repo, branch).then((rules) => rules.signed),
  );
}

/** Picks the planned commits onto the target, then opens the pull request or reports why not. */
async function pickPlanned(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
  pick: { head: BranchHead; reset: boolean; commits: PickCommit[]; signed: Promise<boolean> },
): Promise<TargetReport> {
  const { branch, pickBranch } = target;
  const { head, commits, signed } = pick;
  const result = await cherryPick(ctx.github, ctx.repo, {
    branch,
    head,
    pickBranch,
    commits,
    reset: pick.reset,
    signed: await signed,
    now: () => ctx.delivery.clock.now(),
    ...(ctx.repoNodeId ? { repositoryId: ctx.repoNodeId } : {}),
  });
  ctx.log.info({ pull: reads.pr.number, branch, result: result.status }, "cherry-pick");
  const picked = decideFromPick(target, result);
  switch (picked.action) {
    case "open-pull-request":
      ctx.delivery.pickSettled("opened");
      return openPickPullRequest(ctx, reads.pr, target, (await signed) ? commits : null);
    case "report-conflict":
      ctx.delivery.pickSettled("conflict");
      return reportConflict(ctx, reads, target, {
        commits,
        head,
        at: picked.at,
        signed: await signed,
      });
    default:
      if (picked.report.state?.state === "already") ctx.delivery.pickSettled("already_there");
      return picked.report;
  }
}

/**
 * Opens the pick pull request; a new one gets the original's labels and author. `signedCommits`
 * (signed mode) are named in the body: GitHub shows the App as their author.
 */
async function openPickPullRequest(
  ctx: FlowContext,
  pr: PullRequestInfo,
  target: PickTarget,
  signedCommits: readonly PickCommit[] | null,
): Promise<TargetReport> {
  const body = pickBody(pr.number, target.branch, pr.body);
  const opened = await openPullRequest(
    ctx.github,
    ctx.repo,
    {
      title: pickTitle(target.branch, pr.title),
      head: target.pickBranch,
      base: target.branch,
      body: signedCommits ? `${body}\n\n${signedPicksNote(signedCommits)}` : body,
    },
    { sleep: (ms) => ctx.delivery.clock.sleep(ms) },
  );
  const note = opened.created ? await decoratePick(ctx, opened, pr, { autoMerge: true }) : null;
  return withNote(openedReport(target, opened), note);
}

/** Reads what the manual pick needs: the pull request's files and what changed on the target. */
async function reportConflict(
  ctx: FlowContext,
  reads: PickReads,
  target: PickTarget,
  pick: { commits: readonly PickCommit[]; head: BranchHead; at: string; signed: boolean },
): Promise<TargetReport> {
  const [touched, changed] = await Promise.all([
    reads.pullFiles(),
    changedSince(ctx.github, ctx.repo, conflictBase(pick.commits, pick.head.sha), pick.head.sha),
  ]);
  const report = conflictReport(target, {
    pr: reads.pr,
    commits: pick.commits,
    at: pick.at,
    touched,
    changed,
  });
  const workspace = await openWorkspace(ctx, reads, target, pick).catch((error: unknown) => {
    // The conflict and its manual steps are reported whatever became of the workspace.
    ctx.log.error({ err: error, pull: reads.pr.number, branch: target.branch }, "no workspace");
    return null;
  });
  return workspace ? withWorkspace(report, workspace, target.link) : report;
}
