/**
 * A version's section of CHANGELOG.md in Kubeflow Spark Operator's format, and its place in the
 * file. Pure: the same pull requests give the same bytes.
 */

/**
 * The most commits a changelog reads: their pull requests are read one by one, and a line with
 * more since its previous final is rare. Past it, the newest are read and the section says so.
 */
export const MAX_CHANGELOG_COMMITS = 500;

/** A merged pull request as the changelog names it. */
export interface ChangelogPull {
  number: number;
  title: string;
  url: string;
  login: string;
  userUrl: string;
  labels: readonly string[];
}

export interface ChangelogRelease {
  tag: string;
  /** The final before this one, for the Full Changelog link; null for the first release. */
  previousTag: string | null;
  /** `YYYY-MM-DD` */
  date: string;
  repoUrl: string;
  pulls: readonly ChangelogPull[];
  /** Label → heading, in the order the headings appear. */
  sections: Readonly<Record<string, string>>;
  /** Heading of pull requests with none of the labels. */
  fallback: string;
  /** Set when older commits were left unread: how many of the newest were read. */
  readOnlyNewest: number | null;
}

/** The section body: headings with one line per pull request, then the Full Changelog link. */
export function changelogBody(release: ChangelogRelease): string {
  const headings = [...new Set([...Object.values(release.sections), release.fallback])];
  const grouped = new Map<string, ChangelogPull[]>(headings.map((h) => [h, []]));
  const sorted = [...release.pulls].sort((a, b) => a.number - b.number);
  for (const pull of sorted) {
    const label = Object.keys(release.sections).find((l) => pull.labels.includes(l));
    const heading = label === undefined ? release.fallback : (release.sections[label] as string);
    // Every heading was put in the map above.
    (grouped.get(heading) as ChangelogPull[]).push(pull);
  }
  const parts: string[] = [];
  for (const [heading, pulls] of grouped) {
    if (pulls.length === 0) continue;
    const lines = pulls.map(
      (p) => `- ${p.title} ([#${p.number}](${p.url}) by [@${p.login}](${p.userUrl}))`,
    );
    parts.push(`### ${heading}\n\n${lines.join("\n")}\n`);
  }
  if (release.readOnlyNewest !== null) {
    const since = release.previousTag === null ? "" : ` since ${release.previousTag}`;
    parts.push(
      `_Pull requests of older commits are not listed: release-bot read the newest ${release.readOnlyNewest} commits${since}._\n`,
    );
  }
  if (release.previousTag !== null) {
    parts.push(
      `[Full Changelog](${release.repoUrl}/compare/${release.previousTag}...${release.tag})\n`,
    );
  }
  return parts.join("\n");
}

/** `## [v2.3.0](…/tree/v2.3.0) (2025-07-22)` and the body. */
export function changelogSection(release: ChangelogRelease): string {
  const heading = `## [${release.tag}](${release.repoUrl}/tree/${release.tag}) (${release.date})`;
  return `${heading}\n\n${changelogBody(release)}`;
}

const SECTION_START = /^## \[/m;

/**
 * The file with the section first among the versions: replacing the tag's section when it is
 * already there (a rerun writes the same bytes), else inserted before the newest version's, under
 * any title the file starts with. A missing file starts as `# Changelog`.
 */
export function withChangelogSection(
  existing: string | null,
  tag: string,
  section: string,
): string {
  const text = existing ?? "# Changelog\n";
  const own = text.indexOf(`## [${tag}](`);
  if (own >= 0) {
    const rest = text.slice(own + 1);
    const next = SECTION_START.exec(rest);
    const end = next ? own + 1 + next.index : text.length;
    return `${text.slice(0, own)}${section}${end < text.length ? "\n" : ""}${text.slice(end)}`;
  }
  const first = SECTION_START.exec(text);
  if (first) return `${text.slice(0, first.index)}${section}\n${text.slice(first.index)}`;
  return `${text.replace(/\n*$/, "\n\n")}${section}`;
}
