/**
 * Writes a workspace: one commit on the target branch's head holding the merged paths (the
 * conflicting ones with markers), on the pick branch. Three writes: the tree (its blobs
 * inline), the commit, the branch. Creating the branch is where deliveries meet, as for a
 * clean pick: "already exists" means another delivery or replica made the workspace, and its
 * head is read back instead.
 */
import type { GitPerson } from "../../core/pick/plan.js";
import type { BranchHead } from "../branches.js";
import { hasStatus, isRefAlreadyExists } from "../errors.js";
import type { GitHub, RepoId } from "../types.js";
import type { TreeWrite } from "./versions.js";

export type FileMode = "100644" | "100755" | "120000";

export interface WorkspaceCommit {
  head: BranchHead;
  writes: readonly TreeWrite[];
  /** Modes of the written paths on their side; a path not listed is a regular file. */
  modes: ReadonlyMap<string, FileMode>;
  message: string;
  /** The original author; none in signed mode (GitHub signs commits it authors). */
  author: GitPerson | null;
}

/** Makes the workspace commit (not yet on any branch); its id and its tree's. */
export async function createWorkspaceCommit(
  github: GitHub,
  repo: RepoId,
  commit: WorkspaceCommit,
): Promise<{ sha: string; treeSha: string }> {
  const { data: tree } = await github.rest.git.createTree({
    ...repo,
    base_tree: commit.head.treeSha,
    tree: commit.writes.map((write) => {
      const mode = commit.modes.get(write.path) ?? "100644";
      return "text" in write
        ? { path: write.path, mode, type: "blob" as const, content: write.text }
        : { path: write.path, mode, type: "blob" as const, sha: write.id };
    }),
  });
  const { data } = await github.rest.git.createCommit({
    ...repo,
    message: commit.message,
    tree: tree.sha,
    parents: [commit.head.sha],
    ...(commit.author ? { author: commit.author } : {}),
  });
  return { sha: data.sha, treeSha: tree.sha };
}

/**
 * Puts the workspace commit on the pick branch: created, or, when the branch exists (another
 * delivery was first), left as it is and its head returned.
 */
export async function placeWorkspace(
  github: GitHub,
  repo: RepoId,
  branch: string,
  sha: string,
): Promise<{ created: boolean; head: string }> {
  try {
    await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
    return { created: true, head: sha };
  } catch (error) {
    const head = await branchSha(github, repo, branch);
    // The branch was made by this very request, whose answer was lost.
    if (head === sha) return { created: true, head: sha };
    if (head !== null && (isRefAlreadyExists(error) || hasStatus(error, 422))) {
      return { created: false, head };
    }
    throw error;
  }
}

/**
 * Whether a branch's head is the same workspace as the one just made: another delivery's,
 * made on the same head from the same pick, holds the same tree on the same parent. A pick
 * branch left by an earlier pick (its pull request closed) does not.
 */
export async function isSameWorkspace(
  github: GitHub,
  repo: RepoId,
  head: string,
  made: { treeSha: string; parent: string },
): Promise<boolean> {
  const { data } = await github.rest.git.getCommit({ ...repo, commit_sha: head });
  return data.tree.sha === made.treeSha && data.parents[0]?.sha === made.parent;
}

/** Moves the workspace to a new commit (a refresh: the caller checked nobody else pushed). */
export async function moveWorkspace(
  github: GitHub,
  repo: RepoId,
  branch: string,
  sha: string,
): Promise<void> {
  await github.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
}

/** The commit a branch points to, or null when it does not exist. */
export async function branchSha(
  github: GitHub,
  repo: RepoId,
  branch: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

/** Modes of the files of a commit's tree (one read); empty when GitHub cuts the listing short. */
export async function readModes(
  github: GitHub,
  repo: RepoId,
  commit: string,
): Promise<Map<string, FileMode>> {
  const { data } = await github.rest.git.getTree({ ...repo, tree_sha: commit, recursive: "true" });
  const modes = new Map<string, FileMode>();
  if (data.truncated) return modes;
  for (const entry of data.tree) {
    if (entry.path && (entry.mode === "100755" || entry.mode === "120000")) {
      modes.set(entry.path, entry.mode);
    }
  }
  return modes;
}
