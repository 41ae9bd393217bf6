/**
 * What `release-bot init` reads off a repository before deciding anything: the release it is at
 * (the version its charts, VERSION file and newest tag agree on most) and how each of those
 * spells it. Pure.
 */
import semver from "semver";
import { readChartVersions } from "../files/chart.js";
import { isVendoredSubchart } from "../files/targets.js";

export interface RepositoryView {
  /** Every text file read, path → text (as at the commit inspected). */
  files: ReadonlyMap<string, string>;
  /** Every path of the commit's tree, text or not. */
  paths: readonly string[];
  /** The repository's tag names. */
  tags: readonly string[];
}

/** A Chart.yaml and the fields that carry the release. */
export interface ChartFinding {
  path: string;
  version?: string;
  appVersion?: string;
}

export interface ReleaseFinding {
  /** SemVer without prefix: `2.5.0-rc.0`. */
  version: string;
  /** Where the version was read, for the printed explanation. */
  sources: string[];
  /** Charts whose `version` or `appVersion` spells the release. */
  charts: ChartFinding[];
  /** Charts left alone: their versions are not the release's (another project's, or their own). */
  otherCharts: ChartFinding[];
  /** The VERSION file's content, when it spells the release. */
  versionFile: string | null;
}

/** `2.5.0-rc.0` of `v2.5.0-rc.0`, `"2.5.0-rc.0"`; null when the text is not a SemVer version. */
export function bareVersion(text: string | undefined): string | null {
  if (text === undefined) return null;
  const trimmed = text.trim().replace(/^v/, "");
  return semver.valid(trimmed) === trimmed ? trimmed : null;
}

/**
 * The release the repository is at: of the versions its charts (`version`, `appVersion`), its
 * root VERSION file and its newest `v`-tag spell, the one most of them spell (the VERSION file
 * wins a tie, then the charts). Null when none spells a SemVer version.
 */
export function findRelease(view: RepositoryView): ReleaseFinding | null {
  const tree = new Set(view.paths);
  const charts: ChartFinding[] = view.paths
    .filter((p) => /(^|\/)Chart\.yaml$/.test(p) && !isVendoredSubchart(p, tree))
    .map((path) => ({ path, ...readChartVersions(view.files.get(path) ?? "") }));
  const votes = new Map<string, number>();
  const vote = (text: string | undefined, weight: number) => {
    const version = bareVersion(text);
    if (version !== null) votes.set(version, (votes.get(version) ?? 0) + weight);
  };
  const versionText = view.files.get("VERSION");
  // Weights break ties only: VERSION before the charts, the charts before the tag.
  vote(versionText, 1.2);
  for (const chart of charts) {
    vote(chart.version, 1.1);
    vote(chart.appVersion, 1.1);
  }
  const newestTag = view.tags
    .map((tag) => bareVersion(tag))
    .filter((v): v is string => v !== null)
    .sort(semver.rcompare)[0];
  vote(newestTag, 1);
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (best === undefined) return null;
  const version = best[0];
  const carries = (text: string | undefined) => bareVersion(text) === version;
  const sources = [
    ...(carries(versionText) ? [`VERSION \`${versionText?.trim()}\``] : []),
    ...charts.flatMap((c) => [
      ...(carries(c.version) ? [`${c.path} version \`${c.version}\``] : []),
      ...(carries(c.appVersion) ? [`${c.path} appVersion \`${c.appVersion}\``] : []),
    ]),
    ...(newestTag === version
      ? [`the newest tag \`${view.tags.find((t) => bareVersion(t) === version)}\``]
      : []),
  ];
  return {
    version,
    sources,
    charts: charts.filter((c) => carries(c.version) || carries(c.appVersion)),
    otherCharts: charts.filter((c) => !carries(c.version) && !carries(c.appVersion)),
    versionFile: carries(versionText) ? (versionText?.trim() ?? null) : null,
  };
}

/** The format that spells `written` for `version`: `{tag}` with the `v`, `{version}` without. */
export function formatOf(written: string | undefined, version: string): string | false {
  if (written === undefined) return false;
  const text = written.trim();
  if (text === `v${version}`) return "v{version}";
  return text === version ? "{version}" : false;
}
