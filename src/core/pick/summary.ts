/**
 * What a reply says about each target of a pick, one clause per target ("`release-1.5`: opened
 * #12"). Pure. Branch names are code spans and GitHub's words are escaped, so neither can mention
 * anyone; pull request numbers are links, made by the caller's `PullLink`.
 */

import { codeSpan, escapeText } from "../text/markdown.js";
import type { TargetEntry } from "./status.js";

/** A pull request as a Markdown link into the repository. */
export type PullLink = (number: number) => string;

/** The clause for a target in the state its status row records. */
export function summarize(entry: TargetEntry, link: PullLink): string {
  const branch = codeSpan(entry.branch);
  switch (entry.state) {
    case "pending":
      return `${branch} is picked when the pull request is merged`;
    case "awaiting":
      return `${branch} waits for an approver: ${entry.label ? `add ${codeSpan(entry.label)} or ` : ""}comment ${codeSpan(`/cherry-pick ${entry.branch}`)}`;
    case "unmerged":
      return `${branch}: the pull request was closed without merging, nothing picked`;
    case "open":
      return `${branch}: ${link(entry.pr)} is already open`;
    case "merged":
      return `${branch}: already picked in ${link(entry.pr)}, which is merged`;
    case "closed":
      return `${branch}: the pick ${link(entry.pr)} was closed without merging`;
    case "already":
      return `${branch}: the changes are on the branch already, nothing to pick`;
    case "branch":
      return `${branch}: branch ${codeSpan(entry.pickBranch)} exists without a pull request and holds commits release-bot did not make; open a pull request from it or delete it`;
    case "conflict":
      return entry.conflict.workspace
        ? `${branch}: conflict; resolve it in draft ${link(entry.conflict.workspace.pr)}`
        : `${branch}: conflict; the files and the commands to pick it by hand are in the status comment`;
    case "unclear":
      return `${branch}: cannot tell which commits of the pull request landed (${escapeText(entry.unclear.reason)}), nothing picked; the commands to pick it by hand are in the status comment`;
    case "missing": {
      const existing =
        entry.releaseBranches.length > 0
          ? `the release branches are ${entry.releaseBranches.map((b) => codeSpan(b)).join(", ")}`
          : "there is no release branch yet";
      return `${branch} does not exist; ${existing}`;
    }
    case "failed":
      return `${branch}: failed, ${escapeText(entry.reason)}`;
  }
}

export function openedSummary(branch: string, number: number, link: PullLink): string {
  return `${codeSpan(branch)}: opened ${link(number)}`;
}

export function cannotPickSummary(branch: string, reason: string): string {
  return `${codeSpan(branch)}: cannot pick, ${escapeText(reason)}`;
}

/** A request on an open pull request, said with its number (`#7`). */
export function pendingRequestSummary(branch: string, number: number): string {
  return `${codeSpan(branch)} is picked when #${number} is merged`;
}
