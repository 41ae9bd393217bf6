/**
 * The lines of a comment body that a reader sees as plain text, with HTML comments removed. Pure;
 * one pass over the lines.
 *
 * Fenced and indented code, block quotes and HTML comments are masked: a slash command shown
 * there is an example or a quote, not a request. This reads only as much CommonMark as that
 * takes.
 */

/** An opening code fence, also after list markers (`- ```yaml`). */
const FENCE_OPEN = /^ {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;

interface Fence {
  char: string;
  length: number;
}

/** The visible text of each plain line of `body`, in order; lazy, so a reader may stop early. */
export function* plainTextLines(body: string): Generator<string> {
  let fence: Fence | null = null;
  let inComment = false;

  for (const line of body.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }

    let text: string;
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) continue;
      text = line.slice(end + 3);
    } else {
      fence = opensFence(line);
      if (fence !== null || BLOCKQUOTE.test(line)) continue;
      text = line;
    }

    const stripped = stripComments(text);
    inComment = stripped.open;
    // Four columns of indentation make an indented code block.
    if (indentation(stripped.visible) >= 4) continue;
    yield stripped.visible;
  }
}

function opensFence(line: string): Fence | null {
  const match = FENCE_OPEN.exec(line);
  if (match === null) return null;
  const marker = match[1] as string;
  const char = marker.charAt(0);
  // A backtick fence's info string has no backtick: "```code```" on one line is inline code.
  if (char === "`" && (match[2] as string).includes("`")) return null;
  return { char, length: marker.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const marker = FENCE_CLOSE.exec(line)?.[1];
  return marker !== undefined && marker.charAt(0) === fence.char && marker.length >= fence.length;
}

/** Removes `<!-- ... -->`; `open` when a comment starts on this line and does not end on it. */
function stripComments(text: string): { visible: string; open: boolean } {
  let visible = "";
  let from = 0;
  for (;;) {
    const start = text.indexOf("<!--", from);
    if (start < 0) return { visible: visible + text.slice(from), open: false };
    visible += text.slice(from, start);
    // `<!-->` and `<!--->` are complete (empty) comments too.
    const end = text.indexOf("-->", start + 2);
    if (end < 0) return { visible, open: true };
    from = end + 3;
  }
}

/** Columns of the leading spaces and tabs of a line, tabs to the next multiple of 4 (CommonMark). */
function indentation(line: string): number {
  let column = 0;
  for (const ch of line) {
    if (ch === "\t") column += 4 - (column % 4);
    else if (ch === " ") column += 1;
    else break;
  }
  return column;
}
