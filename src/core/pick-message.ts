/**
 * The message of a picked commit, byte for byte as `git cherry-pick -x` writes it. Pure.
 *
 * Git appends `(cherry picked from commit <sha>)` on a line of its own: right after the message's
 * trailer block when it ends with one (so `Signed-off-by` and the new line form one block, and
 * DCO checks still find the sign-off), after a blank line otherwise. What counts as a trailer
 * block follows git's rules (trailer.c and `ignore_non_trailer` in commit.c, git 2.39), checked
 * against real `git cherry-pick -x` runs in the unit tests:
 *
 * - the first paragraph is the title and never holds trailers;
 * - trailing blank lines, `#` comment lines, an old `Conflicts:` block and everything after a
 *   scissors line are not part of the message for this purpose;
 * - the last paragraph is a trailer block when every line is a `Token: value` trailer (or a
 *   continuation of one), or when it holds a line git generates itself (`Signed-off-by: `,
 *   `(cherry picked from commit `) and at least a quarter of its lines are trailers.
 *
 * Then, as git does when the message is not edited, whitespace is cleaned (`git stripspace`):
 * trailing whitespace of every line goes (so CRLF line ends become LF), runs of blank lines
 * become one, and blank lines at the start and the end go. Comment lines stay.
 */

export const CHERRY_PICKED_PREFIX = "(cherry picked from commit ";

/** Trailer prefixes git writes itself; one of them makes a mostly-prose paragraph a trailer block. */
const GIT_GENERATED_PREFIXES = ["Signed-off-by: ", CHERRY_PICKED_PREFIX];

/** `git commit -v` cuts the message at this line (comment character `#`). */
const SCISSORS = "# ------------------------ >8 ------------------------\n";

/** Lines of spaces, tabs and carriage returns before the first line with text. */
const LEADING_BLANK_LINES = /^(?:[ \t\r]*\n)*/;

/** The message of the commit that picks `sha` with `message`, as `git cherry-pick -x` writes it. */
export function cherryPickedMessage(message: string, sha: string): string {
  // git reads the message from its first line that is not blank (`find_commit_subject`).
  let text = message.replace(LEADING_BLANK_LINES, "");
  // An empty message becomes a lone line end, which the whitespace cleanup drops again.
  if (!text.endsWith("\n")) text += "\n";
  if (!endsWithTrailerBlock(text)) text += "\n";
  return stripSpace(`${text}${CHERRY_PICKED_PREFIX}${sha})\n`);
}

/**
 * git's whitespace cleanup of a message: trailing whitespace removed from every line, blank
 * lines at the start and the end dropped, runs of blank lines inside collapsed to one.
 */
export function stripSpace(text: string): string {
  const kept: string[] = [];
  let blankBefore = false;
  for (const line of text.split("\n")) {
    const trimmed = line.replace(/[ \t\r]+$/, "");
    if (trimmed === "") {
      // Blank lines before the first kept line are dropped, not held for later.
      if (kept.length > 0) blankBefore = true;
      continue;
    }
    if (blankBefore) kept.push("");
    blankBefore = false;
    kept.push(trimmed);
  }
  return kept.length === 0 ? "" : `${kept.join("\n")}\n`;
}

/** The SHAs a message says it was cherry-picked from, in order. */
export function cherryPickedFrom(message: string): string[] {
  const shas: string[] = [];
  for (const match of message.matchAll(/^\(cherry picked from commit ([0-9a-f]{7,64})\)\s*$/gm)) {
    shas.push(match[1] as string);
  }
  return shas;
}

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
