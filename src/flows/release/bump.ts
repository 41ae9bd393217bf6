/**
 * The bump of a release: which files carry the version at a branch head, their new bytes (the
 * version places the configuration does not manage found beside them), and the commit message
 * that lists them. `cut.ts` commits it, reads it back and tags it.
 */
import { applyVersion, type FileChange } from "../../core/files/apply.js";
import { type PlaceNote, placesCommitSection } from "../../core/files/places-report.js";
import { selectVersionFiles, type VersionFileTarget } from "../../core/files/targets.js";
import type { ListedEntry } from "../../core/git/object-ids.js";
import { releaseCommitSubject } from "../../core/release/commit.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import type { BranchHead } from "../../github/branches.js";
import { listFiles, readFiles, type TreeListing } from "../../github/tree.js";
import type { FlowContext } from "../context.js";
import { prefetch } from "../prefetch.js";
import { changelogFile } from "./changelog.js";
import { type FoundPlaces, NO_PLACES, settlePlaces, startPlaceSearch } from "./version-places.js";

/** A version bump ready to commit: the files whose bytes change, with their modes. */
export type BumpChange = FileChange & { mode: "100644" | "100755" };

export type Bump =
  | {
      ok: true;
      changes: BumpChange[];
      /** Managed files already at the version (a dry run names them). */
      unchanged: string[];
      /** The managed files and their bytes at the head, for the read-back before the tag. */
      targets: VersionFileTarget[];
      contents: ReadonlyMap<string, string>;
      /** Places that carry the release and that the bump leaves unchanged. */
      places: FoundPlaces;
      /** Every entry of the head's tree, to compute the bump commit's tree id. */
      listing: readonly ListedEntry[];
    }
  | { ok: false; errors: string[] };

/**
 * Starts listing a head's files for a `cutRelease` that will probably follow, so that the
 * listing travels beside the caller's other reads; when the caller refuses instead, the read
 * was for nothing.
 */
export function prefetchListing(ctx: FlowContext, head: BranchHead): Promise<TreeListing> {
  return prefetch(listFiles(ctx.github, ctx.repo, head.treeSha));
}

export interface BumpOptions {
  /** Prepend the release's CHANGELOG section (when `changelog` is configured). */
  changelog: boolean;
  /** Search the tree for places that carry the release beyond the managed ones. */
  places: boolean;
  /** The line's previous tag, whose version the search looks for too. */
  previousTag?: string | null;
}

/** Reads the version-carrying files at a branch head and computes their new bytes. */
export async function computeBump(
  ctx: FlowContext,
  head: BranchHead,
  strings: VersionStrings,
  listing?: Promise<TreeListing>,
  options: BumpOptions = { changelog: true, places: true },
): Promise<Bump> {
  const files = await (listing ?? listFiles(ctx.github, ctx.repo, head.treeSha));
  const selection = selectVersionFiles(
    ctx.config,
    files.map((file) => file.path),
  );
  if (selection.errors.length > 0) return { ok: false, errors: selection.errors };
  const wanted = new Set(selection.targets.map((target) => target.path));
  const toRead = files.filter((file) => wanted.has(file.path));
  // The search's reads travel beside the managed files' reads.
  const search = options.places ? startPlaceSearch(ctx, files, wanted) : null;
  const contents = await readFiles(ctx.github, ctx.repo, toRead);
  const applied = applyVersion(ctx.config, selection.targets, contents, strings);
  if (!applied.ok) return { ok: false, errors: applied.errors };
  const modes = new Map(toRead.map((file) => [file.path, file.mode]));
  const [changelog, places] = await Promise.all([
    options.changelog ? changelogFile(ctx, head.sha, strings, files) : null,
    search
      ? settlePlaces(ctx, {
          search,
          targets: selection.targets,
          contents,
          changes: applied.changes,
          strings,
          previousTag: options.previousTag ?? null,
        })
      : NO_PLACES,
  ]);
  return {
    ok: true,
    targets: selection.targets,
    contents,
    places,
    listing: files.treeEntries,
    unchanged: applied.unchanged,
    changes: [
      ...applied.changes.map((change) => ({
        ...change,
        mode: modes.get(change.path) ?? "100644",
      })),
      ...(changelog ? [changelog] : []),
    ],
  };
}

/** The bytes read at the head, with the bump's new bytes over them. */
export function withChanges(
  contents: ReadonlyMap<string, string>,
  changes: readonly BumpChange[],
): Map<string, string> {
  return new Map([...contents, ...changes.map((change) => [change.path, change.content] as const)]);
}

export function bumpCommitMessage(
  strings: VersionStrings,
  changes: readonly FileChange[],
  places: readonly PlaceNote[] = [],
): string {
  const files = changes.map((change) => `- ${change.path}`).join("\n");
  return `${releaseCommitSubject(strings.tag)}\n\nSet the version to ${strings.version} (image tag ${strings.image}) in:\n${files}\n${placesCommitSection(places)}`;
}
