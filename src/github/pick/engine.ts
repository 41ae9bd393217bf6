/**
 * Cherry-picks commits onto a branch through GitHub's REST API only: no clone, no git binary, a
 * cost that does not grow with the repository's size or history, and no write GitHub's rules
 * refuse by default: no force-move of any branch, no deletion of a branch the bot did not make
 * just now.
 *
 * The commits C1…Cn (Ci's parent is Ci-1; C1's parent P1) are merged one after another into a
 * temporary branch (`release-bot/tmp/…`) that starts at a sibling commit S = (tree of the target
 * head H, parent P1):
 *   1. S                                                            POST /git/commits
 *   2. the temporary branch at S                                    POST /git/refs
 *   3. for each Ci: merge Ci into the temporary branch              POST /merges
 *      The merge base is Ci-1 (P1 for C1), so the merge is exactly the cherry-pick's three-way
 *      merge (base Ci-1, ours the picks so far on H's tree, theirs Ci): 409 "Merge conflict"
 *      is a conflict, a result tree equal to the previous one is a commit already on the branch;
 *   4. and the real commit: the merge's tree, parent H (then the previous real commit), Ci's
 *      message with `(cherry picked from commit Ci)`                 POST /git/commits
 *   5. the pick branch, created once at the last real commit, and the temporary branch
 *      deleted, in one request (`finish.ts`)                        POST /graphql
 *      (or over REST, POST /git/refs and DELETE /git/refs, when the repository's node id is
 *      unknown or the GraphQL request did not do both)
 * 2n + 3 calls. A commit whose parent is not the previous picked commit (a merge inside the pull
 * request was skipped) starts a new temporary branch (2 calls more, 1 more to delete it).
 *
 * Creating the pick branch is where deliveries meet: 422 "Reference already exists" with a
 * finished pick of the same commits is that pick (another delivery, or an earlier one that
 * stopped before its pull request); anything else on it is left alone. Temporary branches have
 * unique names, so nothing else writes to them; one left by a crash is removed by reconcile.
 *
 * Signed mode (the target requires signed commits): the real commits carry no author or
 * committer, so GitHub signs them; the authorship is a `Co-authored-by:` trailer.
 */
import { randomUUID } from "node:crypto";
import { pickCommitMessage } from "../../core/pick/authorship.js";
import { cherryPickedFrom } from "../../core/pick/message.js";
import type { PickCommit } from "../../core/pick/plan.js";
import { type BranchHead, createRef, deleteBranch } from "../branches.js";
import { hasStatus, isMergeConflict } from "../errors.js";
import { writeOnce } from "../lost-answers.js";
import type { GitHub, RepoId } from "../types.js";
import { createPickBranchDeletingTemporary } from "./finish.js";
import { temporaryBranchName } from "./temporary.js";

/** Subject of the commits that only exist while a pick runs. */
export const TEMPORARY_SUBJECT = "release-bot: temporary";

export interface PickRequest {
  /** The branch picked onto, and its head as just read. */
  branch: string;
  head: BranchHead;
  /** The branch that receives the picked commits (and later heads the pick pull request). */
  pickBranch: string;
  commits: readonly PickCommit[];
  /** Start over even when the pick branch holds a finished pick (a retry after a closed pull request). */
  reset?: boolean;
  /** Commits GitHub must sign: no custom author or committer. */
  signed?: boolean;
  /** The clock, for the committer date. */
  now: () => number;
  /** The repository's GraphQL node id: the pick branch and the temporary one change in one request. */
  repositoryId?: string;
}

export type PickResult =
  /** The pick branch holds the picked commits; `empty` lists commits already on the branch. */
  | { status: "picked"; sha: string; picked: string[]; empty: string[] }
  /** The pick branch already held a finished pick (another delivery, or one that stopped before its pull request). */
  | { status: "finished"; sha: string }
  /** Every commit is on the branch already; no pick branch was made. */
  | { status: "empty" }
  /** The merge of `commit` conflicted; no pick branch was made. */
  | { status: "conflict"; commit: PickCommit }
  /** The pick branch holds commits release-bot did not make; left alone. */
  | { status: "foreign"; sha: string };

type Person = { name: string; email: string };

/** A temporary branch of this pick; `nodeId` as its `POST /git/refs` answered it. */
interface Temporary {
  branch: string;
  nodeId?: string;
}

/** Runs the pick; see the file comment for the calls it makes. */
export async function cherryPick(
  github: GitHub,
  repo: RepoId,
  request: PickRequest,
): Promise<PickResult> {
  const temporaries: Temporary[] = [];
  try {
    const result = await mergeAndCommit(github, repo, request, temporaries);
    if (result.status !== "picked") return result;
    // A commit is picked only after its merge into a temporary branch: there is a last one.
    const last = temporaries.at(-1) as Temporary;
    if (request.repositoryId && last.nodeId && !request.reset) {
      const finished = await createPickBranchDeletingTemporary(github, {
        repositoryId: request.repositoryId,
        ref: `refs/heads/${request.pickBranch}`,
        sha: result.sha,
        temporaryId: last.nodeId,
      });
      if (finished.temporaryDeleted) temporaries.pop();
      if (finished.created) return result;
    }
    return await createPickBranch(github, repo, request, result);
  } finally {
    for (const { branch } of temporaries) {
      await deleteBranch(github, repo, branch).catch(() => {});
    }
  }
}

type Merged =
  | { status: "picked"; sha: string; picked: string[]; empty: string[] }
  | { status: "empty" }
  | { status: "conflict"; commit: PickCommit };

async function mergeAndCommit(
  github: GitHub,
  repo: RepoId,
  request: PickRequest,
  temporaries: Temporary[],
): Promise<Merged> {
  let parentSha = request.head.sha;
  let treeSha = request.head.treeSha;
  let temporary = { branch: "", head: "" };
  let previous: string | null = null;
  let committer: Person | undefined;
  const picked: string[] = [];
  const empty: string[] = [];
  const date = new Date(request.now()).toISOString();
  for (const commit of request.commits) {
    if (commit.parentSha !== previous) {
      const sibling = await createSibling(github, repo, request, commit, treeSha);
      committer ??= sibling.committer;
      temporary = { branch: temporaryBranchName(request.pickBranch), head: sibling.sha };
      const created = await createRef(github, repo, `refs/heads/${temporary.branch}`, sibling.sha);
      // The name is this attempt's alone: "exists" would be another pick's branch by chance.
      if (created.status !== "created") throw new Error(`${temporary.branch} exists already`);
      temporaries.push({ branch: temporary.branch, nodeId: created.nodeId });
    }
    previous = commit.sha;
    const merged = await mergeInto(github, repo, temporary, commit.sha);
    if (merged === "conflict") return { status: "conflict", commit };
    if (merged !== "up-to-date") {
      if (merged.parentSha !== temporary.head) {
        throw new Error(`${temporary.branch} moved under the pick: it is release-bot's alone`);
      }
      temporary.head = merged.sha;
    }
    if (merged === "up-to-date" || merged.treeSha === treeSha) {
      empty.push(commit.sha);
      continue;
    }
    const { data: real } = await github.rest.git.createCommit({
      ...repo,
      message: pickCommitMessage(commit, request.signed === true),
      tree: merged.treeSha,
      parents: [parentSha],
      ...(request.signed
        ? {}
        : {
            ...(commit.author ? { author: commit.author } : {}),
            ...(committer ? { committer: { ...committer, date } } : {}),
          }),
    });
    parentSha = real.sha;
    treeSha = merged.treeSha;
    picked.push(commit.sha);
  }
  if (picked.length === 0) return { status: "empty" };
  return { status: "picked", sha: parentSha, picked, empty };
}

/** The temporary commit a run of picks starts from: the picks so far, on the commit's parent. */
async function createSibling(
  github: GitHub,
  repo: RepoId,
  request: PickRequest,
  commit: PickCommit,
  treeSha: string,
): Promise<{ sha: string; committer: Person }> {
  const { data } = await github.rest.git.createCommit({
    ...repo,
    message: `${TEMPORARY_SUBJECT} commit to pick ${commit.sha} onto ${request.branch}\n\nattempt ${randomUUID()}`,
    tree: treeSha,
    parents: [commit.parentSha],
  });
  // Made by the app with no author given, so it names the app: the committer of the picks.
  return { sha: data.sha, committer: { name: data.committer.name, email: data.committer.email } };
}

/** Creates the pick branch at the last real commit; a branch already there is looked at. */
async function createPickBranch(
  github: GitHub,
  repo: RepoId,
  request: PickRequest,
  result: Extract<Merged, { status: "picked" }>,
): Promise<PickResult> {
  const ref = `refs/heads/${request.pickBranch}`;
  if ((await createRef(github, repo, ref, result.sha)).status === "created") return result;
  const head = await pickBranchHead(github, repo, request.pickBranch);
  if (head === null || head.sha === result.sha) return result;
  const finished = cherryPickedFrom(head.message).some((from) =>
    request.commits.some((c) => c.sha === from),
  );
  if (!finished) return { status: "foreign", sha: head.sha };
  if (!request.reset) return { status: "finished", sha: head.sha };
  // The finished pick of a closed pull request: the retry replaces it with this one.
  await deleteBranch(github, repo, request.pickBranch);
  if ((await createRef(github, repo, ref, result.sha)).status === "exists") {
    throw new Error(
      `${request.pickBranch} was made again by another request while it was replaced`,
    );
  }
  return result;
}

async function pickBranchHead(
  github: GitHub,
  repo: RepoId,
  branch: string,
): Promise<{ sha: string; message: string } | null> {
  try {
    const { data } = await github.rest.repos.getBranch({ ...repo, branch });
    return { sha: data.commit.sha, message: data.commit.commit.message };
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

type MergeCommit = { sha: string; parentSha: string; treeSha: string };
type MergeResult = MergeCommit | "conflict" | "up-to-date";

/**
 * Merges `sha` into the temporary branch with GitHub's merges API (the three-way merge happens
 * there). 204 "nothing to merge" means the commit is in the branch's history already, but only
 * as the answer to the first request: when GitHub merged and lost its answer, the same request
 * sent again answers 204 too. So a lost answer is followed by a look at the branch, and a 204
 * after a lost answer is never taken for "up to date".
 */
async function mergeInto(
  github: GitHub,
  repo: RepoId,
  temporary: { branch: string; head: string },
  sha: string,
): Promise<MergeResult> {
  let lost = false;
  const found = async () => {
    lost = true;
    return mergeMade(github, repo, temporary, sha);
  };
  try {
    return await writeOnce(
      github,
      async (noRetry): Promise<MergeResult> => {
        const response = await github.rest.repos.merge({
          ...repo,
          base: temporary.branch,
          head: sha,
          commit_message: `${TEMPORARY_SUBJECT} merge of ${sha}`,
          ...noRetry,
        });
        if ((response.status as number) !== 204) {
          return {
            sha: response.data.sha,
            parentSha: response.data.parents[0]?.sha ?? "",
            treeSha: response.data.commit.tree.sha,
          };
        }
        if (!lost) return "up-to-date";
        const made = await mergeMade(github, repo, temporary, sha);
        if (made) return made;
        throw new Error(
          `GitHub lost its answer to the merge of ${sha} into ${temporary.branch}, then found nothing to merge, and the branch does not show the merge`,
        );
      },
      found,
    );
  } catch (error) {
    if (isMergeConflict(error)) return "conflict";
    throw error;
  }
}

/**
 * The merge GitHub made on the temporary branch without answering: the branch's head, when it
 * is a merge of `sha` onto the head the merge was asked for; else null (nothing was merged).
 */
async function mergeMade(
  github: GitHub,
  repo: RepoId,
  temporary: { branch: string; head: string },
  sha: string,
): Promise<MergeCommit | null> {
  const { data } = await github.rest.repos.getBranch({ ...repo, branch: temporary.branch });
  const parents = data.commit.parents.map((parent) => parent.sha);
  if (parents[0] !== temporary.head || parents[1] !== sha) return null;
  return { sha: data.commit.sha, parentSha: temporary.head, treeSha: data.commit.commit.tree.sha };
}
