/**
 * Title, body and labels of a pick pull request. Pure.
 */
import type { Config } from "../../config.js";
import { isPickLabel } from "./targets.js";

/**
 * Labels that record a review decision in Prow (`lgtm`, `approved`): copied, they would let Tide
 * merge the pick before anyone looked at it, so the pick gets its own.
 */
export const REVIEW_LABELS: ReadonlySet<string> = new Set(["lgtm", "approved"]);

/** `[release-1.5] Fix the thing`; a title that already carries the prefix keeps a single one. */
export function pickTitle(branch: string, title: string): string {
  const prefix = `[${branch}] `;
  return title.startsWith(prefix) ? title : `${prefix}${title}`;
}

/**
 * `Cherry-pick of #123 onto release-1.5.` and the original description, unchanged (a
 * Kubernetes-style `release-note` block in it is what release tooling reads on the pick too).
 */
export function pickBody(number: number, branch: string, body: string | null | undefined): string {
  const lead = `${PICK_BODY_START}${number} onto ${branch}.`;
  return body ? `${lead}\n\n${body}` : lead;
}

const PICK_BODY_START = "Cherry-pick of #";

/** Whether a pull request body starts like a pick's: a check on the payload alone, no API call. */
export function looksLikePickBody(body: string | null | undefined): boolean {
  return body?.startsWith(PICK_BODY_START) === true;
}

/** The original labels to copy: all but the cherry-pick ones, the failed and conflict labels and review decisions. */
export function copiedLabels(
  labels: readonly string[],
  config: Pick<Config, "branches" | "cherryPick">,
): string[] {
  return labels.filter((label) => !isPickLabel(label, config) && !REVIEW_LABELS.has(label));
}

/** What a pick pull request carries from the original: `cherryPick.copy`, and the author always. */
export interface PickCopies {
  labels: string[];
  assignees: string[];
  milestone: number | null;
  reviewers: string[];
}

export function pickCopies(
  original: {
    labels: readonly string[];
    author: string;
    assignees?: readonly string[];
    milestone?: number | null;
    reviewers?: readonly string[];
  },
  config: Pick<Config, "branches" | "cherryPick">,
): PickCopies {
  const copy = new Set(config.cherryPick.copy);
  const assignees = [original.author, ...(copy.has("assignees") ? (original.assignees ?? []) : [])];
  return {
    labels: copy.has("labels") ? copiedLabels(original.labels, config) : [],
    assignees: [...new Set(assignees)],
    milestone: copy.has("milestone") ? (original.milestone ?? null) : null,
    reviewers: copy.has("reviewers") ? [...new Set(original.reviewers ?? [])] : [],
  };
}

/** How turning on auto-merge went, as GitHub answered (`github/pull-extras.ts`). */
export type AutoMergeOutcome =
  | { enabled: true }
  | { enabled: false; reason: "not-allowed" | "clean" | "refused"; message: string };

/** The sentence the pick's row and reply get about auto-merge. */
export function autoMergeNote(method: string, outcome: AutoMergeOutcome): string {
  if (outcome.enabled)
    return `auto-merge (${method}) is on: GitHub merges it once its checks and reviews pass`;
  switch (outcome.reason) {
    case "not-allowed":
      return "auto-merge was not turned on: this repository does not allow auto-merge; an admin can allow it under Settings → General → Pull Requests → Allow auto-merge";
    case "clean":
      return "auto-merge was not turned on: GitHub finds it mergeable already, with no check or review pending; merge it when ready";
    case "refused":
      return `auto-merge was not turned on: GitHub answered "${outcome.message}"`;
  }
}
