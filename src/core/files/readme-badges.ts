/**
 * helm-docs version badges in a chart README, as its `chart.versionBadge` and
 * `chart.appVersionBadge` templates write them (norwoodj/helm-docs, pkg/document/template.go):
 *
 *   ![Version: 2.5.0-rc.0](https://img.shields.io/badge/Version-2.5.0--rc.0-informational?style=flat-square)
 *
 * The badge style is helm-docs' `--badge-style` and a custom template may pick another colour, so
 * both are matched loosely and kept. The URL's message segment is written the way helm-docs does:
 * `-` doubled to `--` and nothing else escaped, so a later `helm-docs` run leaves the README as is.
 */
const BADGE =
  /!\[(Version|AppVersion): ([^\]\n]*)\]\(https?:\/\/img\.shields\.io\/badge\/(Version|AppVersion)-((?:[^-\s)?]|--)*)-[^-\s)?]+(?:\?[^\s)]*)?\)/dg;

export interface BadgeVersions {
  /** Chart `version`: the `Version` badge. */
  version?: string;
  /** Chart `appVersion`: the `AppVersion` badge. */
  appVersion?: string;
}

/** The message segment of a shields.io static badge path, as helm-docs writes it. */
export function shieldsMessage(value: string): string {
  return value.replaceAll("-", "--");
}

/**
 * Sets the helm-docs `Version` and `AppVersion` badges (alt text and URL) to the given values,
 * changing only those bytes. A badge whose value is not given stays. `found` is false when the
 * README has no badge for any given value: not an error, helm-docs may not be in use.
 */
export function bumpReadmeBadges(
  text: string,
  badges: BadgeVersions,
): { text: string; changed: boolean; found: boolean } {
  const edits: { start: number; end: number; insert: string }[] = [];
  let found = false;
  for (const match of text.matchAll(BADGE)) {
    const [, altLabel, , urlLabel] = match;
    if (altLabel !== urlLabel) continue;
    const value = altLabel === "Version" ? badges.version : badges.appVersion;
    if (value === undefined) continue;
    found = true;
    // The `d` flag gives the indices; groups 2 and 4 take part in every match, if only empty.
    const indices = match.indices as RegExpIndicesArray;
    const alt = indices[2] as [number, number];
    const message = indices[4] as [number, number];
    edits.push({ start: alt[0], end: alt[1], insert: value });
    edits.push({ start: message[0], end: message[1], insert: shieldsMessage(value) });
  }
  let next = text;
  for (const edit of edits.reverse()) {
    next = next.slice(0, edit.start) + edit.insert + next.slice(edit.end);
  }
  return { text: next, changed: next !== text, found };
}
