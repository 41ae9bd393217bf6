/**
 * YAML as Helm writes it (`sigs.k8s.io/yaml`, which marshals to JSON and re-emits it with
 * go-yaml v2): keys in go-yaml's natural order, sequences flush with their key, strings that
 * YAML 1.1 would read as something else (`"1.0"`, `"yes"`, timestamps) double-quoted, multi-line
 * strings as literal blocks, long plain strings folded at 80 columns. Helm's `Chart.yaml` in a
 * package and its `index.yaml` entries are written this way. One difference is left: a string
 * that cannot be plain for its characters (`>=1.27.0-0`) gets double quotes where go-yaml picks
 * single ones; both read back the same. Pure.
 */
import {
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  stringify,
  type Tags,
} from "yaml";

/** go-yaml v2's reading: YAML 1.1 (`yes` is true, `1.10` is 1.1), timestamps left as text. */
export const HELM_READS_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  customTags: (tags: Tags) =>
    tags.filter((tag) => typeof tag === "string" || tag.tag !== "tag:yaml.org,2002:timestamp"),
};

/**
 * go-yaml v2's key order (`keyList.Less` in sorter.go): runes compared one by one; at the first
 * difference, two letters by code point; a non-letter before a letter (after it when a digit
 * came just before); two non-letters as runs of digits by their value (continuing a shared
 * non-zero number from 1), then the shorter run first, then by code point; a key that is the
 * other's start first. Digits are Unicode's, each worth its code point minus '0', summed in a
 * wrapping 64-bit integer, as Go sums them.
 */
export function naturalKeyOrder(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let afterDigit = false;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p === q) {
      afterDigit = isDigit(p);
      continue;
    }
    const pLetter = isLetter(p);
    const qLetter = isLetter(q);
    if (pLetter && qLetter) return codePoint(p) - codePoint(q);
    if (pLetter || qLetter) return pLetter === afterDigit ? -1 : 1;
    const seed = (p === "0" || q === "0") && continuesNumber(x, i) ? 1n : 0n;
    const pRun = digitRun(x, i, seed);
    const qRun = digitRun(y, i, seed);
    if (pRun.value !== qRun.value) return pRun.value < qRun.value ? -1 : 1;
    if (pRun.end !== qRun.end) return pRun.end - qRun.end;
    return codePoint(p) - codePoint(q);
  }
  return x.length - y.length;
}

const codePoint = (char: string) => char.codePointAt(0) as number;

function isLetter(char: string): boolean {
  return /^\p{L}$/u.test(char);
}

function isDigit(char: string): boolean {
  return /^\p{Nd}$/u.test(char);
}

/** Whether the digits just before `i` (shared by both keys) are a number that is not all zeros. */
function continuesNumber(chars: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && isDigit(chars[j] as string); j--) {
    if (chars[j] !== "0") return true;
  }
  return false;
}

/** The number a run of digits from `i` spells after `seed`, and where the run ends. */
function digitRun(
  chars: readonly string[],
  i: number,
  seed: bigint,
): { value: bigint; end: number } {
  let value = seed;
  let end = i;
  while (end < chars.length && isDigit(chars[end] as string)) {
    value = BigInt.asIntN(64, value * 10n + BigInt(codePoint(chars[end] as string) - 48));
    end += 1;
  }
  return { value, end };
}

/** A value as Helm's YAML: the document's text, ending with a newline. */
export function helmYaml(value: unknown): string {
  const text = stringify(value, {
    version: "1.1",
    indentSeq: false,
    lineWidth: 0,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
    sortMapEntries: (a, b) => naturalKeyOrder(String(a.key), String(b.key)),
  });
  return text.split("\n").map(foldPlain).join("\n");
}

/** Where the plain value of a line starts: after any `- ` and a plain `key: `. */
const PLAIN_LINE = /^( *(?:- )*)((?:[A-Za-z0-9_][^:#\s]*|"[^"]*"): )?(?=[^\s"'|>[\]{}&*!%@`#,?-])/;

/**
 * A line whose plain value runs past column 80, broken as go-yaml's emitter breaks it: at the
 * first single space found past column 80, and at each such space after, the next line
 * indented two more than its key (or than its item's dash).
 */
export function foldPlain(line: string): string {
  const lead = PLAIN_LINE.exec(line);
  // A plain value never holds `: ` or ` #`: such a line is a key with a value of another style.
  if (lead === null || line.length <= 80 || /: | #/.test(line.slice(lead[0].length))) return line;
  const indent = " ".repeat((lead[1] as string).length + (lead[2] === undefined ? 0 : 2));
  let out = "";
  let column = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    const single = char === " " && line[i - 1] !== " " && line[i + 1] !== " ";
    if (single && i > lead[0].length && column > 80) {
      out += `\n${indent}`;
      column = indent.length;
      continue;
    }
    out += char;
    column += 1;
  }
  return out;
}
