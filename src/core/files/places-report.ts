/**
 * How found version places are told: the sentence that ends a release's reply, the refusal under
 * `versionPlaces.require`, and the section of the bump commit's message that keeps them, so a
 * retold reply and the dashboard say the same without searching again. Pure.
 */
import { CONFIG_PATH } from "../config/path.js";
import { codeSpan } from "../text/markdown.js";
import type { VersionPlace } from "./discovery.js";
import { PLACE_KIND_NAMES, PLACE_KIND_SETTINGS, type PlaceKind } from "./place-kinds.js";

/** A place as a reply, a commit message and the dashboard keep it. */
export interface PlaceNote {
  path: string;
  line: number;
  found: string;
  kind: PlaceKind;
}

/** How many places a reply names before it says "and N more". */
export const LISTED_PLACES = 10;

/** One note per line: a line with several spellings (a badge's alt text and URL) is one place. */
export function placeNotes(places: readonly VersionPlace[]): PlaceNote[] {
  const notes = new Map<string, PlaceNote>();
  for (const place of places) {
    const key = `${place.path}:${place.line}`;
    if (!notes.has(key)) {
      notes.set(key, { path: place.path, line: place.line, found: place.found, kind: place.kind });
    }
  }
  return [...notes.values()];
}

/**
 * "Not changed: `config/default/kustomization.yaml:36` still says `v2.5.0-rc.0` (Kustomize
 * `newTag`: add it to `kustomize:`); …, or list them in `versionPlaces.ignore`." Empty without
 * places. `unread` files the search had no budget for are owned up to.
 */
export function notChangedSentence(notes: readonly PlaceNote[], unread = 0): string {
  if (notes.length === 0) return "";
  const listed = notes.slice(0, LISTED_PLACES).map(describeNote);
  const more = notes.length > LISTED_PLACES ? `, and ${notes.length - LISTED_PLACES} more` : "";
  const one = notes.length === 1;
  const skipped =
    unread > 0 ? ` (${unread} file${unread === 1 ? " was" : "s were"} not searched)` : "";
  return `Not changed: ${listed.join("; ")}${more}. Add ${one ? "it" : "them"} to ${CONFIG_PATH} (or to \`versionPlaces.ignore\`)${skipped}.`;
}

/**
 * The refusal of `versionPlaces.require: true`: nothing is written while places are left, nor
 * while the search could not read the files (`failure`).
 */
export function requiredPlacesRefusal(
  version: string,
  notes: readonly PlaceNote[],
  failure: string | null = null,
): string {
  if (failure !== null) {
    return `Did not set \`${version}\`, nothing was written: \`versionPlaces.require\` is on and the search for places that carry the release could not read the files (${failure}); run the command again.`;
  }
  const listed = notes.slice(0, LISTED_PLACES).map(describeNote);
  const more = notes.length > LISTED_PLACES ? `, and ${notes.length - LISTED_PLACES} more` : "";
  return `Did not set \`${version}\`, nothing was written: \`versionPlaces.require\` is on and ${notes.length === 1 ? "this place carries" : "these places carry"} the release without the configuration managing ${notes.length === 1 ? "it" : "them"}: ${listed.join("; ")}${more}. Add ${notes.length === 1 ? "it" : "them"} to ${CONFIG_PATH} or to \`versionPlaces.ignore\`, then run the command again.`;
}

function describeNote(note: PlaceNote): string {
  const setting = PLACE_KIND_SETTINGS[note.kind];
  return `${codeSpan(`${note.path}:${note.line}`)} still says ${codeSpan(note.found)} (${PLACE_KIND_NAMES[note.kind]}: add it to \`${setting}:\`)`;
}

const SECTION_HEAD = "Not changed (see versionPlaces in .github/release-bot.yml):";
const NOTE_LINE = /^\* (.+):(\d+) still says (\S+) \[([a-z-]+)\]$/;

/** The lines a bump commit's message ends with; empty without places. */
export function placesCommitSection(notes: readonly PlaceNote[]): string {
  if (notes.length === 0) return "";
  const lines = notes.map((n) => `* ${n.path}:${n.line} still says ${n.found} [${n.kind}]`);
  return `\n${SECTION_HEAD}\n${lines.join("\n")}\n`;
}

/** The places a bump commit's message names (its section), or none. */
export function parsePlacesSection(message: string): PlaceNote[] {
  const lines = message.split(/\r?\n/);
  const start = lines.indexOf(SECTION_HEAD);
  if (start === -1) return [];
  const notes: PlaceNote[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = NOTE_LINE.exec(line);
    if (!match) break;
    const kind = match[4] as PlaceKind;
    if (!Object.hasOwn(PLACE_KIND_NAMES, kind)) break;
    notes.push({
      path: match[1] as string,
      line: Number(match[2]),
      found: match[3] as string,
      kind,
    });
  }
  return notes;
}
