import type { VersionFileTarget } from "../core/version-file-targets.js";
import { versionNotCarried } from "../core/version-read-back.js";
import type { VersionStrings } from "../core/version-strings.js";
import type { FlowContext } from "./context.js";

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

async function readAt(ctx: FlowContext, path: string, ref: string): Promise<string> {
  const { data } = await ctx.github.rest.repos.getContent({ ...ctx.repo, path, ref });
  if (Array.isArray(data) || data.type !== "file") return "";
  if (data.encoding === "base64") return Buffer.from(data.content, "base64").toString("utf8");
  // Files over 1 MB come without content; their blob has it.
  const { data: blob } = await ctx.github.rest.git.getBlob({ ...ctx.repo, file_sha: data.sha });
  return Buffer.from(blob.content, "base64").toString("utf8");
}
