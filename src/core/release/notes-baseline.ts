/** Which earlier release a release's notes start from. Pure. */
import semver, { type SemVer } from "semver";
import { isCandidate } from "../version/numbering.js";

/**
 * The version a release's notes compare with. A candidate's notes cover what changed since the
 * tag before it in its line (`known` holds that line's versions). A final's notes cover
 * everything since the previous final: a patch `X.Y.Z` since the newest final below it, which
 * is `X.Y.(Z-1)`; an `X.Y.0` since the newest final of an older line, which only a listing of
 * every line's tags can show (Spark Operator's v2.3.0 notes compare `v2.2.1...v2.3.0`).
 * Null when there is no such release.
 */
export function notesBaseline(version: string, known: readonly SemVer[]): SemVer | null {
  const release = semver.parse(version);
  if (release === null) return null;
  const candidate = isCandidate(release);
  const earlier = known.filter(
    (v) => semver.compare(v, release) < 0 && (candidate || v.prerelease.length === 0),
  );
  return earlier.sort(semver.compare).at(-1) ?? null;
}

/** Whether a final's notes need the tags of other lines: the first final of a line. */
export function needsOtherLines(version: string): boolean {
  const release = semver.parse(version);
  return release !== null && release.prerelease.length === 0 && release.patch === 0;
}
