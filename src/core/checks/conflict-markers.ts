/**
 * The conflict markers check: no changed text file of a pull request into a release branch
 * may hold a line git writes around a conflict, so a conflict resolved in a hurry, in the
 * browser or by hand, can never be merged with its markers in. Pure.
 *
 * A marker is a line of exactly seven `<` or `>` followed by a space or the line's end, or,
 * inside such a block, seven `=` (or `|`, the base of the diff3 style) alone: a Markdown
 * heading underlined with `=======` outside a conflict is no marker.
 */
import { codeSpan } from "../text/markdown.js";
import type { CheckAnnotation, CheckResult } from "./result.js";

export interface MarkerLine {
  /** 1-based. */
  line: number;
  marker: "<<<<<<<" | "=======" | "|||||||" | ">>>>>>>";
}

const OPEN = /^<{7}(?: |\r?$)(?!<)/;
const CLOSE = /^>{7}(?: |\r?$)(?!>)/;
const MIDDLE = /^(?:={7}|\|{7}(?: .*)?)\r?$/;

/** The conflict marker lines of a text. */
export function findConflictMarkers(text: string): MarkerLine[] {
  const found: MarkerLine[] = [];
  let inBlock = false;
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (OPEN.test(line)) {
      found.push({ line: index + 1, marker: "<<<<<<<" });
      inBlock = true;
    } else if (CLOSE.test(line)) {
      found.push({ line: index + 1, marker: ">>>>>>>" });
      inBlock = false;
    } else if (inBlock && MIDDLE.test(line)) {
      found.push({ line: index + 1, marker: line.startsWith("=") ? "=======" : "|||||||" });
    }
  }
  return found;
}

export interface MarkerScan {
  /** Changed text files with markers, and where. */
  files: ReadonlyArray<{ path: string; markers: readonly MarkerLine[] }>;
  /** How many changed text files were read. */
  checked: number;
  /** Changed files not read (too many, too large): named in the summary. */
  unchecked: readonly string[];
}

/** Most annotations one check run shows; the summary counts the rest. */
const MAX_ANNOTATIONS = 200;

export function conflictMarkersResult(scan: MarkerScan): CheckResult {
  const marked = scan.files.filter((f) => f.markers.length > 0);
  const unchecked =
    scan.unchecked.length > 0
      ? `\n\nNot read (${scan.unchecked.length}): ${scan.unchecked
          .slice(0, 20)
          .map((p) => codeSpan(p))
          .join(", ")}${scan.unchecked.length > 20 ? ", …" : ""}.`
      : "";
  if (marked.length === 0) {
    return {
      conclusion: "success",
      title: "No conflict markers",
      summary: `No changed text file holds a conflict marker (${plural(scan.checked, "file")} read).${unchecked}`,
      annotations: [],
    };
  }
  const count = marked.reduce((n, f) => n + f.markers.length, 0);
  const annotations: CheckAnnotation[] = marked
    .flatMap((f) =>
      f.markers.map(
        (m): CheckAnnotation => ({
          path: f.path,
          line: m.line,
          level: "failure",
          title: "Conflict marker",
          message: `A ${m.marker} conflict marker: keep the lines this file needs and delete the marker lines.`,
        }),
      ),
    )
    .slice(0, MAX_ANNOTATIONS);
  return {
    conclusion: "failure",
    title: `${plural(count, "conflict marker")} in ${marked
      .map((f) => codeSpan(f.path))
      .slice(0, 3)
      .join(", ")}${marked.length > 3 ? ` and ${marked.length - 3} more` : ""}`,
    summary:
      [
        "These files still hold lines git writes around a conflict:",
        "",
        ...marked.map(
          (f) => `- ${codeSpan(f.path)}: lines ${f.markers.map((m) => m.line).join(", ")}`,
        ),
        "",
        "Resolve each conflict: keep the lines the file needs between `<<<<<<<` and `>>>>>>>`, delete the three marker lines, and push. This check turns green when no marker is left.",
      ].join("\n") + unchecked,
    annotations,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
