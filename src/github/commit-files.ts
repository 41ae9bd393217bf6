import { describeRequestError, isNotFastForward, isProtectedBranchRefusal } from "./errors.js";
import { type SignerCache, signedOffMessage } from "./signoff.js";
import type { GitHub, RepoId } from "./types.js";

export interface CommitFilesOptions {
  branch: string;
  /** The branch head the changes were computed on: the new commit's only parent. */
  parentSha: string;
  parentTreeSha: string;
  files: ReadonlyArray<{ path: string; content: string; mode?: "100644" | "100755" }>;
  message: string;
  /**
   * End the message with a `Signed-off-by:` line for the bot's identity (`commits.signoff`),
   * learnt into this cache when it does not know the repository yet.
   */
  signoff?: SignerCache | undefined;
}

export type CommitFilesOutcome =
  | { status: "committed"; sha: string }
  /** The branch moved after it was read: re-read and recompute, never overwrite. */
  | { status: "moved" }
  /**
   * A ruleset or branch protection refuses direct pushes: the change must go through a pull
   * request. `refusal`: GitHub's words, the rule and what an admin must change.
   */
  | { status: "protected"; sha: string; refusal: string };

/** Creates one commit holding every file change (git data API) and fast-forwards the branch to it. */
export async function commitFiles(
  github: GitHub,
  repo: RepoId,
  options: CommitFilesOptions,
): Promise<CommitFilesOutcome> {
  const sha = await createCommit(github, repo, options);
  try {
    await github.rest.git.updateRef({ ...repo, ref: `heads/${options.branch}`, sha, force: false });
    return { status: "committed", sha };
  } catch (error) {
    if (isNotFastForward(error)) return { status: "moved" };
    if (isProtectedBranchRefusal(error)) {
      return { status: "protected", sha, refusal: describeRequestError(error) };
    }
    throw error;
  }
}

/** Creates the commit object only (blobs inline in one tree write); no ref moves. */
export async function createCommit(
  github: GitHub,
  repo: RepoId,
  options: Omit<CommitFilesOptions, "branch">,
): Promise<string> {
  const { data: tree } = await github.rest.git.createTree({
    ...repo,
    base_tree: options.parentTreeSha,
    tree: options.files.map((file) => ({
      path: file.path,
      mode: file.mode ?? "100644",
      type: "blob" as const,
      content: file.content,
    })),
  });
  const object = { message: options.message, tree: tree.sha, parents: [options.parentSha] };
  const message = options.signoff
    ? await signedOffMessage(github, repo, object, options.signoff)
    : options.message;
  const { data: commit } = await github.rest.git.createCommit({ ...repo, ...object, message });
  return commit.sha;
}
