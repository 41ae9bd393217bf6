/**
 * Release lines and version arithmetic: branch names, tag names, the next candidate and the
 * next final. Pure; the only versions it knows are finals `X.Y.Z` and candidates `X.Y.Z-rc.N`.
 */

import semver, { type SemVer } from "semver";
import { escapeRegExp } from "../text/regexp.js";

/** A minor release line: `1.5` is branch `release-1.5` and tags `v1.5.*`. */
export interface ReleaseLine {
  major: number;
  minor: number;
}

/** The result of a version computation that may be refused. */
export type NextVersion = { ok: true; version: string } | { ok: false; reason: string };

/** A version number as SemVer writes it: `0` or digits without a leading zero. */
const NUMBER = "(0|[1-9]\\d*)";

/** The versions we own: `X.Y.Z` and `X.Y.Z-rc.N`, nothing else (no other pre-release, no build). */
const OUR_VERSION = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-rc\\.${NUMBER})?$`);

const LINE_ARGUMENT = new RegExp(`^[vV]?${NUMBER}\\.${NUMBER}$`);

/** `1.5` */
export function formatLine(line: ReleaseLine): string {
  return `${line.major}.${line.minor}`;
}

/** `release-{major}.{minor}` and 1.5 -> `release-1.5`. */
export function branchName(pattern: string, line: ReleaseLine): string {
  return pattern
    .replaceAll("{major}", String(line.major))
    .replaceAll("{minor}", String(line.minor));
}

/**
 * The release line of a branch name, or `null` when the name is not a release branch of the
 * pattern. The match is exact and case-sensitive: `release-1.5-foo`, `release-1.5.1`,
 * `release-01.5` and `Release-1.5` are not release branches of `release-{major}.{minor}`.
 */
export function parseBranchName(pattern: string, name: string): ReleaseLine | null {
  const { regexp, keys } = branchRegExp(pattern);
  const match = regexp.exec(name);
  if (!match) return null;
  let major: number | undefined;
  let minor: number | undefined;
  for (const [i, key] of keys.entries()) {
    const value = toNumber(match[i + 1]);
    if (value === null) return null;
    const seen = key === "major" ? major : minor;
    // A pattern that repeats a placeholder must repeat the same number.
    if (seen !== undefined && seen !== value) return null;
    if (key === "major") major = value;
    else minor = value;
  }
  if (major === undefined || minor === undefined) return null;
  return { major, minor };
}

/**
 * The release line a user means by a command argument: `1.5`, `v1.5` or a release branch name
 * such as `release-1.5`. Anything else (`1.5.0`, `1`, `abc`, ``) is `null`.
 */
export function parseLineArgument(arg: string, pattern: string): ReleaseLine | null {
  const text = arg.trim();
  const match = LINE_ARGUMENT.exec(text);
  if (match) {
    const major = toNumber(match[1]);
    const minor = toNumber(match[2]);
    return major === null || minor === null ? null : { major, minor };
  }
  return parseBranchName(pattern, text);
}

/** `v{version}` and `1.5.0` -> `v1.5.0`. */
export function formatTag(format: string, version: string): string {
  return format.replaceAll("{version}", version);
}

/**
 * The version of a tag name (not a ref: no `refs/tags/`), or `null` when the tag is not one of
 * ours: not of the format, not SemVer, or a SemVer other than `X.Y.Z` and `X.Y.Z-rc.N`
 * (`v1.5.0-beta.1`, `v1.5.0+build`, `v1.5.0-rc.0-hotfix`, `v1.5`).
 */
export function parseTag(format: string, tag: string): SemVer | null {
  const text = tagRegExp(format).exec(tag)?.[1];
  if (text === undefined || !OUR_VERSION.test(text)) return null;
  const version = semver.parse(text);
  if (version === null) return null;
  // semver keeps numbers past Number.MAX_SAFE_INTEGER as strings; those are not ours.
  if (version.prerelease.length > 0 && !isCandidate(version)) return null;
  return version;
}

/**
 * The prefix every tag of the line starts with, for GitHub's matching-refs API
 * (`git/matching-refs/tags/{prefix}`): `v{version}` and 1.5 -> `v1.5.`. Tags of other formats
 * can share it (`{version}-chart` gives `1.5.`), so parse what it returns with `parseTag`.
 */
export function tagRefPrefix(format: string, line: ReleaseLine): string {
  const before = format.split("{version}", 1)[0] as string;
  return `${before}${formatLine(line)}.`;
}

/** A release candidate `X.Y.Z-rc.N`. */
export function isCandidate(v: SemVer): boolean {
  return candidateNumber(v) !== null;
}

/** `N` of `X.Y.Z-rc.N`; `null` for a final or any other pre-release. */
export function candidateNumber(v: SemVer): number | null {
  // semver gives numeric identifiers as numbers, and keeps unsafe ones as strings.
  const [label, n, ...rest] = v.prerelease;
  return label === "rc" && Number.isSafeInteger(n) && rest.length === 0 ? (n as number) : null;
}

/** SemVer precedence: -1, 0 or 1. `1.5.0-rc.10` is after `1.5.0-rc.9`; `1.5.0` after its candidates. */
export function compareVersions(a: SemVer, b: SemVer): number {
  return semver.compare(a, b);
}

/** The highest version by SemVer precedence, or `null` for none. */
export function latestVersion(versions: readonly SemVer[]): SemVer | null {
  let latest: SemVer | null = null;
  for (const v of versions) {
    if (latest === null || compareVersions(v, latest) > 0) latest = v;
  }
  return latest;
}

/**
 * The versions of one release line among tag names, ascending and without duplicates. Tags of
 * other lines (`v1.50.0`, `v1.4.3`, `v2.5.0`) and tags that are not ours are left out.
 */
export function versionsOfLine(
  format: string,
  line: ReleaseLine,
  tags: readonly string[],
): SemVer[] {
  const byVersion = new Map<string, SemVer>();
  for (const tag of tags) {
    const v = parseTag(format, tag);
    if (v !== null && isOfLine(v, line)) byVersion.set(v.version, v);
  }
  return [...byVersion.values()].sort(compareVersions);
}

/**
 * The next release candidate of the line: `X.Y.0-rc.0` when there is no version yet,
 * `X.Y.Z-rc.(N+1)` after `X.Y.Z-rc.N`, `X.Y.(Z+1)-rc.0` after the final `X.Y.Z`.
 * Versions of other lines and versions that are not ours are ignored.
 */
export function nextCandidate(line: ReleaseLine, versions: readonly SemVer[]): string {
  const latest = latestOfLine(line, versions);
  if (latest === null) return `${formatLine(line)}.0-rc.0`;
  const n = candidateNumber(latest);
  if (n !== null) return `${release(latest)}-rc.${n + 1}`;
  return `${nextPatch(latest)}-rc.0`;
}

/**
 * The next final of the line: `X.Y.Z` after its newest candidate `X.Y.Z-rc.N`; after the final
 * `X.Y.Z`, the patch `X.Y.(Z+1)` directly, or a refusal when a candidate is required first.
 * Refused when the line has no version yet.
 */
export function nextFinal(
  line: ReleaseLine,
  versions: readonly SemVer[],
  options: { requireCandidate: boolean },
): NextVersion {
  const name = formatLine(line);
  const latest = latestOfLine(line, versions);
  if (latest === null) {
    return {
      ok: false,
      reason: `There is no release candidate of ${name} yet; run \`/rc ${name}\` to cut ${name}.0-rc.0 first.`,
    };
  }
  if (isCandidate(latest)) return { ok: true, version: release(latest) };
  const patch = nextPatch(latest);
  if (options.requireCandidate) {
    return {
      ok: false,
      reason: `${latest.version} is already released and this repository requires a release candidate before every final; run \`/rc ${name}\` to cut ${patch}-rc.0 first.`,
    };
  }
  return { ok: true, version: patch };
}

// --- helpers -------------------------------------------------------------------------------

function isOfLine(v: SemVer, line: ReleaseLine): boolean {
  return v.major === line.major && v.minor === line.minor;
}

function isOurs(v: SemVer): boolean {
  return v.build.length === 0 && (v.prerelease.length === 0 || isCandidate(v));
}

function latestOfLine(line: ReleaseLine, versions: readonly SemVer[]): SemVer | null {
  return latestVersion(versions.filter((v) => isOfLine(v, line) && isOurs(v)));
}

/** `X.Y.Z` of `X.Y.Z-rc.N`. */
function release(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

function nextPatch(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}

/** The number of a matched group of digits; `null` when it is too large to count exactly. */
function toNumber(digits: string | undefined): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

type LineKey = "major" | "minor";

const branchRegExps = new Map<string, { regexp: RegExp; keys: LineKey[] }>();

/** `release-{major}.{minor}` -> /^release-(0|[1-9]\d*)\.(0|[1-9]\d*)$/, cached per pattern. */
function branchRegExp(pattern: string): { regexp: RegExp; keys: LineKey[] } {
  const cached = branchRegExps.get(pattern);
  if (cached) return cached;
  const keys: LineKey[] = [];
  const source = pattern
    .split(/(\{major\}|\{minor\})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeRegExp(part);
      keys.push(part === "{major}" ? "major" : "minor");
      return NUMBER;
    })
    .join("");
  const compiled = { regexp: new RegExp(`^${source}$`), keys };
  remember(branchRegExps, pattern, compiled);
  return compiled;
}

const tagRegExps = new Map<string, RegExp>();

/**
 * `v{version}` -> /^v(.+)$/; a repeated `{version}` must repeat the same text. A format without
 * `{version}` (the configuration refuses one) has no group, so no tag parses.
 */
function tagRegExp(format: string): RegExp {
  const cached = tagRegExps.get(format);
  if (cached) return cached;
  const parts = format.split("{version}").map(escapeRegExp);
  const compiled = new RegExp(
    `^${parts.reduce((source, part, i) => `${source}${i === 1 ? "(.+)" : "\\1"}${part}`)}$`,
  );
  remember(tagRegExps, format, compiled);
  return compiled;
}

/** Patterns come from configuration; a bounded cache keeps a long-running server's memory flat. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= 100) cache.clear();
  cache.set(key, value);
}
