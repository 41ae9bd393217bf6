import { hasStatus, isRefAlreadyExists, requestMessage } from "./errors.js";
import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

export interface BranchHead {
  /** The commit the branch points to. */
  sha: string;
  /** That commit's tree, so a bump needs no extra read to build on it. */
  treeSha: string;
  /** GitHub's `protected`: classic protection or a ruleset covers the branch. */
  protected?: boolean;
  /** The head commit's message, when the read gave it (a bump interrupted after its commit). */
  message?: string;
}

/** The head of a branch, or null when the branch does not exist. */
export async function getBranchHead(
  github: GitHub,
  repo: RepoId,
  branch: string,
): Promise<BranchHead | null> {
  try {
    const { data } = await github.rest.repos.getBranch({ ...repo, branch });
    return {
      sha: data.commit.sha,
      treeSha: data.commit.commit.tree.sha,
      protected: data.protected,
      ...(typeof data.commit.commit.message === "string"
        ? { message: data.commit.commit.message }
        : {}),
    };
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

/** Resolves a branch, tag or commit SHA to a commit SHA, or null when nothing has that name. */
export async function resolveCommit(
  github: GitHub,
  repo: RepoId,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getCommit({ ...repo, ref, per_page: 1 });
    return data.sha;
  } catch (error) {
    if (hasStatus(error, 404) || hasStatus(error, 422)) return null;
    throw error;
  }
}

export type CreatedRef = { status: "created"; nodeId: string } | { status: "exists" };

/**
 * Creates a ref (`refs/heads/…`, `refs/tags/…`); creating a ref is the lock between deliveries
 * and replicas, so "already exists" is reported, not thrown. When GitHub made the ref and lost
 * its answer, the ref found at `sha` is this request's ("created"): sent again, the request would
 * answer "already exists" as if another one had won.
 */
export async function createRef(
  github: GitHub,
  repo: RepoId,
  ref: string,
  sha: string,
): Promise<CreatedRef> {
  try {
    return await writeOnce(
      github,
      async (noRetry) => {
        const { data } = await github.rest.git.createRef({ ...repo, ref, sha, ...noRetry });
        return { status: "created" as const, nodeId: data.node_id };
      },
      async () => {
        const found = await readRef(github, repo, ref.replace(/^refs\//, ""));
        return found?.sha === sha ? { status: "created" as const, nodeId: found.nodeId } : null;
      },
    );
  } catch (error) {
    if (isRefAlreadyExists(error)) return { status: "exists" };
    throw error;
  }
}

/** What a ref (`heads/x`, `tags/v1`) points to and its node id, or null when it does not exist. */
export async function readRef(
  github: GitHub,
  repo: RepoId,
  ref: string,
): Promise<{ sha: string; nodeId: string } | null> {
  try {
    const { data } = await github.rest.git.getRef({ ...repo, ref });
    return { sha: data.object.sha, nodeId: data.node_id };
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

/** Creates a branch at `sha`; "exists" when the branch was there already (see `createRef`). */
export async function createBranch(
  github: GitHub,
  repo: RepoId,
  branch: string,
  sha: string,
): Promise<"created" | "exists"> {
  return (await createRef(github, repo, `refs/heads/${branch}`, sha)).status;
}

/**
 * Puts a branch the bot alone writes (a `release-bot/…` pull-request branch) at `sha`: created,
 * or forced there when an earlier attempt left it pointing at an older commit.
 */
export async function pointBranch(
  github: GitHub,
  repo: RepoId,
  branch: string,
  sha: string,
): Promise<void> {
  if ((await createBranch(github, repo, branch, sha)) === "exists") {
    await github.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
  }
}

/** GitHub's answer to deleting a ref that is not there (422, or 404 for an unknown repository path). */
export function isRefGone(error: unknown): boolean {
  return (
    hasStatus(error, 404) ||
    (hasStatus(error, 422) && /Reference does not exist/i.test(requestMessage(error)))
  );
}

/**
 * Deletes a branch; a branch already gone is not an error. Any other refusal (a ruleset's
 * "Restrict deletions", branch protection) is thrown: the branch is still there.
 */
export async function deleteBranch(github: GitHub, repo: RepoId, branch: string): Promise<void> {
  try {
    await github.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
  } catch (error) {
    if (isRefGone(error)) return;
    throw error;
  }
}
