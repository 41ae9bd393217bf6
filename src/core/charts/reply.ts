/**
 * What a reply says about a tag's charts: where they are (the release asset, the Helm
 * repository's index), or what is missing and the one command that finishes it. The tag is never
 * undone for a chart, so a failure says that too. Pure.
 */
import type { KeptEntry } from "./index-file.js";

export interface ChartLink {
  /** `operator-1.5.0-rc.0.tgz`. */
  fileName: string;
  /** The asset's download address. */
  url: string;
}

/** Where the Helm repository's index is: its branch and the file's web address. */
export interface IndexPlace {
  branch: string;
  url: string;
}

/** "Chart [`a.tgz`](…) is" / "Charts [`a.tgz`](…) and [`b.tgz`](…) are". */
export function chartsAre(charts: readonly ChartLink[]): string {
  const links = charts.map((chart) => `[\`${chart.fileName}\`](${chart.url})`);
  const listed =
    links.length > 1 ? `${links.slice(0, -1).join(", ")} and ${links[links.length - 1]}` : links[0];
  return links.length > 1 ? `Charts ${listed} are` : `Chart ${listed} is`;
}

/** The charts are on the published release and in the index. */
export function publishedCharts(
  charts: readonly ChartLink[],
  index: IndexPlace,
  created: boolean,
): string {
  const branch = created
    ? `\`${index.branch}\` (a new branch: let GitHub Pages serve it)`
    : `\`${index.branch}\``;
  return `${chartsAre(charts)} on the release and in the Helm repository ([\`index.yaml\`](${index.url}) on ${branch}).`;
}

/** The charts wait on the draft; the index gets them when it is published. */
export function draftCharts(charts: readonly ChartLink[], branch: string): string {
  return `${chartsAre(charts)} attached to the draft; the Helm repository (\`index.yaml\` on \`${branch}\`) lists ${charts.length > 1 ? "them" : "it"} once the release is published.`;
}

/** Entries the index already had for these versions, kept although their digest differs. */
export function keptEntries(kept: readonly KeptEntry[], branch: string, again: string): string {
  const stale = kept.filter((entry) => !entry.sameDigest);
  if (stale.length === 0) return "";
  const names = stale.map((entry) => `${entry.name} ${entry.version}`).join(", ");
  return ` \`index.yaml\` on \`${branch}\` already listed ${names} with another digest and keeps that entry; delete it there and comment \`${again}\` again to list this one.`;
}

/** The charts could not be published: why, that the tag stays, and the command that finishes. */
export function chartsFailed(why: string, again: string): string {
  return `The chart was not published: ${why}. The tag stays as it is; comment \`${again}\` again to finish once that is fixed.`;
}

/** A dry run's word on the charts it would publish after the tag. */
export function plannedCharts(branch: string, draft: boolean): string {
  const listed = draft
    ? `and add it to \`index.yaml\` on \`${branch}\` when the release is published`
    : `and add it to \`index.yaml\` on \`${branch}\``;
  return `After the tag it would package each managed chart, attach it to the ${draft ? "draft " : ""}release ${listed} (\`charts.publish\`).`;
}
