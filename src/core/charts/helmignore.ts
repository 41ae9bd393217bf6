/**
 * `.helmignore` as Helm reads it (helm/helm `pkg/ignore`, the rules its `helm package` applies
 * while walking a chart directory), so that the bot's archive holds the files Helm's would:
 * - one rule a line, trimmed; blank lines and `#` comments skipped; `**` is an error, and so is a
 *   pattern Go's `filepath.Match` cannot read;
 * - `!` negates, a trailing `/` matches directories only, a leading `/` anchors at the chart's
 *   root, a pattern with a `/` matches the whole path, one without matches the base name;
 * - rules are tried in order and the first that decides wins. A negated rule decides for
 *   everything it does NOT match (ignored), and lets a match go on to the next rule: Helm's own
 *   semantics, unlike `.gitignore`'s;
 * - `templates/.?*` (dot files among the templates) is always added last;
 * - a directory that is ignored is skipped with everything under it.
 * Pure.
 */
import { compileGoGlob, goGlobMatches } from "./go-glob.js";

export interface HelmignoreRule {
  /** The line as written (trimmed). */
  raw: string;
  negated: boolean;
  directoryOnly: boolean;
  /** Matches the base name only (no `/` in the pattern). */
  baseName: boolean;
  tokens: Parameters<typeof goGlobMatches>[0];
}

export type Helmignore = { ok: true; rules: HelmignoreRule[] } | { ok: false; error: string };

/** Helm's default rule, added after the file's own. */
export const DEFAULT_RULE = "templates/.?*";

/** Parses a `.helmignore` (null: the chart has none), Helm's default rule added. */
export function parseHelmignore(text: string | null): Helmignore {
  const rules: HelmignoreRule[] = [];
  const lines = [...(text ?? "").split(/\r?\n/), DEFAULT_RULE];
  for (const [index, line] of lines.entries()) {
    const raw = line.trim();
    if (raw === "" || raw.startsWith("#")) continue;
    const rule = parseRule(raw);
    if (typeof rule === "string") {
      return { ok: false, error: `.helmignore line ${index + 1} \`${raw}\`: ${rule}` };
    }
    rules.push(rule);
  }
  return { ok: true, rules };
}

function parseRule(raw: string): HelmignoreRule | string {
  if (raw.includes("**")) return "Helm does not support the double-star (**) syntax";
  let pattern = raw;
  const negated = pattern.startsWith("!");
  if (negated) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith("/");
  if (directoryOnly) pattern = pattern.slice(0, -1);
  const anchored = pattern.startsWith("/");
  if (anchored) pattern = pattern.slice(1);
  const compiled = compileGoGlob(pattern);
  if (!compiled.ok) return `${compiled.error} (Go's filepath.Match)`;
  return {
    raw,
    negated,
    directoryOnly,
    baseName: !anchored && !pattern.includes("/"),
    tokens: compiled.tokens,
  };
}

/** Whether Helm ignores the chart-relative `path` (a directory when `directory`). */
export function isIgnored(
  rules: readonly HelmignoreRule[],
  path: string,
  directory: boolean,
): boolean {
  for (const rule of rules) {
    const subject = rule.baseName ? path.slice(path.lastIndexOf("/") + 1) : path;
    if (rule.negated) {
      if (rule.directoryOnly && !directory) return true;
      if (!goGlobMatches(rule.tokens, subject)) return true;
      continue;
    }
    if (rule.directoryOnly && !directory) continue;
    if (goGlobMatches(rule.tokens, subject)) return true;
  }
  return false;
}

/**
 * The chart-relative file paths Helm keeps, in the order given: a file is dropped when it is
 * ignored or when any directory above it is (Helm's walk skips an ignored directory whole).
 */
export function keptPaths(rules: readonly HelmignoreRule[], paths: readonly string[]): string[] {
  const directories = new Map<string, boolean>();
  const directoryIgnored = (dir: string): boolean => {
    let known = directories.get(dir);
    if (known === undefined) {
      const slash = dir.lastIndexOf("/");
      known =
        (slash !== -1 && directoryIgnored(dir.slice(0, slash))) || isIgnored(rules, dir, true);
      directories.set(dir, known);
    }
    return known;
  };
  return paths.filter((path) => {
    const slash = path.lastIndexOf("/");
    if (slash !== -1 && directoryIgnored(path.slice(0, slash))) return false;
    return !isIgnored(rules, path, false);
  });
}
