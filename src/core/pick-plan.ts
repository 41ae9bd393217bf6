/**
 * Which commits a cherry-pick of a merged pull request replays, decided from API data only. Pure.
 *
 * - merged with a merge commit (two parents): the pull request's own commits, oldest first; the
 *   merge commit itself is not picked, and neither are merges inside the pull request (an
 *   "update branch" merge brings the base branch's changes, not the fix);
 * - squash-merged: the one commit on the base branch;
 * - rebase-merged: the pull request's commits as they landed on the base branch, which are the
 *   commits ending at the merge commit, walking first parents, one per commit of the pull
 *   request. GitHub keeps each commit's author (name, email, date) and subject when it rebases,
 *   which is how they are told from a squash.
 *
 * A pull request of one commit merged by squash or rebase lands as one commit either way; it is
 * reported as a squash, and the pick is the same.
 */

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601, as GitHub returns it. */
  date: string;
}

/** A commit as the commits APIs describe it. */
export interface CommitInfo {
  sha: string;
  parents: string[];
  message: string;
  author: GitPerson | null;
}

/** One commit to replay: its changes are the diff from `parentSha` to `sha`. */
export interface PickCommit {
  sha: string;
  parentSha: string;
  message: string;
  author: GitPerson | null;
}

export type MergeStyle = "squash" | "rebase" | "merge";

export type PickPlan =
  | { ok: true; style: MergeStyle; commits: PickCommit[] }
  | { ok: false; reason: string };

export interface PlanInput {
  /** `merge_commit_sha` of the merged pull request. */
  mergeCommitSha: string;
  /** `commits` of the pull request: how many commits it had. */
  commitCount: number;
  /**
   * The base branch's history from the merge commit (`GET /commits?sha=<merge>`), newest first,
   * at least `commitCount` long when the history has that many commits.
   */
  history: readonly CommitInfo[];
  /** The pull request's commits, oldest first (`GET /pulls/{n}/commits`); needed per `needsPullCommits`. */
  pullCommits?: readonly CommitInfo[];
}

/** The most commits a pick replays; GitHub lists at most 250 per pull request, and a fix is small. */
export const MAX_PICK_COMMITS = 100;

/**
 * Whether the plan needs the pull request's own commits besides the history: always for a merge
 * commit, and to tell a rebase from a squash when the pull request had several commits.
 */
export function needsPullCommits(mergeCommit: CommitInfo, commitCount: number): boolean {
  return mergeCommit.parents.length > 1 || commitCount > 1;
}

export function planPick(input: PlanInput): PickPlan {
  const merge = input.history[0];
  if (merge === undefined || merge.sha !== input.mergeCommitSha) {
    return { ok: false, reason: `merge commit ${input.mergeCommitSha} was not found` };
  }
  if (input.commitCount > MAX_PICK_COMMITS) {
    return {
      ok: false,
      reason: `the pull request has ${input.commitCount} commits, more than the ${MAX_PICK_COMMITS} release-bot picks`,
    };
  }
  if (merge.parents.length > 1 || input.commitCount > 1) {
    if (input.pullCommits === undefined) {
      return { ok: false, reason: "the pull request's commits are needed to plan the pick" };
    }
  }
  const own = (input.pullCommits ?? []).filter((commit) => commit.parents.length === 1);

  if (merge.parents.length > 1) {
    if (own.length === 0) {
      return { ok: false, reason: "the pull request has no commits of its own besides merges" };
    }
    return { ok: true, style: "merge", commits: own.map(toPick) };
  }
  if (merge.parents.length === 0) {
    return { ok: false, reason: `merge commit ${merge.sha} has no parent` };
  }
  if (input.commitCount > 1 && isRebaseOf(input.history, own)) {
    const landed = input.history.slice(0, own.length).reverse();
    return { ok: true, style: "rebase", commits: landed.map(toPick) };
  }
  return { ok: true, style: "squash", commits: [toPick(merge)] };
}

/** The newest `own.length` commits of the history are `own` rebased: same authors and subjects, in order. */
function isRebaseOf(history: readonly CommitInfo[], own: readonly CommitInfo[]): boolean {
  if (own.length === 0 || history.length < own.length) return false;
  return own.every((original, i) => {
    const landed = history[own.length - 1 - i] as CommitInfo;
    return (
      landed.parents.length === 1 &&
      subject(landed.message) === subject(original.message) &&
      samePerson(landed.author, original.author)
    );
  });
}

function samePerson(a: GitPerson | null, b: GitPerson | null): boolean {
  if (a === null || b === null) return false;
  return (
    a.name === b.name &&
    a.email.toLowerCase() === b.email.toLowerCase() &&
    Date.parse(a.date) === Date.parse(b.date)
  );
}

function subject(message: string): string {
  return (message.split(/\r?\n/, 1)[0] as string).trim();
}

function toPick(commit: CommitInfo): PickCommit {
  return {
    sha: commit.sha,
    parentSha: commit.parents[0] as string,
    message: commit.message,
    author: commit.author,
  };
}
