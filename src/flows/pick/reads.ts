/**
 * The reads the targets of one pull request's picks share within a delivery, each made at most
 * once and only when a target needs it.
 */
import {
  MAX_PICK_COMMITS,
  needsPullCommits,
  type PickPlan,
  planPick,
} from "../../core/pick/plan.js";
import { listHistory } from "../../github/pick/history.js";
import { listPullCommits, listPullFiles, type PullRequestInfo } from "../../github/pulls.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import type { FlowContext } from "../context.js";

export interface PickReads {
  pr: PullRequestInfo;
  /** Which commits a pick replays (`core/pick/plan.ts`). */
  plan(): Promise<PickPlan>;
  /** The repository's release branches, for the reply about a branch that does not exist. */
  releaseBranches(): Promise<string[]>;
  /** The paths the pull request changes, for the likely files of a conflict. */
  pullFiles(): Promise<{ paths: string[]; more: boolean }>;
}

export function pickReads(ctx: FlowContext, pr: PullRequestInfo): PickReads {
  return {
    pr,
    plan: once(() => readPlan(ctx, pr)),
    releaseBranches: once(() =>
      listReleaseBranches(ctx.github, ctx.repo, ctx.config.branches.pattern),
    ),
    pullFiles: once(() => listPullFiles(ctx.github, ctx.repo, pr.number)),
  };
}

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= read();
    return result;
  };
}

/** The history from the merge commit, and the pull request's commits when the plan needs them. */
async function readPlan(ctx: FlowContext, pr: PullRequestInfo): Promise<PickPlan> {
  if (!pr.mergeCommitSha) return { ok: false, reason: `#${pr.number} has no merge commit` };
  if (pr.commits > MAX_PICK_COMMITS) {
    return planPick({ mergeCommitSha: pr.mergeCommitSha, commitCount: pr.commits, history: [] });
  }
  const history = await listHistory(ctx.github, ctx.repo, pr.mergeCommitSha, pr.commits);
  const merge = history[0];
  const pullCommits =
    merge && needsPullCommits(merge, pr.commits)
      ? await listPullCommits(ctx.github, ctx.repo, pr.number)
      : undefined;
  return planPick({
    mergeCommitSha: pr.mergeCommitSha,
    commitCount: pr.commits,
    history,
    ...(pullCommits ? { pullCommits } : {}),
  });
}
