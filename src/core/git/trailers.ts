/**
 * git's trailer rules (trailer.c and `ignore_non_trailer` in commit.c, git 2.39): whether a
 * message ends with a trailer block, so a new trailer (`Signed-off-by:`, `(cherry picked from
 * commit …)`) joins it rather than opening a paragraph of its own. The one parser of trailers:
 * sign-offs and picked messages both use it. Pure.
 *
 * - the first paragraph is the title and never holds trailers;
 * - trailing blank lines, `#` comment lines, an old `Conflicts:` block and everything after a
 *   scissors line are not part of the message for this purpose;
 * - the last paragraph is a trailer block when every line is a `Token: value` trailer (or a
 *   continuation of one), or when it holds a line git generates itself (`Signed-off-by: `,
 *   `(cherry picked from commit `) and at least a quarter of its lines are trailers.
 */

/** The line `git cherry-pick -x` adds starts with it. */
export const CHERRY_PICKED_PREFIX = "(cherry picked from commit ";

/** Trailer prefixes git writes itself; one of them makes a mostly-prose paragraph a trailer block. */
const GIT_GENERATED_PREFIXES = ["Signed-off-by: ", CHERRY_PICKED_PREFIX];

/** `git commit -v` cuts the message at this line (comment character `#`). */
const SCISSORS = "# ------------------------ >8 ------------------------\n";

/**
 * Whether the message (complete lines) ends with a trailer block in git's sense, so a new trailer
 * goes right after it rather than after a blank line.
 */
export function endsWithTrailerBlock(text: string): boolean {
  return hasTrailerBlock(text, text.length - ignoredTrailingLength(text));
}

interface Line {
  start: number;
  /** The line without its line feed. */
  text: string;
}

/** The lines of `text` before `end`; each but perhaps the last ended by `\n`. */
function linesBefore(text: string, end: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < end) {
    const feed = text.indexOf("\n", start);
    const stop = feed < 0 || feed >= end ? end : feed;
    lines.push({ start, text: text.slice(start, stop) });
    start = stop + 1;
  }
  return lines;
}

/** git's isspace (its own ctype table): space, tab, line feed and carriage return only. */
const isSpace = (ch: string | undefined) => ch !== undefined && " \t\n\r".includes(ch);
const isBlank = (line: string) => [...line].every(isSpace);

/**
 * Whether `text[0, end)` ends with a trailer block: git's search from the last line up to the
 * first blank line above a paragraph of trailers.
 */
function hasTrailerBlock(text: string, end: number): boolean {
  const lines = linesBefore(text, end);
  // The first paragraph is the title (a comment line, never blank, does not end it either).
  let endOfTitle = end;
  for (const line of lines) {
    if (isBlank(line.text)) {
      endOfTitle = line.start;
      break;
    }
  }

  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  // Indented lines belong to the trailer above them, or to prose when prose is above them.
  let possibleContinuations = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as Line;
    if (line.start < endOfTitle) break;
    if (line.text.startsWith("#")) {
      nonTrailerLines += possibleContinuations;
      possibleContinuations = 0;
      continue;
    }
    if (isBlank(line.text)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuations;
      const mostlyTrailers = recognizedPrefix && trailerLines * 3 >= nonTrailerLines;
      const allTrailers = trailerLines > 0 && nonTrailerLines === 0;
      return mostlyTrailers || allTrailers;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((prefix) => line.text.startsWith(prefix))) {
      trailerLines++;
      possibleContinuations = 0;
      recognizedPrefix = true;
    } else if (TRAILER_LINE.test(line.text)) {
      trailerLines++;
      possibleContinuations = 0;
    } else if (isSpace(line.text[0])) {
      possibleContinuations++;
    } else {
      nonTrailerLines += 1 + possibleContinuations;
      possibleContinuations = 0;
    }
  }
  return false;
}

/**
 * A `Token: value` line in git's sense (`find_separator`): a token of ASCII letters, digits and
 * `-`, then optional spaces or tabs, then the colon; the value may be empty.
 */
const TRAILER_LINE = /^[A-Za-z0-9-]+[ \t]*:/;

/**
 * How many bytes at the end are not message for trailer purposes: everything from a scissors
 * line on, and a trailing run of comment lines, empty lines and an old `Conflicts:` block.
 */
function ignoredTrailingLength(text: string): number {
  const cutoff = scissorsPosition(text);
  // As in git, 0 means "no run started" (a run from the very first line is not recognised).
  let runStart = 0;
  let inConflicts = false;
  let start = 0;
  while (start < cutoff) {
    const feed = text.indexOf("\n", start);
    const next = feed < 0 ? text.length : feed + 1;
    const ch = text[start];
    if (ch === "#" || ch === "\n") {
      if (runStart === 0) runStart = start;
    } else if (text.startsWith("Conflicts:\n", start)) {
      inConflicts = true;
      if (runStart === 0) runStart = start;
    } else if (inConflicts && ch === "\t") {
      // a path of the old conflicts block
    } else if (runStart !== 0) {
      runStart = 0;
      inConflicts = false;
    }
    start = next;
  }
  return runStart !== 0 ? text.length - runStart : text.length - cutoff;
}

function scissorsPosition(text: string): number {
  if (text.startsWith(SCISSORS)) return 0;
  const at = text.indexOf(`\n${SCISSORS}`);
  return at < 0 ? text.length : at + 1;
}
