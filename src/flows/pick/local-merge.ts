/**
 * A pick merged here rather than by GitHub: the changes from `base` to `theirs` applied onto
 * `ours`, path by path, with git's own merge (`core/pick/merge/`), reading only the versions
 * the blob ids leave open (`github/pick/versions.ts`). Writes nothing: the preview reports it,
 * the workspace writes it.
 */

import type { MergeOptions } from "../../core/pick/merge/merge3.js";
import { type MergedPath, mergeChangedPath, readChanges } from "../../github/pick/versions.js";
import type { FlowContext } from "../context.js";

/** Most paths merged here; a larger change is previewed as unknown, and gets no workspace. */
export const MAX_MERGED_PATHS = 100;

export type LocalMerge =
  | { ok: true; mergeBase: string; paths: MergedPath[] }
  | { ok: false; reason: string };

export async function mergeLocally(
  ctx: FlowContext,
  refs: { base: string; theirs: string; ours: string },
  options: MergeOptions,
): Promise<LocalMerge> {
  const changes = await readChanges(ctx.github, ctx.repo, refs.base, refs.theirs);
  if (changes.truncated || changes.paths.length > MAX_MERGED_PATHS) {
    return {
      ok: false,
      reason: `The change touches ${changes.truncated ? "more than " : ""}${changes.paths.length} files, more than the ${MAX_MERGED_PATHS} release-bot merges itself.`,
    };
  }
  const paths = await Promise.all(
    changes.paths.map((change) =>
      mergeChangedPath(
        ctx.github,
        ctx.repo,
        change,
        { base: changes.mergeBase, ours: refs.ours },
        options,
      ),
    ),
  );
  return { ok: true, mergeBase: changes.mergeBase, paths };
}
