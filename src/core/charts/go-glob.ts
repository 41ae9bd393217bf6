/**
 * Shell patterns as Go's `filepath.Match` reads them on Linux, the globbing `.helmignore` uses
 * (https://pkg.go.dev/path/filepath#Match): `*` any run of characters but `/`, `?` one character
 * but `/`, `[…]` a class (`[^…]` negated, `lo-hi` ranges, `\` escapes) and `\c` the character c.
 * The whole name must match. A malformed pattern (an unclosed or empty class, a range missing an
 * end, a trailing `\`) is an error, as Go's `ErrBadPattern`. Pure.
 */

type Token =
  | { kind: "star" }
  | { kind: "one" }
  | { kind: "char"; char: string }
  | { kind: "class"; negated: boolean; ranges: Array<[number, number]> };

export type GoGlob = { ok: true; tokens: readonly Token[] } | { ok: false; error: string };

const BAD = "syntax error in pattern";

/** Reads a pattern into tokens, or says why Go would refuse it. */
export function compileGoGlob(pattern: string): GoGlob {
  const chars = [...pattern];
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c === "*") {
      tokens.push({ kind: "star" });
      i += 1;
    } else if (c === "?") {
      tokens.push({ kind: "one" });
      i += 1;
    } else if (c === "\\") {
      if (i + 1 >= chars.length) return { ok: false, error: BAD };
      tokens.push({ kind: "char", char: chars[i + 1] as string });
      i += 2;
    } else if (c === "[") {
      const read = readClass(chars, i + 1);
      if (read === null) return { ok: false, error: BAD };
      tokens.push(read.token);
      i = read.next;
    } else {
      tokens.push({ kind: "char", char: c });
      i += 1;
    }
  }
  return { ok: true, tokens };
}

/** A class after its `[`: ranges up to the closing `]`; null when malformed. */
function readClass(chars: readonly string[], start: number): { token: Token; next: number } | null {
  let i = start;
  const negated = chars[i] === "^";
  if (negated) i += 1;
  const ranges: Array<[number, number]> = [];
  while (chars[i] !== "]" || ranges.length === 0) {
    const lo = classChar(chars, i);
    if (lo === null) return null;
    i = lo.next;
    let hi = lo;
    if (chars[i] === "-") {
      const end = classChar(chars, i + 1);
      if (end === null) return null;
      hi = end;
      i = end.next;
    }
    ranges.push([lo.code, hi.code]);
  }
  return { token: { kind: "class", negated, ranges }, next: i + 1 };
}

/** One character of a class: `\c` or a plain one; `-`, `]` and the pattern's end are errors. */
function classChar(chars: readonly string[], i: number): { code: number; next: number } | null {
  const c = chars[i];
  if (c === undefined || c === "-" || c === "]") return null;
  if (c === "\\") {
    const escaped = chars[i + 1];
    if (escaped === undefined) return null;
    return { code: escaped.codePointAt(0) as number, next: i + 2 };
  }
  return { code: c.codePointAt(0) as number, next: i + 1 };
}

/** Whether the whole of `name` matches the compiled pattern. */
export function goGlobMatches(tokens: readonly Token[], name: string): boolean {
  const chars = [...name];
  // matches[j]: the tokens read so far match chars[0..j).
  let matches = chars.map(() => false);
  matches.push(false);
  matches[0] = true;
  for (const token of tokens) {
    const next = chars.map(() => false);
    next.push(false);
    for (let j = 0; j <= chars.length; j++) {
      if (token.kind === "star") {
        next[j] = matches[j] === true || (j > 0 && next[j - 1] === true && chars[j - 1] !== "/");
      } else if (j > 0 && matches[j - 1] === true) {
        next[j] = matchesOne(token, chars[j - 1] as string);
      }
    }
    matches = next;
  }
  return matches[chars.length] === true;
}

function matchesOne(token: Exclude<Token, { kind: "star" }>, char: string): boolean {
  if (token.kind === "one") return char !== "/";
  if (token.kind === "char") return char === token.char;
  const code = char.codePointAt(0) as number;
  const inside = token.ranges.some(([lo, hi]) => lo <= code && code <= hi);
  return inside !== token.negated;
}

/** `filepath.Match(pattern, name)`; a malformed pattern matches nothing. */
export function goGlobMatch(pattern: string, name: string): boolean {
  const compiled = compileGoGlob(pattern);
  return compiled.ok && goGlobMatches(compiled.tokens, name);
}
