/**
 * Reads what a local three-way merge of a pick needs, through the API only (no clone): the
 * paths a change touches and, per path, its versions at the base, on our side and on theirs.
 * Reads only what the blob ids leave open: a path one side did not change costs the two reads
 * that tell so, and its text is never fetched.
 *
 * Calls: 1 (`GET /compare/{base}...{head}`: the paths, their blob ids on their side, the merge
 * base) + per path 1 or 2 (`GET /contents/{path}?ref=`: id and text at the base, on our side)
 * + 1 more (`GET /git/blobs/{id}`) for a path changed on both sides.
 */
import type { PathMerge, VersionIds } from "../../core/pick/merge/file.js";
import { decideByIds, isBinaryText, mergePath } from "../../core/pick/merge/file.js";
import type { MergeOptions } from "../../core/pick/merge/merge3.js";
import { hasStatus } from "../errors.js";
import type { GitHub, RepoId } from "../types.js";

/** GitHub lists at most 300 files in a comparison. */
export const MAX_COMPARED_FILES = 300;

/** A path the change touches, as the comparison lists it. */
export interface ChangedPath {
  path: string;
  /** A rename's old path: the base and our side are read there. */
  previousPath: string | null;
  /** Blob id on their side; null when their side deletes the path. */
  theirs: string | null;
}

export interface Changes {
  mergeBase: string;
  paths: ChangedPath[];
  /** The comparison listed as many files as GitHub lists: more may have changed. */
  truncated: boolean;
}

/** The paths changed from the merge base of `base` and `head` to `head`. */
export async function readChanges(
  github: GitHub,
  repo: RepoId,
  base: string,
  head: string,
): Promise<Changes> {
  const { data } = await github.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1,
  });
  const files = data.files ?? [];
  return {
    mergeBase: data.merge_base_commit.sha,
    truncated: files.length >= MAX_COMPARED_FILES,
    paths: files.map((file) => ({
      path: file.filename,
      previousPath: file.status === "renamed" ? (file.previous_filename ?? null) : null,
      theirs: file.status === "removed" ? null : file.sha,
    })),
  };
}

/** A version as read: its blob id and its text (null when binary or too large to merge here). */
interface Blob {
  id: string;
  text: string | null;
}

/** A change to a tree: a blob by id (null: the path goes), or a text to store. */
export type TreeWrite = { path: string; id: string | null } | { path: string; text: string };

/** A merged path: the verdict, and what writing the result over our tree takes. */
export interface MergedPath {
  merge: PathMerge;
  writes: TreeWrite[];
}

/** Merges one changed path: base at `refs.base`, ours at `refs.ours`, theirs as listed. */
export async function mergeChangedPath(
  github: GitHub,
  repo: RepoId,
  change: ChangedPath,
  refs: { base: string; ours: string },
  options: MergeOptions,
): Promise<MergedPath> {
  const { path, previousPath } = change;
  const from = previousPath ?? path;
  const [base, ours] = await Promise.all([
    blobAt(github, repo, from, refs.base),
    blobAt(github, repo, from, refs.ours),
  ]);
  // A rename is applied whatever happens to the content: the old path goes.
  const renamed: TreeWrite[] =
    previousPath !== null && ours !== null ? [{ path: previousPath, id: null }] : [];
  const ids: VersionIds = { base: base?.id ?? null, ours: ours?.id ?? null, theirs: change.theirs };
  const decided = decideByIds(ids);
  if (decided === "ours") {
    const writes =
      previousPath !== null && ours !== null ? [{ path, id: ours.id }, ...renamed] : [];
    return { merge: { path, clean: true, content: "unchanged" }, writes };
  }
  if (decided === "theirs") {
    return {
      merge: { path, clean: true, content: "unchanged" },
      writes: [{ path, id: change.theirs }, ...renamed],
    };
  }
  const theirs = change.theirs === null ? null : await blobById(github, repo, change.theirs);
  const merge = mergePath(
    { path, base: version(base), ours: version(ours), theirs: version(theirs) },
    options,
  );
  if (merge.content === null || merge.content === "unchanged") {
    // Deleted by the merge, or a binary conflict (the path keeps our version).
    return { merge, writes: merge.clean ? [{ path, id: null }, ...renamed] : [] };
  }
  return { merge, writes: [{ path, text: merge.content }, ...renamed] };
}

function version(blob: Blob | null): string | null | { binary: true } {
  if (blob === null) return null;
  return blob.text === null ? { binary: true } : blob.text;
}

/** The blob at a path of a commit; null when the path is not there. */
async function blobAt(
  github: GitHub,
  repo: RepoId,
  path: string,
  ref: string,
): Promise<Blob | null> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    // A directory, symlink or submodule where the change has a file: never merged as text.
    if (Array.isArray(data) || data.type !== "file") {
      return { id: Array.isArray(data) ? `tree:${path}` : data.sha, text: null };
    }
    return { id: data.sha, text: data.encoding === "base64" ? decode(data.content) : null };
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

async function blobById(github: GitHub, repo: RepoId, id: string): Promise<Blob> {
  const { data } = await github.rest.git.getBlob({ ...repo, file_sha: id });
  return { id, text: data.encoding === "base64" ? decode(data.content) : null };
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of base64 content; null when it is not UTF-8 or holds a NUL (binary, as git says). */
export function decode(base64: string): string | null {
  try {
    const text = utf8.decode(Buffer.from(base64, "base64"));
    return isBinaryText(text) ? null : text;
  } catch {
    return null;
  }
}
