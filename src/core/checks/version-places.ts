/**
 * The version consistency check's word on places outside the configuration: each found place is
 * a warning annotation at its line, and the summary lists them with the key that would manage
 * them. They change the verdict only under `versionPlaces.require`. Pure.
 */
import { PLACE_KIND_NAMES, PLACE_KIND_SETTINGS } from "../files/place-kinds.js";
import type { PlaceNote } from "../files/places-report.js";
import type { CheckAnnotation, CheckResult } from "./result.js";

export function withPlaceWarnings(
  result: CheckResult,
  notes: readonly PlaceNote[],
  options: { require: boolean; expected: string | null },
): CheckResult {
  if (notes.length === 0) return result;
  const version = options.expected === null ? "the release" : `\`${options.expected}\``;
  const annotations: CheckAnnotation[] = notes.map((note) => ({
    path: note.path,
    line: note.line,
    level: options.require ? "failure" : "warning",
    title: `Not managed: still \`${note.found}\``,
    message: `This ${PLACE_KIND_NAMES[note.kind]} says \`${note.found}\`, not ${version}, and release-bot does not set it; add it to \`${PLACE_KIND_SETTINGS[note.kind]}:\` in .github/release-bot.yml, or to \`versionPlaces.ignore\`.`,
  }));
  const lines = notes.map(
    (note) =>
      `- \`${note.path}\` line ${note.line}: \`${note.found}\` (${PLACE_KIND_NAMES[note.kind]}; \`${PLACE_KIND_SETTINGS[note.kind]}:\`)`,
  );
  const failing = options.require && result.conclusion !== "failure";
  const count = `${notes.length} place${notes.length === 1 ? "" : "s"}`;
  return {
    conclusion: options.require ? "failure" : result.conclusion,
    title: failing ? `${count} not managed (versionPlaces.require)` : result.title,
    summary: `${result.summary}\n\n**Not managed** (${count} that ${notes.length === 1 ? "carries" : "carry"} another version of the release and that release-bot does not set${options.require ? "; `versionPlaces.require` is on" : ""}):\n\n${lines.join("\n")}`,
    annotations: [...result.annotations, ...annotations],
  };
}
