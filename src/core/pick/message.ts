/**
 * The message of a picked commit, byte for byte as `git cherry-pick -x` writes it. Pure.
 *
 * Git appends `(cherry picked from commit <sha>)` on a line of its own: right after the message's
 * trailer block when it ends with one (so `Signed-off-by` and the new line form one block, and
 * DCO checks still find the sign-off), after a blank line otherwise. What counts as a trailer
 * block follows git's rules (`../git/trailers.ts`), checked against real `git cherry-pick -x`
 * runs in the unit tests.
 *
 * Then, as git does when the message is not edited, whitespace is cleaned (`git stripspace`):
 * trailing whitespace of every line goes (so CRLF line ends become LF), runs of blank lines
 * become one, and blank lines at the start and the end go. Comment lines stay.
 */

import { CHERRY_PICKED_PREFIX, endsWithTrailerBlock } from "../git/trailers.js";

export { CHERRY_PICKED_PREFIX, endsWithTrailerBlock } from "../git/trailers.js";

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
