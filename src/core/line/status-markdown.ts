/**
 * A release line's status as Markdown, the same for `/status` and the dashboard issue. Pure.
 * Titles come from users: they are escaped so they cannot mention anyone, link or break a list.
 */

import { escapeText } from "../text/markdown.js";
import { releasersSection } from "./releasers.js";
import {
  isLineDone,
  type LineStatus,
  MAX_LISTED,
  nextStep,
  openWork,
  type PickEntry,
} from "./status.js";

export interface RenderOptions {
  /** `https://github.com/owner/repo`, for links to tags and commits. */
  repoUrl: string;
  /** A heading naming the line (for `/status` with several lines; the dashboard's title says it). */
  heading: boolean;
}

export function renderLineStatus(status: LineStatus, options: RenderOptions): string {
  const parts: string[] = [];
  if (options.heading) parts.push(`### Release ${status.line} (\`${status.branch}\`)`);
  const next = nextStep(status);
  parts.push(
    next.command === null
      ? `**Next:** nothing to run. ${next.reason}`
      : `**Next:** \`${next.command}\`: ${next.reason}`,
  );
  parts.push(tagsSection(status, options.repoUrl));
  const newest = status.tags[0];
  if (newest !== undefined) parts.push(untestedSection(status, newest.name, options.repoUrl));
  if (!isLineDone(status) || status.picks.length > 0) parts.push(picksSection(status));
  parts.push(pullsSection(status));
  if (status.releasers) parts.push(releasersSection(status.releasers));
  return parts.join("\n\n");
}

/** One line for a finished line among several (`/status` without a line). */
export function renderDoneLine(status: LineStatus): string {
  return `- \`${status.branch}\`: ${nextStep(status).reason}`;
}

function tagsSection(status: LineStatus, repoUrl: string): string {
  if (status.tags.length === 0) return "**Tags:** none yet.";
  const rows = status.tags
    .slice(0, MAX_LISTED)
    .map(
      (tag) =>
        `| [\`${tag.name}\`](${repoUrl}/releases/tag/${encodeURIComponent(tag.name)}) | ${tag.candidate ? "candidate" : "final"} | ${tag.date.slice(0, 10)} | [\`${tag.commit.slice(0, 7)}\`](${repoUrl}/commit/${tag.commit}) |`,
    );
  return [
    "**Tags** (newest first)",
    "",
    "| tag | kind | date | commit |",
    "|---|---|---|---|",
    ...rows,
    ...more(status.tags.length),
  ].join("\n");
}

function untestedSection(status: LineStatus, newest: string, repoUrl: string): string {
  if (status.untestedCount === 0) return `**Commits since \`${newest}\`:** none.`;
  const lines = status.untested.map(
    (commit) =>
      `- [\`${commit.sha.slice(0, 7)}\`](${repoUrl}/commit/${commit.sha}) ${plainTitle(commit.title)}`,
  );
  // The list is the newest commits, oldest first: the ones left out came before them.
  const hidden = status.untestedCount - status.untested.length;
  return [
    `**Commits since \`${newest}\`** (${status.untestedCount}, not in any tag yet)`,
    "",
    ...(hidden > 0 ? [`- … ${hidden} older`] : []),
    ...lines,
  ].join("\n");
}

const PICK_ORDER: PickEntry["state"][] = [
  "conflict",
  "awaiting",
  "pending",
  "open",
  "merged",
  "closed",
  "other",
];

function picksSection(status: LineStatus): string {
  if (status.picks.length === 0) return "**Cherry-picks:** none requested.";
  const sorted = [...status.picks].sort(
    (a, b) => PICK_ORDER.indexOf(a.state) - PICK_ORDER.indexOf(b.state) || b.pr - a.pr,
  );
  const waiting = openWork(status).picks.length;
  return [
    `**Cherry-picks** (${waiting} waiting)`,
    "",
    ...sorted.slice(0, MAX_LISTED).map(pickLine),
    ...more(sorted.length),
  ].join("\n");
}

function pickLine(pick: PickEntry): string {
  const subject = `#${pick.pr} ${plainTitle(pick.title)}`;
  const status = pick.statusUrl ? ` ([status](${pick.statusUrl}))` : "";
  switch (pick.state) {
    case "pending":
      return `- pending (picked at merge): ${subject}`;
    case "awaiting":
      return `- waiting for an approver: ${subject}${status}`;
    case "open":
      return `- open: ${subject} → #${pick.pickPr}`;
    case "merged":
      return pick.pickPr === undefined
        ? `- already on the branch: ${subject}`
        : `- merged: ${subject} → #${pick.pickPr}`;
    case "closed":
      return `- closed without merging: ${subject} → #${pick.pickPr}${status}`;
    case "conflict":
      return `- **conflict**: ${subject}${status}`;
    case "other":
      return `- needs attention: ${subject}${status}`;
  }
}

function pullsSection(status: LineStatus): string {
  if (status.pulls.length === 0) return `**Open pull requests into \`${status.branch}\`:** none.`;
  return [
    `**Open pull requests into \`${status.branch}\`** (${status.pulls.length})`,
    "",
    ...status.pulls.slice(0, MAX_LISTED).map((pr) => `- #${pr.number} ${plainTitle(pr.title)}`),
    ...more(status.pulls.length),
  ].join("\n");
}

function more(total: number): string[] {
  return total > MAX_LISTED ? [`- … and ${total - MAX_LISTED} more`] : [];
}

/** A title as plain text (no Markdown, HTML or mention, see `escapeText`), one line, short. */
export function plainTitle(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return escapeText(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
