import picomatch from "picomatch";
import { CONFIG_PATH, type Config } from "../config.js";
import { bumpChart, readChartVersions } from "./chart.js";
import { bumpReadmeBadges } from "./readme-badges.js";
import { renderFormat, type VersionStrings } from "./version-strings.js";
import { setYamlScalar } from "./yaml-scalar.js";

export type VersionFileKind = "chart" | "chart-readme" | "version-file" | "values" | "pattern";

/** A file that carries the version, and what in it to set. */
export interface VersionFileTarget {
  /** Path in the repository, as in the git tree: `charts/spark-operator-chart/Chart.yaml`. */
  path: string;
  kind: VersionFileKind;
  /** The setting that selected it: `charts.paths[0]`, `versionFile.path`, `values[1]`, `files[0]`. */
  setting: string;
  /** chart-readme: the Chart.yaml beside it, whose new values the badges show. */
  chart?: string;
  /** values: dotted key of the value, `image.tag`. */
  key?: string;
  /** values, pattern, version-file: the version format of the value. */
  format?: string;
  /** pattern: regular expression whose capture group 1 is the version text. */
  pattern?: string;
}

export interface FileChange {
  path: string;
  content: string;
  previous: string;
}

export type ApplyVersionResult =
  | { ok: true; changes: FileChange[]; unchanged: string[] }
  | { ok: false; errors: string[] };

/**
 * Chooses the files that carry the version from the repository's file list (blob paths of a
 * recursive tree): matches of `charts.paths`, the README.md beside each chart (when
 * `charts.readmeBadges`), the `versionFile` when present, and every `values[]` and `files[]`
 * match. A configured file or glob that matches nothing is an error naming its setting; a glob
 * in `charts.paths` that matches nothing is not (an operator without a chart).
 */
export function selectVersionFiles(
  config: Config,
  treePaths: readonly string[],
): { targets: VersionFileTarget[]; errors: string[] } {
  const targets: VersionFileTarget[] = [];
  const errors: string[] = [];
  const tree = new Set(treePaths);

  const charts: { path: string; setting: string }[] = [];
  const seenCharts = new Set<string>();
  for (const [i, raw] of config.charts.paths.entries()) {
    const setting = `charts.paths[${i}]`;
    const pattern = normalizePath(raw);
    let matches: string[];
    if (isGlob(pattern)) {
      matches = matchGlob(pattern, treePaths).filter((p) => basename(p) === "Chart.yaml");
    } else if (tree.has(pattern) && basename(pattern) === "Chart.yaml") {
      matches = [pattern];
    } else if (tree.has(`${pattern}/Chart.yaml`)) {
      matches = [`${pattern}/Chart.yaml`]; // a chart directory
    } else {
      errors.push(`${setting} ${JSON.stringify(raw)} matches no Chart.yaml`);
      continue;
    }
    for (const path of matches) {
      if (seenCharts.has(path)) continue;
      seenCharts.add(path);
      charts.push({ path, setting });
    }
  }
  for (const chart of charts) {
    targets.push({ path: chart.path, kind: "chart", setting: chart.setting });
    const readme = `${dirname(chart.path)}README.md`;
    if (config.charts.readmeBadges && tree.has(readme)) {
      targets.push({
        path: readme,
        kind: "chart-readme",
        setting: "charts.readmeBadges",
        chart: chart.path,
      });
    }
  }

  if (config.versionFile !== false) {
    const path = normalizePath(config.versionFile.path);
    if (tree.has(path)) {
      targets.push({
        path,
        kind: "version-file",
        setting: "versionFile.path",
        format: config.versionFile.format,
      });
    }
  }

  for (const [i, entry] of config.values.entries()) {
    const matches = matchEntry(entry.path, treePaths, tree);
    if (matches.length === 0)
      errors.push(`values[${i}].path ${JSON.stringify(entry.path)} matches no file`);
    for (const path of matches) {
      targets.push({
        path,
        kind: "values",
        setting: `values[${i}]`,
        key: entry.key,
        format: entry.format,
      });
    }
  }

  for (const [i, entry] of config.files.entries()) {
    const matches = matchEntry(entry.path, treePaths, tree);
    if (matches.length === 0)
      errors.push(`files[${i}].path ${JSON.stringify(entry.path)} matches no file`);
    for (const path of matches) {
      targets.push({
        path,
        kind: "pattern",
        setting: `files[${i}]`,
        pattern: entry.pattern,
        format: entry.format,
      });
    }
  }

  return { targets, errors };
}

/**
 * Computes the new bytes of every target for a release. Several targets on one file apply in
 * order; a README's badges follow the new values of the Chart.yaml beside it. `changes` holds only
 * files whose bytes differ, so a run on an already bumped branch yields none. Every error is
 * collected, each naming its file; on any error there is no result.
 */
export function applyVersion(
  config: Config,
  targets: readonly VersionFileTarget[],
  contents: ReadonlyMap<string, string>,
  strings: VersionStrings,
): ApplyVersionResult {
  const errors: string[] = [];
  const byPath = new Map<string, VersionFileTarget[]>();
  for (const target of targets) {
    const list = byPath.get(target.path);
    if (list) list.push(target);
    else byPath.set(target.path, [target]);
  }

  const finals = new Map<string, string | undefined>();
  const chartFields = {
    version: config.charts.version === false ? false : renderFormat(config.charts.version, strings),
    appVersion:
      config.charts.appVersion === false ? false : renderFormat(config.charts.appVersion, strings),
  } as const;

  /** The new text of a file, or undefined when an edit of it failed (the error is recorded). */
  const finalText = (path: string): string | undefined => {
    if (finals.has(path)) return finals.get(path);
    finals.set(path, undefined); // a cycle (none exists today) reads as failed, not as a loop
    const original = contents.get(path);
    if (original === undefined) {
      errors.push(`${path}: its content was not read, so it cannot be updated`);
      return undefined;
    }
    let text: string | undefined = original;
    for (const target of byPath.get(path) ?? []) {
      text = applyTarget(target, text);
      if (text === undefined) break;
    }
    finals.set(path, text);
    return text;
  };

  const applyTarget = (target: VersionFileTarget, text: string): string | undefined => {
    switch (target.kind) {
      case "chart": {
        const result = bumpChart(text, chartFields, target.path);
        if (!result.ok) errors.push(stripPeriod(result.error));
        return result.ok ? result.text : undefined;
      }
      case "chart-readme": {
        const chartText = target.chart === undefined ? undefined : finalText(target.chart);
        if (chartText === undefined) return text; // the chart's error is already recorded
        return bumpReadmeBadges(text, readChartVersions(chartText)).text;
      }
      case "version-file":
        return setVersionFile(
          text,
          renderFormat(target.format ?? "{tag}", strings),
          target,
          errors,
        );
      case "values": {
        const key = target.key ?? "image.tag";
        const value = renderFormat(target.format ?? "{image}", strings);
        const result = setYamlScalar(text, key.split("."), value, target.path);
        if (!result.ok) {
          errors.push(`${stripPeriod(result.error)} (\`${target.setting}\` in ${CONFIG_PATH})`);
          return undefined;
        }
        return result.text;
      }
      case "pattern":
        return replacePattern(
          text,
          renderFormat(target.format ?? "{image}", strings),
          target,
          errors,
        );
    }
  };

  const changes: FileChange[] = [];
  const unchanged: string[] = [];
  for (const path of byPath.keys()) {
    const text = finalText(path);
    const previous = contents.get(path);
    if (text === undefined || previous === undefined) continue;
    if (text === previous) unchanged.push(path);
    else changes.push({ path, content: text, previous });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, changes, unchanged };
}

/** A VERSION file holds only the version: keep a BOM, surrounding blank space and the final newline. */
function setVersionFile(
  text: string,
  value: string,
  target: VersionFileTarget,
  errors: string[],
): string | undefined {
  const match = /^(\uFEFF?\s*)(.*?)(\s*)$/s.exec(text);
  const body = match?.[2] ?? "";
  if (/[\r\n]/.test(body)) {
    errors.push(
      `${target.path} holds more than one line; \`versionFile\` expects only the version (use \`files\` with a pattern for other layouts)`,
    );
    return undefined;
  }
  return `${match?.[1] ?? ""}${value}${match?.[3] ?? ""}`;
}

/** Replaces capture group 1 of every match; `^` and `$` match at line boundaries. */
function replacePattern(
  text: string,
  value: string,
  target: VersionFileTarget,
  errors: string[],
): string | undefined {
  const where = `\`${target.setting}.pattern\` in ${CONFIG_PATH}`;
  let regex: RegExp;
  try {
    regex = new RegExp(target.pattern ?? "", "dgm");
  } catch (error) {
    errors.push(
      `${target.path}: ${where} is not a valid regular expression (${(error as Error).message})`,
    );
    return undefined;
  }
  let next = "";
  let last = 0;
  let count = 0;
  for (const match of text.matchAll(regex)) {
    const group = match.indices?.[1];
    if (!group) continue;
    next += text.slice(last, group[0]) + value;
    last = group[1];
    count++;
  }
  if (count === 0) {
    errors.push(`${target.path} has no match for /${target.pattern}/ (${where})`);
    return undefined;
  }
  return next + text.slice(last);
}

function matchEntry(
  raw: string,
  treePaths: readonly string[],
  tree: ReadonlySet<string>,
): string[] {
  const pattern = normalizePath(raw);
  if (!isGlob(pattern)) return tree.has(pattern) ? [pattern] : [];
  return matchGlob(pattern, treePaths);
}

function matchGlob(pattern: string, treePaths: readonly string[]): string[] {
  const isMatch = picomatch(pattern, { dot: true });
  return treePaths.filter((path) => isMatch(path));
}

function isGlob(pattern: string): boolean {
  return picomatch.scan(pattern).isGlob;
}

/** Config paths may be written `./charts/x` or `/charts/x`; tree paths are `charts/x`. */
function normalizePath(path: string): string {
  return path.replace(/^(?:\.\/|\/)+/, "");
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `charts/x/Chart.yaml` -> `charts/x/`; a top-level file -> "". */
function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf("/") + 1);
}

function stripPeriod(sentence: string): string {
  return sentence.endsWith(".") ? sentence.slice(0, -1) : sentence;
}
