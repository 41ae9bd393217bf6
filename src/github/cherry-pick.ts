import { randomUUID } from "node:crypto";
/**
 * Cherry-picks commits onto a branch through GitHub's REST API only: no clone, no git binary, a
 * cost that does not grow with the repository's size or history.
 *
 * For each commit C (parent P) onto head H:
 *   1. a temporary commit S = (tree of H, parent P)              POST /git/commits
 *   2. the pick branch points at S                                POST /git/refs (first) or PATCH
 *   3. merge C into the pick branch                               POST /merges
 *      The merge base of S and C is P, so the merge is exactly the cherry-pick's three-way merge
 *      (base P, ours H's tree, theirs C): 409 is a conflict, a result tree equal to H's is a
 *      commit already on the branch.
 *   4. the real commit: the merge's tree, parent H, C's author and
 *      message with `(cherry picked from commit C)`               POST /git/commits
 * and H becomes that commit for the next one. At the end the pick branch is moved to the last
 * real commit (PATCH /git/refs): 4 calls per commit and 1 more.
 *
 * The pick branch is the work branch, so no other ref is made, and creating it is the lock: a
 * 422 "Reference already exists" means another delivery is on it, or one was interrupted. Until
 * the final move the branch only ever points at a temporary commit or a temporary merge, both
 * made just now, so what it points at tells the cases apart: a finished pick (the last real
 * commit), a pick in progress (a temporary commit younger than `STALE_AFTER_MS`), an interrupted
 * one (an older temporary commit: taken over), or commits someone else pushed (left alone).
 */
import { cherryPickedFrom, cherryPickedMessage } from "../core/pick-message.js";
import type { PickCommit } from "../core/pick-plan.js";
import { type BranchHead, deleteBranch } from "./branches.js";
import { hasStatus, isRefAlreadyExists } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

/** Subject of the commits that only exist while a pick runs. */
export const TEMPORARY_SUBJECT = "release-bot: temporary";

/** A pick branch on a temporary commit this old was left by an interrupted pick. */
export const STALE_AFTER_MS = 5 * 60 * 1000;

export interface PickRequest {
  /** The branch picked onto, and its head as just read. */
  branch: string;
  head: BranchHead;
  /** The branch that receives the picked commits (and later heads the pick pull request). */
  pickBranch: string;
  commits: readonly PickCommit[];
  /** Start over even when the pick branch holds a finished pick (a retry after a closed pull request). */
  reset?: boolean;
  /** The clock, for the age of a pick branch. */
  now?: () => number;
}

export type PickResult =
  /** The pick branch holds the picked commits; `empty` lists commits already on the branch. */
  | { status: "picked"; sha: string; picked: string[]; empty: string[] }
  /** The pick branch already held a finished pick (an earlier delivery stopped before its pull request). */
  | { status: "finished"; sha: string }
  /** Every commit is on the branch already; the pick branch was deleted. */
  | { status: "empty" }
  /** The merge of `commit` conflicted; the pick branch was deleted. */
  | { status: "conflict"; commit: PickCommit }
  /** Another delivery is picking right now. */
  | { status: "busy" }
  /** The pick branch holds commits release-bot did not make; left alone. */
  | { status: "foreign"; sha: string };

/** Runs the pick; see the file comment for the calls it makes. */
export async function cherryPick(
  github: GitHub,
  repo: RepoId,
  request: PickRequest,
): Promise<PickResult> {
  const { pickBranch } = request;
  const ref = `heads/${pickBranch}`;
  let owned = false;
  let parentSha = request.head.sha;
  let treeSha = request.head.treeSha;
  const picked: string[] = [];
  const empty: string[] = [];
  let committer: { name: string; email: string } | undefined;
  try {
    for (const commit of request.commits) {
      const { data: scaffold } = await github.rest.git.createCommit({
        ...repo,
        // The nonce makes each attempt's commit unique, so a branch at this SHA is this attempt's.
        message: `${TEMPORARY_SUBJECT} commit to pick ${commit.sha} onto ${request.branch}\n\nattempt ${randomUUID()}`,
        tree: treeSha,
        parents: [commit.parentSha],
      });
      // Made by the app with no author given, so it names the app: the committer of the picks.
      committer ??= { name: scaffold.committer.name, email: scaffold.committer.email };
      if (!owned) {
        const claimed = await claimBranch(github, repo, request, scaffold.sha);
        if (claimed !== null) return claimed;
        owned = true;
      } else {
        await github.rest.git.updateRef({ ...repo, ref, sha: scaffold.sha, force: true });
      }

      const merged = await mergeInto(github, repo, pickBranch, commit.sha);
      if (merged === "conflict") {
        await deleteBranch(github, repo, pickBranch);
        owned = false;
        return { status: "conflict", commit };
      }
      if (merged !== "up-to-date" && merged.parentSha !== scaffold.sha) {
        // Someone moved the branch between our update and the merge: another delivery took it.
        owned = false;
        return { status: "busy" };
      }
      if (merged === "up-to-date" || merged.treeSha === treeSha) {
        empty.push(commit.sha);
        continue;
      }
      const { data: real } = await github.rest.git.createCommit({
        ...repo,
        message: cherryPickedMessage(commit.message, commit.sha),
        tree: merged.treeSha,
        parents: [parentSha],
        ...(commit.author ? { author: commit.author } : {}),
        ...(committer ? { committer } : {}),
      });
      parentSha = real.sha;
      treeSha = merged.treeSha;
      picked.push(commit.sha);
    }
    if (picked.length === 0) {
      await deleteBranch(github, repo, pickBranch);
      owned = false;
      return { status: "empty" };
    }
    await github.rest.git.updateRef({ ...repo, ref, sha: parentSha, force: true });
    owned = false;
    return { status: "picked", sha: parentSha, picked, empty };
  } catch (error) {
    // The branch holds only temporary commits: remove it so nothing half-made is left behind.
    if (owned) await deleteBranch(github, repo, pickBranch).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the pick branch at the first temporary commit: the lock. When it exists, decides from
 * its head whether to take it over (null) or to stop with a result.
 */
async function claimBranch(
  github: GitHub,
  repo: RepoId,
  request: PickRequest,
  sha: string,
): Promise<PickResult | null> {
  try {
    await github.rest.git.createRef({ ...repo, ref: `refs/heads/${request.pickBranch}`, sha });
    return null;
  } catch (error) {
    if (!isRefAlreadyExists(error)) {
      // GitHub may have created the branch and lost only its answer: then the lock is ours.
      const created = await github.rest.repos
        .getBranch({ ...repo, branch: request.pickBranch })
        .then(({ data }) => data.commit.sha === sha)
        .catch(() => false);
      if (created) return null;
      throw error;
    }
  }
  const { data } = await github.rest.repos.getBranch({ ...repo, branch: request.pickBranch });
  const head = data.commit;
  // A retry of our own request answered 422: the branch is at this attempt's commit.
  if (head.sha === sha) return null;
  const message = head.commit.message;
  const temporary = message.startsWith(TEMPORARY_SUBJECT);
  const finished =
    !temporary &&
    cherryPickedFrom(message).some((from) => request.commits.some((c) => c.sha === from));
  if (!temporary && !finished) return { status: "foreign", sha: head.sha };
  if (finished && !request.reset) return { status: "finished", sha: head.sha };
  if (temporary) {
    const madeAt = Date.parse(head.commit.committer?.date ?? "");
    const now = (request.now ?? Date.now)();
    if (Number.isFinite(madeAt) && now - madeAt < STALE_AFTER_MS) return { status: "busy" };
  }
  await github.rest.git.updateRef({
    ...repo,
    ref: `heads/${request.pickBranch}`,
    sha,
    force: true,
  });
  return null;
}

type MergeResult = { parentSha: string; treeSha: string } | "conflict" | "up-to-date";

/** Merges `sha` into `branch` with GitHub's merges API (the three-way merge happens there). */
async function mergeInto(
  github: GitHub,
  repo: RepoId,
  branch: string,
  sha: string,
): Promise<MergeResult> {
  try {
    const response = await github.rest.repos.merge({
      ...repo,
      base: branch,
      head: sha,
      commit_message: `${TEMPORARY_SUBJECT} merge of ${sha}`,
    });
    // 204: the commit is in the branch's history already.
    if ((response.status as number) === 204) return "up-to-date";
    return {
      parentSha: response.data.parents[0]?.sha ?? "",
      treeSha: response.data.commit.tree.sha,
    };
  } catch (error) {
    if (hasStatus(error, 409)) return "conflict";
    throw error;
  }
}
