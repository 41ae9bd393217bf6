/**
 * Which files of a repository carry the version, chosen from its file list by the configuration.
 * Pure.
 */

import picomatch from "picomatch";
import type { Config } from "../../config.js";

export type VersionFileKind =
  | "chart"
  | "chart-readme"
  | "version-file"
  | "values"
  | "pattern"
  | "kustomize";

/** A file that carries the version, and what in it to set. */
export interface VersionFileTarget {
  /** Path in the repository, as in the git tree: `charts/spark-operator-chart/Chart.yaml`. */
  path: string;
  kind: VersionFileKind;
  /**
   * The setting that selected it: `charts.paths[0]`, `versionFile.path`, `values[1]`, `files[0]`,
   * `kustomize[0]`.
   */
  setting: string;
  /** chart-readme: the Chart.yaml beside it, whose new values the badges show. */
  chart?: string;
  /** values: dotted key of the value, `image.tag`. */
  key?: string;
  /** values, pattern, version-file, kustomize: the version format of the value. */
  format?: string;
  /** kustomize: the image whose `images[].newTag` carries the version. */
  image?: string;
  /** pattern: regular expression whose capture group 1 is the version text. */
  pattern?: string;
}

/**
 * Chooses the files that carry the version from the repository's file list (blob paths of a
 * recursive tree): matches of `charts.paths`, the README.md beside each chart (when
 * `charts.readmeBadges`), the `versionFile` when present, and every `values[]` and `files[]`
 * match. A configured file or glob that matches nothing is an error naming its setting; so is a
 * glob in `charts.paths` that matches nothing while the repository has a Chart.yaml elsewhere (a
 * moved chart), and so is a selection of no file at all: a release whose version is nowhere.
 * Those errors list the Chart.yaml files the repository has, so the fix is one edit away.
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
      matches = matchGlob(pattern, treePaths).filter(
        (p) =>
          basename(p) === "Chart.yaml" && (config.charts.subcharts || !isVendoredSubchart(p, tree)),
      );
      if (matches.length === 0 && chartFiles(treePaths).length > 0) {
        errors.push(
          `${setting} ${JSON.stringify(raw)} matches no Chart.yaml${chartsHint(treePaths)}`,
        );
      }
    } else if (tree.has(pattern) && basename(pattern) === "Chart.yaml") {
      matches = [pattern];
    } else if (tree.has(`${pattern}/Chart.yaml`)) {
      matches = [`${pattern}/Chart.yaml`]; // a chart directory
    } else {
      errors.push(
        `${setting} ${JSON.stringify(raw)} matches no Chart.yaml${chartsHint(treePaths)}`,
      );
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

  for (const [i, entry] of config.kustomize.entries()) {
    const matches = matchEntry(entry.path, treePaths, tree);
    if (matches.length === 0)
      errors.push(`kustomize[${i}].path ${JSON.stringify(entry.path)} matches no file`);
    for (const path of matches) {
      targets.push({
        path,
        kind: "kustomize",
        setting: `kustomize[${i}]`,
        image: entry.image,
        format: entry.format,
      });
    }
  }

  if (targets.length === 0 && errors.length === 0) {
    const version =
      config.versionFile === false
        ? "`versionFile` is off"
        : `\`versionFile.path\` ${JSON.stringify(config.versionFile.path)} does not exist`;
    errors.push(
      `no file carries the version: \`charts.paths\` ${JSON.stringify(config.charts.paths)} matches no Chart.yaml, ${version}, and \`values\` and \`files\` name nothing${chartsHint(treePaths)}`,
    );
  }
  return { targets, errors };
}

function chartFiles(treePaths: readonly string[]): string[] {
  return treePaths.filter((path) => basename(path) === "Chart.yaml");
}

/** The repository's Chart.yaml files, for an error about paths that match none of them. */
function chartsHint(treePaths: readonly string[]): string {
  const charts = chartFiles(treePaths);
  if (charts.length === 0) return " (the repository has no Chart.yaml)";
  const shown = charts.slice(0, 10).map((path) => `\`${path}\``);
  const more = charts.length > shown.length ? ` and ${charts.length - shown.length} more` : "";
  return ` (the repository's Chart.yaml files: ${shown.join(", ")}${more})`;
}

/**
 * Whether a Chart.yaml sits in the `charts/` directory of another chart (`app/charts/redis/`),
 * where Helm keeps the charts a chart vendors.
 */
export function isVendoredSubchart(path: string, tree: ReadonlySet<string>): boolean {
  const parts = path.split("/");
  for (let i = parts.length - 3; i >= 1; i--) {
    if (parts[i] !== "charts") continue;
    if (tree.has([...parts.slice(0, i), "Chart.yaml"].join("/"))) return true;
  }
  return false;
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
