import { versionNotCarried } from "../../core/files/read-back.js";
import { selectVersionFiles, type VersionFileTarget } from "../../core/files/targets.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import { listFiles, readFiles } from "../../github/tree.js";
import type { FlowContext } from "../context.js";

export interface ReadBackRequest {
  /** The commit about to be tagged. */
  commitSha: string;
  strings: VersionStrings;
  /** The managed files, selected from the listing of the commit's parent (or of itself). */
  targets: readonly VersionFileTarget[];
  /** Their bytes as read before the bump. */
  contents: ReadonlyMap<string, string>;
  /** Files the bump commit rewrote: read back from the commit; the others are its parent's bytes. */
  written: readonly string[];
}

/**
 * Reads the files the bump wrote back from the commit that will be tagged, and returns why that
 * commit does not carry the version in every managed field (empty when it does). The commit's
 * tree is its parent's with only `written` replaced, so the bytes already read stand for every
 * other file: one read per written file, none when nothing was written.
 */
export async function readBackVersion(
  ctx: FlowContext,
  request: ReadBackRequest,
): Promise<string[]> {
  const readBack = await Promise.all(
    request.written.map(
      async (path) => [path, await readAt(ctx, path, request.commitSha)] as const,
    ),
  );
  const contents = new Map([...request.contents, ...readBack]);
  return versionNotCarried(ctx.config, request.targets, contents, request.strings);
}

/**
 * Reads a commit made elsewhere (a merged release pull request, a tag found without its release)
 * in full: its tree, and every managed file in it. Returns why it does not carry the version in
 * every managed field, or why no file is managed; empty when it does. Costs the commit, the
 * listing and one read per managed file.
 */
export async function readBackTree(
  ctx: FlowContext,
  commitSha: string,
  strings: VersionStrings,
): Promise<string[]> {
  const { data: commit } = await ctx.github.rest.git.getCommit({
    ...ctx.repo,
    commit_sha: commitSha,
  });
  const files = await listFiles(ctx.github, ctx.repo, commit.tree.sha);
  const selection = selectVersionFiles(
    ctx.config,
    files.map((file) => file.path),
  );
  if (selection.errors.length > 0) return selection.errors;
  const wanted = new Set(selection.targets.map((target) => target.path));
  const contents = await readFiles(
    ctx.github,
    ctx.repo,
    files.filter((file) => wanted.has(file.path)),
  );
  return versionNotCarried(ctx.config, selection.targets, contents, strings);
}

async function readAt(ctx: FlowContext, path: string, ref: string): Promise<string> {
  const { data } = await ctx.github.rest.repos.getContent({ ...ctx.repo, path, ref });
  if (Array.isArray(data) || data.type !== "file") return "";
  if (data.encoding === "base64") return Buffer.from(data.content, "base64").toString("utf8");
  // Files over 1 MB come without content; their blob has it.
  const { data: blob } = await ctx.github.rest.git.getBlob({ ...ctx.repo, file_sha: data.sha });
  return Buffer.from(blob.content, "base64").toString("utf8");
}
