/**
 * The order of chart versions in a Helm index (newest first), as Helm's `SortEntries` compares
 * them: Masterminds/semver's loose versions (`v1.2`, `1.2.3-rc.1`) by SemVer precedence, build
 * metadata ignored, and a version that is not SemVer older than every one that is. Pure.
 */
import semver from "semver";
import { isChartVersion } from "./chart-metadata.js";

/** The numbers and pre-release of a version `isChartVersion` accepts. */
const PARTS = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([^+]+))?/;

/** The version in SemVer's strict form (`v1.2` is `1.2.0`), or null when Helm cannot read it. */
export function normalChartVersion(version: string): string | null {
  if (!isChartVersion(version)) return null;
  const [, major, minor = "0", patch = "0", prerelease] = PARTS.exec(version) as RegExpExecArray;
  return `${major}.${minor}.${patch}${prerelease === undefined ? "" : `-${prerelease}`}`;
}

/** Negative when `a` is older than `b`, positive when newer, 0 when they rank the same. */
export function compareChartVersions(a: string, b: string): number {
  const x = normalChartVersion(a);
  const y = normalChartVersion(b);
  if (x === null || y === null) return (x === null ? 0 : 1) - (y === null ? 0 : 1);
  return semver.compare(x, y);
}
