/**
 * The files of charts at a commit, read through the git data API (no clone): one recursive tree
 * listing of the commit, then each file's blob, as bytes (templates are text, a vendored
 * dependency's `.tgz` is not), a few at a time.
 */
import type { GitHub, RepoId } from "./types.js";

/** How many blobs are read at once (GitHub counts concurrent requests against a limit). */
export const BLOB_READS_AT_ONCE = 8;

export interface TreeEntry {
  path: string;
  sha: string;
  /** `blob` for files (symlinks too, mode 120000), `commit` for submodules. */
  type: string;
  mode: string;
}

/** Every entry of a commit's tree (files, symlinks, submodules), in one call. */
export async function listCommitTree(
  github: GitHub,
  repo: RepoId,
  commitSha: string,
): Promise<TreeEntry[]> {
  const { data } = await github.rest.git.getTree({
    ...repo,
    tree_sha: commitSha,
    recursive: "true",
  });
  if (data.truncated) {
    throw new Error(
      `the tree of ${commitSha.slice(0, 7)} is too large for one listing, so its charts could not be read`,
    );
  }
  return data.tree
    .filter((entry) => entry.type !== "tree" && entry.path && entry.sha)
    .map((entry) => ({
      path: entry.path as string,
      sha: entry.sha as string,
      type: entry.type ?? "blob",
      mode: entry.mode ?? "100644",
    }));
}

/** The bytes of the given files, by path, read a few at a time. */
export async function readBlobs(
  github: GitHub,
  repo: RepoId,
  entries: readonly TreeEntry[],
): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  for (let start = 0; start < entries.length; start += BLOB_READS_AT_ONCE) {
    const batch = entries.slice(start, start + BLOB_READS_AT_ONCE);
    const read = await Promise.all(
      batch.map(async (entry) => {
        const { data } = await github.rest.git.getBlob({ ...repo, file_sha: entry.sha });
        const bytes = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
        return [entry.path, bytes] as const;
      }),
    );
    for (const [path, bytes] of read) contents.set(path, bytes);
  }
  return contents;
}
