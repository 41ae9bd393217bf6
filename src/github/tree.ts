import type { GitHub, RepoId } from "./types.js";

export interface TreeFile {
  path: string;
  /** Blob SHA, so the file can be read without another listing. */
  sha: string;
  /** File mode, kept on rewrite so an executable stays executable. */
  mode: "100644" | "100755";
  /** Size in bytes, as the listing gives it. */
  size?: number;
}

/** Every file of a commit's tree, in one call. */
export async function listFiles(
  github: GitHub,
  repo: RepoId,
  treeSha: string,
): Promise<TreeFile[]> {
  const { data } = await github.rest.git.getTree({ ...repo, tree_sha: treeSha, recursive: "true" });
  if (data.truncated) {
    // GitHub cuts recursive trees past 100,000 entries; a partial list would silently skip charts.
    throw new Error(
      "the repository tree is too large for one listing; list the chart files explicitly in charts.paths",
    );
  }
  return (
    data.tree
      // Symlinks (120000) and submodules are not text files the bot may rewrite.
      .filter(
        (entry) => entry.type === "blob" && entry.mode !== "120000" && entry.path && entry.sha,
      )
      .map((entry) => ({
        path: entry.path as string,
        sha: entry.sha as string,
        mode: entry.mode === "100755" ? ("100755" as const) : ("100644" as const),
        ...(entry.size === undefined ? {} : { size: entry.size }),
      }))
  );
}

/** Reads text files by blob SHA, all at once. */
export async function readFiles(
  github: GitHub,
  repo: RepoId,
  files: readonly TreeFile[],
): Promise<Map<string, string>> {
  const contents = await Promise.all(
    files.map(async (file) => {
      const { data } = await github.rest.git.getBlob({ ...repo, file_sha: file.sha });
      const text = Buffer.from(
        data.content,
        data.encoding === "base64" ? "base64" : "utf8",
      ).toString("utf8");
      return [file.path, text] as const;
    }),
  );
  return new Map(contents);
}
