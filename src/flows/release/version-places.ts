/**
 * The search for places the release lives that the configuration does not manage, run beside a
 * bump: its reads start from the tree listing, in flight with the managed files' reads (at most
 * 3 requests), and its decision waits for the bump's new bytes, so only what the bump left
 * carrying an old version is reported.
 */
import { readFields } from "../../core/checks/version-consistency.js";
import type { FileChange } from "../../core/files/apply.js";
import { findVersionPlaces, operatorImages } from "../../core/files/discovery.js";
import { selectPlaceCandidates } from "../../core/files/place-candidates.js";
import {
  notChangedSentence,
  type PlaceNote,
  parsePlacesSection,
  placeNotes,
} from "../../core/files/places-report.js";
import type { VersionFileTarget } from "../../core/files/targets.js";
import { releaseCommitSubject } from "../../core/release/commit.js";
import { parseTag } from "../../core/version/numbering.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import { readTextBatches, type TreeFile } from "../../github/tree.js";
import type { FlowContext, Outcome } from "../context.js";
import { prefetch } from "../prefetch.js";

/** What the search read: the text of each file, and how many it had no budget for. */
export interface PlaceSearchRead {
  texts: ReadonlyMap<string, string>;
  unread: number;
}

/** The places a bump leaves, as its reply tells them. */
export interface FoundPlaces {
  notes: PlaceNote[];
  /** Files the search had no budget to read. */
  unread: number;
  /** Why the search could not read the files; null when it did. */
  failure: string | null;
}

export const NO_PLACES: FoundPlaces = { notes: [], unread: 0, failure: null };

/** Starts reading the files worth searching (all but the managed ones), in batches. */
export function startPlaceSearch(
  ctx: FlowContext,
  files: readonly TreeFile[],
  managed: ReadonlySet<string>,
): Promise<PlaceSearchRead> {
  const selection = selectPlaceCandidates(files, managed);
  const shas = new Map(files.map((file) => [file.path, file.sha]));
  const batches = selection.batches.map((batch) =>
    batch.map((path) => ({ path, sha: shas.get(path) as string })),
  );
  return prefetch(
    readTextBatches(ctx.github, ctx.repo, batches).then((texts) => ({
      texts,
      unread: selection.unread,
    })),
  );
}

export interface PlaceDecision {
  search: Promise<PlaceSearchRead>;
  targets: readonly VersionFileTarget[];
  /** The managed files' bytes before the bump. */
  contents: ReadonlyMap<string, string>;
  changes: readonly FileChange[];
  strings: VersionStrings;
  /** The line's previous tag, when the caller knows it: its version is a previous one too. */
  previousTag?: string | null;
  /** The previous versions, when the caller knows them (else what most managed fields said). */
  previous?: readonly string[];
}

/**
 * The places that still carry a previous version (what the managed fields said before the bump,
 * and the previous tag's) or the operator's image at another version, once the bump is applied.
 */
export async function settlePlaces(ctx: FlowContext, input: PlaceDecision): Promise<FoundPlaces> {
  let read: PlaceSearchRead;
  try {
    read = await input.search;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ err: error }, "the search for version places failed");
    return { notes: [], unread: 0, failure: reason };
  }
  const before = new Map([...read.texts, ...input.contents]);
  const after = new Map([...before, ...input.changes.map((c) => [c.path, c.content] as const)]);
  const versions = input.targets.flatMap((target) =>
    readFields(ctx.config, target, input.contents.get(target.path) ?? "").flatMap(
      (field) => field.version ?? [],
    ),
  );
  // The previous version is the one most managed fields said: one that had drifted is not it.
  const previous = input.previous ? [...input.previous] : mostCommon(versions);
  const tagged = input.previousTag ? parseTag(ctx.config.tags.format, input.previousTag) : null;
  if (tagged) previous.push(tagged.version);
  const charts = input.targets.filter((t) => t.kind === "chart").map((t) => t.path);
  const report = findVersionPlaces(ctx.config, {
    files: after,
    previous,
    current: input.strings,
    images: operatorImages(ctx.config, charts, before),
  });
  return { notes: placeNotes(report.places), unread: read.unread, failure: null };
}

/**
 * The places to tell for a head that already carries the version: when it is the bot's own bump
 * commit for this tag (a run interrupted after committing), the places its message recorded,
 * since the fields no longer show the version they replaced.
 */
export function placesOfHead(
  found: FoundPlaces,
  head: { message?: string },
  strings: VersionStrings,
  committedNothing: boolean,
): FoundPlaces {
  if (!committedNothing || head.message === undefined) return found;
  const subject = head.message.split(/\r?\n/, 1)[0];
  if (subject !== releaseCommitSubject(strings.tag)) return found;
  return { ...found, notes: parsePlacesSection(head.message) };
}

/** An outcome whose message ends with the places left (and a failed search, owned up to). */
export function tellingPlaces(result: Outcome, found: FoundPlaces): Outcome {
  const sentence = notChangedSentence(found.notes, found.unread);
  const failed = found.failure
    ? `The search for other places that carry the version could not read the files (${found.failure}), so it reports none.`
    : "";
  const tail = [sentence, failed].filter(Boolean).join(" ");
  return tail ? { ...result, message: `${result.message}\n\n${tail}` } : result;
}

/** The value most often in the list (the first of a tie), as a list of zero or one. */
export function mostCommon(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) {
    if (best === null || count > (counts.get(best) ?? 0)) best = value;
  }
  return best === null ? [] : [best];
}
