/**
 * The Helm repository's `index.yaml` on its branch (`gh-pages`): read at the branch head, and
 * written as one commit on that head, fast-forward only, so that a writer whose head moved in
 * between learns it and starts again instead of overwriting another's entry. A missing branch is
 * created as a branch of its own history holding the index alone, the way `gh-pages` branches
 * begin; two writers creating it at once see one succeed and the other find it.
 */
import { type BranchHead, getBranchHead } from "./branches.js";
import { commitFiles } from "./commit-files.js";
import {
  describeRequestError,
  hasStatus,
  isProtectedBranchRefusal,
  isRefAlreadyExists,
} from "./errors.js";
import { type SignerCache, signedOffMessage } from "./signoff.js";
import type { GitHub, RepoId } from "./types.js";

export const INDEX_FILE = "index.yaml";

export interface IndexRead {
  /** The branch head it was read at; null when the branch does not exist. */
  head: BranchHead | null;
  /** The file's text; null when the branch has none. */
  text: string | null;
}

/** The index at the head of its branch. */
export async function readIndexFile(
  github: GitHub,
  repo: RepoId,
  branch: string,
): Promise<IndexRead> {
  const head = await getBranchHead(github, repo, branch);
  if (head === null) return { head, text: null };
  return { head, text: await readIndexAt(github, repo, head.sha) };
}

/** The index's text at a commit, or null when the commit has none. */
export async function readIndexAt(
  github: GitHub,
  repo: RepoId,
  commitSha: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getContent({
      ...repo,
      path: INDEX_FILE,
      ref: commitSha,
    });
    if (Array.isArray(data) || data.type !== "file") return null;
    // Files over 1 MB come without content ("none"): read them as a blob.
    if (data.encoding === "none" || data.content === undefined) {
      const { data: blob } = await github.rest.git.getBlob({ ...repo, file_sha: data.sha });
      return Buffer.from(blob.content, "base64").toString("utf8");
    }
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

export type IndexWrite =
  | { status: "committed"; sha: string }
  /** The branch moved (or was created) since it was read: read again and redo. */
  | { status: "moved" }
  /** A rule or protection refuses the App's push: GitHub's words and what to change. */
  | { status: "protected"; refusal: string };

/** Commits the new index on the head that was read; creates the branch when there was none. */
export async function writeIndexFile(
  github: GitHub,
  repo: RepoId,
  write: {
    branch: string;
    head: BranchHead | null;
    text: string;
    message: string;
    signoff?: SignerCache | undefined;
  },
): Promise<IndexWrite> {
  if (write.head !== null) {
    const committed = await commitFiles(github, repo, {
      branch: write.branch,
      parentSha: write.head.sha,
      parentTreeSha: write.head.treeSha,
      files: [{ path: INDEX_FILE, content: write.text }],
      message: write.message,
      signoff: write.signoff,
    });
    if (committed.status === "protected")
      return { status: "protected", refusal: committed.refusal };
    return committed.status === "moved" ? { status: "moved" } : committed;
  }
  return createIndexBranch(github, repo, write);
}

async function createIndexBranch(
  github: GitHub,
  repo: RepoId,
  write: { branch: string; text: string; message: string; signoff?: SignerCache | undefined },
): Promise<IndexWrite> {
  const { data: tree } = await github.rest.git.createTree({
    ...repo,
    tree: [{ path: INDEX_FILE, mode: "100644", type: "blob", content: write.text }],
  });
  const object = { message: write.message, tree: tree.sha, parents: [] as string[] };
  const message = write.signoff
    ? await signedOffMessage(github, repo, object, write.signoff)
    : write.message;
  const { data: commit } = await github.rest.git.createCommit({ ...repo, ...object, message });
  try {
    await github.rest.git.createRef({
      ...repo,
      ref: `refs/heads/${write.branch}`,
      sha: commit.sha,
    });
    return { status: "committed", sha: commit.sha };
  } catch (error) {
    if (isRefAlreadyExists(error)) return { status: "moved" };
    if (isProtectedBranchRefusal(error)) {
      return { status: "protected", refusal: describeRequestError(error) };
    }
    throw error;
  }
}
