import { hasStatus, isRefAlreadyExists } from "./errors.js";
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

/**
 * Creates a branch; creating the ref is the lock between deliveries and replicas, so
 * "already exists" is reported, not thrown.
 */
export async function createBranch(
  github: GitHub,
  repo: RepoId,
  branch: string,
  sha: string,
): Promise<"created" | "exists"> {
  try {
    await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    return "created";
  } catch (error) {
    if (isRefAlreadyExists(error)) return "exists";
    throw error;
  }
}

/** Deletes a branch; a branch already gone is not an error. */
export async function deleteBranch(github: GitHub, repo: RepoId, branch: string): Promise<void> {
  try {
    await github.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` });
  } catch (error) {
    if (hasStatus(error, 422) || hasStatus(error, 404)) return;
    throw error;
  }
}
