/**
 * A text as git's diff machinery sees it: a list of lines, each with its own line end (`\n`;
 * a `\r` before it is part of the line), the last one possibly without. Equal lines get equal
 * numbers, so the diff algorithms compare numbers, not strings. Pure.
 */

/** The lines of a text, each ending in `\n` except possibly the last. An empty text has none. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Numbers the lines of several texts so that equal lines, in any of them, get the same number. */
export function classify(...texts: ReadonlyArray<readonly string[]>): Int32Array[] {
  const classes = new Map<string, number>();
  return texts.map((lines) =>
    Int32Array.from(lines, (line) => {
      let id = classes.get(line);
      if (id === undefined) {
        id = classes.size;
        classes.set(line, id);
      }
      return id;
    }),
  );
}

/**
 * Which lines of each side a diff marks as changed: index `i + 1` for line `i`, with an
 * unchanged sentinel before the first line and after the last (git's `rchg` arrays).
 */
export interface Marks {
  a: Uint8Array;
  b: Uint8Array;
}

export function emptyMarks(lengthA: number, lengthB: number): Marks {
  return { a: new Uint8Array(lengthA + 2), b: new Uint8Array(lengthB + 2) };
}
