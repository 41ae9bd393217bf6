/**
 * Which commits a cherry-pick of a merged pull request replays, decided from API data only. Pure.
 *
 * - merged with a merge commit (two parents): the pull request's own commits, oldest first; the
 *   merge commit itself is not picked, and neither are merges inside the pull request (an
 *   "update branch" merge brings the base branch's changes, not the fix);
 * - rebase-merged: the pull request's commits as they landed on the base branch
 *   (`landedRebase`): matched one by one to the pull request's commits by author (name,
 *   email, date) and subject, which GitHub keeps when it rebases, so a commit GitHub dropped
 *   because its change was already on the base is named, not mistaken for a squash; when what
 *   landed cannot be established, nothing is picked and the pull request's commits are given for
 *   a pick by hand;
 * - squash-merged (the tip matches none of the pull request's commits): the one commit on the
 *   base branch.
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

/** A commit of the pull request that a rebase merge did not land: its change was on the base. */
export interface DroppedCommit {
  /** The commit as it is in the pull request. */
  sha: string;
  subject: string;
}

export type PickPlan =
  | { ok: true; style: MergeStyle; commits: PickCommit[]; dropped: DroppedCommit[] }
  | { ok: false; reason: string }
  /** A rebase merge whose landed commits cannot be told apart: `byHand` are the pull request's. */
  | { ok: false; reason: string; byHand: string[] };

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
  // First: a pull request this long is refused unread (its history is not read for it).
  if (input.commitCount > MAX_PICK_COMMITS) {
    return {
      ok: false,
      reason: `the pull request has ${input.commitCount} commits, more than the ${MAX_PICK_COMMITS} release-bot picks`,
    };
  }
  const merge = input.history[0];
  if (merge === undefined || merge.sha !== input.mergeCommitSha) {
    return { ok: false, reason: `merge commit ${input.mergeCommitSha} was not found` };
  }
  if (merge.parents.length > 1 || input.commitCount > 1) {
    if (input.pullCommits === undefined) {
      return { ok: false, reason: "the pull request's commits are needed to plan the pick" };
    }
    // Never a plan from part of them: GitHub lists at most 250 of a pull request's commits.
    if (input.pullCommits.length !== input.commitCount) {
      return {
        ok: false,
        reason: `GitHub listed ${input.pullCommits.length} of the pull request's ${input.commitCount} commits`,
      };
    }
  }
  const own = (input.pullCommits ?? []).filter((commit) => commit.parents.length === 1);

  if (merge.parents.length > 1) {
    if (own.length === 0) {
      return { ok: false, reason: "the pull request has no commits of its own besides merges" };
    }
    return { ok: true, style: "merge", commits: own.map(toPick), dropped: [] };
  }
  if (merge.parents.length === 0) {
    return { ok: false, reason: `merge commit ${merge.sha} has no parent` };
  }
  const rebase = input.commitCount > 1 ? landedRebase(input.history, own) : null;
  if (rebase === null) return { ok: true, style: "squash", commits: [toPick(merge)], dropped: [] };
  return rebase;
}

/**
 * The commits a rebase merge landed, newest first from the tip: each is the rebased copy of a
 * commit of the pull request older than the one above it. Null when the tip is no such copy (a
 * squash). The pull request's commits without a copy were dropped by GitHub as empty; that
 * holds only when the history below the landed commits was read and shows no other copy of a
 * commit of the pull request (which would leave it open which copies landed, and in what order).
 */
function landedRebase(history: readonly CommitInfo[], own: readonly CommitInfo[]): PickPlan | null {
  const matched: number[] = [];
  for (const landed of history) {
    const below = matched.at(-1) ?? own.length;
    const index = own.findLastIndex((original, i) => i < below && isCopy(landed, original));
    if (index < 0 || landed.parents.length !== 1) break;
    matched.push(index);
  }
  if (matched.length === 0) return null;
  const commits = history.slice(0, matched.length).reverse().map(toPick);
  const dropped = own.filter((_, i) => !matched.includes(i));
  if (dropped.length === 0) return { ok: true, style: "rebase", commits, dropped: [] };

  const byHand = own.map((commit) => commit.sha);
  const rest = history.slice(matched.length);
  if (rest.length === 0) {
    return { ok: false, reason: "the history read ends before the commits that landed", byHand };
  }
  const stray = rest.find((commit) => own.some((original) => isCopy(commit, original)));
  if (stray !== undefined) {
    return {
      ok: false,
      reason: `commit ${stray.sha.slice(0, 12)} below the commits that landed looks like one of the pull request's`,
      byHand,
    };
  }
  return {
    ok: true,
    style: "rebase",
    commits,
    dropped: dropped.map((commit) => ({ sha: commit.sha, subject: subject(commit.message) })),
  };
}

/** GitHub keeps a commit's author (name, email, date) and subject when it rebases. */
function isCopy(landed: CommitInfo, original: CommitInfo): boolean {
  return (
    subject(landed.message) === subject(original.message) &&
    samePerson(landed.author, original.author)
  );
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
