/**
 * Which tags of a release line count for its branch. A tag counts when its commit is on the
 * branch; a tag of the line made elsewhere (by hand on the default branch, say) is a stray:
 * numbering, release notes and "nothing changed since" ignore it, and the bot never reuses its
 * name. Pure.
 */
import semver, { type SemVer } from "semver";

/** How many of a line's newest tags may be strays before the bot stops looking and refuses. */
export const MAX_STRAY_TAGS = 3;

/** A tag of the line that is not on its branch. */
export interface StrayTag {
  version: SemVer;
  tag: string;
  /** The commit it names. */
  commit: string;
}

/**
 * Whether GitHub's comparison of a tag with the branch (`GET compare/{tag}...{branch}`) puts
 * the tag on the branch: the branch has every commit of the tag ("ahead") or is the tag's commit.
 */
export function isOnBranch(status: string): boolean {
  return status === "ahead" || status === "identical";
}

/** The line's versions other than the strays', oldest first. */
export function countedVersions(
  versions: readonly SemVer[],
  strays: readonly StrayTag[],
): SemVer[] {
  const stray = new Set(strays.map((s) => s.version.version));
  return versions.filter((v) => !stray.has(v.version)).sort(semver.compare);
}

/** The stray whose name the release `tag` would take, or null. */
export function strayNamed(tag: string, strays: readonly StrayTag[]): StrayTag | null {
  return strays.find((s) => s.tag === tag) ?? null;
}
