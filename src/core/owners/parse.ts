/**
 * OWNERS and OWNERS_ALIASES files as Prow's `repoowners` package reads them. Pure.
 *
 * - An OWNERS file is a "simple" configuration (`approvers`, `reviewers`, `required_reviewers`,
 *   `labels`, `options`) when any of those lists is non-empty; otherwise its `filters` are read,
 *   each a regular expression over file paths with lists of its own. A file with both uses its
 *   top-level lists and ignores the filters, as Prow does.
 * - Keys Prow does not know (`emeritus_approvers`, KServe's `project-leads`) grant nothing.
 *   `emeritus_approvers` is read only to tell a former approver why a command was refused.
 * - OWNERS_ALIASES maps alias names to lists of logins (a flow mapping's keys, or nothing, too).
 *
 * Where Prow skips a file it cannot read (and so grants nobody, silently), these return a
 * problem naming what is wrong, phrased to follow the file's name ("is not valid YAML: …"), so
 * that the reply can say it.
 */
import { isMap, parseDocument } from "yaml";

/** The people of one OWNERS entry (the whole file, or one filter), as written. */
export interface OwnersEntry {
  approvers: string[];
  reviewers: string[];
  emeritusApprovers: string[];
}

export interface OwnersFile {
  /** The entry for every file: the top-level lists, or the catch-all `".*"` filter. */
  root: OwnersEntry;
  /** The other filters: their approvers approve only the files the pattern matches. */
  filters: Array<{ pattern: string; approvers: string[] }>;
}

/** Alias name (lower case) → its members, as written. */
export type OwnersAliases = ReadonlyMap<string, readonly string[]>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The filter every path matches: Prow applies it to the directory like top-level lists. */
export const CATCH_ALL = ".*";

/** Lists whose presence makes an OWNERS file "simple" (Prow's `SimpleConfig.Empty`). */
const SIMPLE_LISTS = ["approvers", "reviewers", "required_reviewers", "labels"] as const;

export function parseOwnersFile(text: string): Parsed<OwnersFile> {
  const read = readMapping(text);
  if (!read.ok) return read;
  const data = read.value;
  const simple = SIMPLE_LISTS.some((key) => Array.isArray(data[key]) && data[key].length > 0);
  if (simple || data.filters === undefined || data.filters === null) {
    const root = readEntry(data, "");
    return root.ok ? { ok: true, value: { root: root.value, filters: [] } } : root;
  }
  return readFilters(data.filters);
}

export function parseAliasesFile(text: string): Parsed<OwnersAliases> {
  const read = readMapping(text);
  if (!read.ok) return read;
  const aliases = read.value.aliases;
  if (aliases === undefined || aliases === null) return { ok: true, value: new Map() };
  if (!isRecord(aliases)) {
    return {
      ok: false,
      problem: "is not valid: `aliases` must map each alias to a list of logins",
    };
  }
  const result = new Map<string, string[]>();
  for (const [name, members] of Object.entries(aliases)) {
    // Prow also takes `{ alias: { a, b } }` (the keys) and an empty alias.
    const list = isRecord(members) ? Object.keys(members) : (members ?? []);
    const logins = loginList(list, `alias \`${name}\``);
    if (!logins.ok) return logins;
    result.set(normalizeLogin(name), logins.value);
  }
  return { ok: true, value: result };
}

/** How Prow compares logins (`github.NormLogin`): case-insensitive, a leading `@` dropped. */
export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, "").toLowerCase();
}

function readFilters(filters: unknown): Parsed<OwnersFile> {
  if (!isRecord(filters)) {
    return {
      ok: false,
      problem: "is not valid: `filters` must map path patterns to approvers and reviewers",
    };
  }
  let root: OwnersEntry = { approvers: [], reviewers: [], emeritusApprovers: [] };
  const others: OwnersFile["filters"] = [];
  for (const [pattern, value] of Object.entries(filters)) {
    if (!isRecord(value) && value !== null) {
      return {
        ok: false,
        problem: `is not valid: filter \`${pattern}\` must be a mapping of lists`,
      };
    }
    const entry = readEntry(value ?? {}, `filter \`${pattern}\`: `);
    if (!entry.ok) return entry;
    if (pattern === CATCH_ALL) root = entry.value;
    else others.push({ pattern, approvers: entry.value.approvers });
  }
  return { ok: true, value: { root, filters: others } };
}

function readEntry(data: Record<string, unknown>, where: string): Parsed<OwnersEntry> {
  const approvers = loginList(data.approvers ?? [], `${where}\`approvers\``);
  if (!approvers.ok) return approvers;
  const reviewers = loginList(data.reviewers ?? [], `${where}\`reviewers\``);
  if (!reviewers.ok) return reviewers;
  const emeritus = loginList(data.emeritus_approvers ?? [], `${where}\`emeritus_approvers\``);
  if (!emeritus.ok) return emeritus;
  return {
    ok: true,
    value: {
      approvers: approvers.value,
      reviewers: reviewers.value,
      emeritusApprovers: emeritus.value,
    },
  };
}

function loginList(value: unknown, what: string): Parsed<string[]> {
  if (!Array.isArray(value))
    return { ok: false, problem: `is not valid: ${what} must be a list of logins` };
  const logins: string[] = [];
  for (const item of value) {
    if (typeof item !== "string" || item.trim() === "") {
      return {
        ok: false,
        problem: `is not valid: ${what} must be a list of logins, not \`${String(item)}\``,
      };
    }
    logins.push(item.trim());
  }
  return { ok: true, value: logins };
}

function readMapping(text: string): Parsed<Record<string, unknown>> {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    return { ok: false, problem: `is not valid YAML: ${error.message.split("\n", 1)[0]}` };
  }
  if (doc.contents === null) return { ok: true, value: {} };
  if (!isMap(doc.contents)) {
    return { ok: false, problem: "is not a YAML mapping" };
  }
  return { ok: true, value: doc.toJS() as Record<string, unknown> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
