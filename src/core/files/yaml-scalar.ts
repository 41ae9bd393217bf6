import { isAlias, isMap, isScalar, isSeq, type Node, parse, parseAllDocuments, Scalar } from "yaml";

/** Why an edit was refused, for callers that word their own message (Chart.yaml's missing keys). */
export type EditErrorCode =
  | "invalid-yaml"
  | "multiple-documents"
  | "not-a-mapping"
  | "missing-key"
  | "duplicate-key"
  | "not-a-scalar"
  | "alias"
  | "block-scalar"
  | "round-trip"
  | "invalid-value";

export type EditResult =
  | { ok: true; text: string; changed: boolean; previous: string }
  | { ok: false; error: string; code: EditErrorCode };

/** Where a scalar value sits in the text, and how it is written. */
interface Located {
  start: number;
  end: number;
  type: Scalar["type"];
  /** The value as a string: the source of a plain scalar (`1.0` stays `1.0`), else the parsed value. */
  value: string;
  /** The value as YAML reads it: what an edit must produce. */
  parsed: unknown;
}

type Failure = { ok: false; error: string; code: EditErrorCode };
type LocateResult = { ok: true; located: Located } | Failure;

const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: true } as const;
const STR_TAG = "tag:yaml.org,2002:str";

/**
 * Sets the scalar at `keyPath` (keys of nested mappings, e.g. `["image", "tag"]`) to the string
 * `value`, changing only the bytes of that value: comments, key order, blank lines, line endings
 * and the value's quoting style stay. A plain value that the new text cannot stay plain for
 * (it would read as a number, a boolean, or break the syntax) is double-quoted.
 *
 * `file` names the document in error messages (a path, or "Chart.yaml").
 */
export function setYamlScalar(
  text: string,
  keyPath: YamlPath,
  value: string,
  file?: string,
): EditResult {
  const names = naming(file);
  const found = locateScalar(text, keyPath, names);
  if (!found.ok) return found;
  const { start, end, type, value: previous } = found.located;

  const oldSource = text.slice(start, end);
  const newSource = renderScalar(type, value);
  if (newSource === oldSource) return { ok: true, text, changed: false, previous };

  // An empty value (`tag:`) has no bytes: keep a space after the colon and before a comment.
  let insert = newSource;
  if (start === end) {
    // An empty value always follows its key's colon, so `start` is past the first byte.
    if (!/[ \t]/.test(text.charAt(start - 1))) insert = ` ${insert}`;
    if (text.charAt(end) === "#") insert = `${insert} `;
  }
  const next = text.slice(0, start) + insert + text.slice(end);

  // The edit must read back as exactly the string we meant; anything else is refused.
  const check = locateScalar(next, keyPath, names);
  if (!check.ok || check.located.parsed !== value) {
    return fail(
      "round-trip",
      `Setting \`${keyPath.join(".")}\` in ${names.object} to ${JSON.stringify(value)} would not read back as that string, so it was left unchanged.`,
    );
  }
  return { ok: true, text: next, changed: true, previous };
}

/**
 * The value at `keyPath` as written (`1.0` stays `1.0`, quotes are dropped), or undefined when it
 * is absent or not an editable scalar. For reading values back after an edit.
 */
export function readYamlString(text: string, keyPath: readonly string[]): string | undefined {
  const found = locateScalar(text, keyPath, naming(undefined));
  return found.ok ? found.located.value : undefined;
}

interface Naming {
  /** At the start of a sentence: "Chart.yaml", "The document". */
  subject: string;
  /** Inside a sentence: "Chart.yaml", "the document". */
  object: string;
}

function naming(file: string | undefined): Naming {
  return file === undefined
    ? { subject: "The document", object: "the document" }
    : { subject: file, object: file };
}

/** Keys of nested mappings, and indexes of list items: `["dependencies", 0, "version"]`. */
export type YamlPath = readonly (string | number)[];

function locateScalar(text: string, keyPath: YamlPath, names: Naming): LocateResult {
  const { subject, object } = names;
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
      const reason = (error.message.split("\n", 1)[0] as string).replace(
        / at line \d+, column \d+:?$/,
        "",
      );
      return fail("invalid-yaml", `${subject} is not valid YAML${where}: ${reason}.`);
    }
  }
  if (docs.length > 1) {
    return fail(
      "multiple-documents",
      `${subject} holds ${docs.length} YAML documents; only a file with one document can be edited.`,
    );
  }

  const wanted = `\`${keyPath.join(".")}\``;
  let node: Node | null = docs[0]?.contents ?? null;
  for (const [i, key] of keyPath.entries()) {
    const parent = `\`${keyPath.slice(0, i).join(".")}\``;
    if (node === null) return fail("missing-key", `${subject} has no ${wanted} key.`);
    if (typeof key === "number") {
      // An index into a list: `dependencies.0.version`.
      const item = isSeq(node) ? node.items[key] : undefined;
      if (item === undefined) return fail("missing-key", `${subject} has no ${wanted} key.`);
      node = item as Node | null;
      continue;
    }
    if (isAlias(node)) {
      return fail(
        "alias",
        `${parent} in ${object} is an alias (*${node.source}); edit the anchored value instead.`,
      );
    }
    if (!isMap(node)) {
      const what =
        i === 0 ? `${subject} is not a YAML mapping` : `${parent} in ${object} is not a mapping`;
      return fail("not-a-mapping", `${what}, so it has no ${wanted} key.`);
    }
    const pairs = node.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) === key);
    if (pairs.length === 0) return fail("missing-key", `${subject} has no ${wanted} key.`);
    if (pairs.length > 1) {
      const dup = `\`${keyPath.slice(0, i + 1).join(".")}\``;
      return fail(
        "duplicate-key",
        `${subject} has the key ${dup} ${pairs.length} times; keep one.`,
      );
    }
    node = (pairs[0]?.value ?? null) as Node | null;
  }

  const at = `${wanted} in ${object}`;
  if (isAlias(node)) {
    return fail("alias", `${at} is an alias (*${node.source}); edit the anchored value instead.`);
  }
  if (isMap(node) || isSeq(node)) {
    return fail(
      "not-a-scalar",
      `${at} is ${isMap(node) ? "a mapping" : "a list"}, not a single value.`,
    );
  }
  if (!isScalar(node) || !node.range) return fail("not-a-scalar", `${at} is not a single value.`);
  if (node.anchor) {
    return fail(
      "alias",
      `${at} carries the anchor &${node.anchor}, so changing it would change every *${node.anchor} too; drop the anchor or set the value by hand.`,
    );
  }
  if (node.tag !== undefined && node.tag !== STR_TAG) {
    return fail(
      "not-a-scalar",
      `${at} carries the tag ${node.tag}; remove it so the key can hold a version.`,
    );
  }
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) {
    return fail("block-scalar", `${at} is a block scalar (| or >); write it on one line.`);
  }
  const [start, end] = node.range;
  // The parser sets `source` on every scalar it reads: a plain scalar's text as written, a quoted
  // one's string without quotes and escapes.
  const value = String(node.source);
  return { ok: true, located: { start, end, type: node.type, value, parsed: node.value } };
}

function fail(code: EditErrorCode, error: string): Failure {
  return { ok: false, code, error };
}

/** The source text of `value` in the style of the scalar it replaces. */
function renderScalar(type: Scalar["type"], value: string): string {
  if (type === Scalar.QUOTE_SINGLE)
    return canSingleQuote(value) ? singleQuote(value) : doubleQuote(value);
  if (type === Scalar.QUOTE_DOUBLE) return doubleQuote(value);
  return canBePlain(value) ? value : doubleQuote(value);
}

// Control characters and YAML line breaks cannot appear raw in single-quoted or plain scalars.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what we reject.
const UNPRINTABLE = /[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/;

function canSingleQuote(value: string): boolean {
  return !UNPRINTABLE.test(value);
}

function singleQuote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function doubleQuote(value: string): string {
  // JSON string escapes are valid YAML double-quoted escapes; add the YAML line breaks.
  return JSON.stringify(value).replace(
    /[\u0085\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Whether `value` can be written as a plain scalar, in block or flow context, and still read as
 * this same string under YAML 1.2 (the `yaml` package) and YAML 1.1 (Helm's go-yaml, where `yes`,
 * `on` and `0777` are not strings).
 */
function canBePlain(value: string): boolean {
  if (UNPRINTABLE.test(value)) return false;
  if (/^\s|\s$/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/[,[\]{}]|:\s|:$|\s#/.test(value)) return false;
  for (const version of ["1.1", "1.2"] as const) {
    try {
      if (parse(value, { version }) !== value) return false;
    } catch {
      return false;
    }
  }
  return true;
}
