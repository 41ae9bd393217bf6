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

/** The original labels to copy: all but the cherry-pick ones, the failed label and review decisions. */
export function copiedLabels(
  labels: readonly string[],
  config: Pick<Config, "branches" | "cherryPick">,
): string[] {
  return labels.filter((label) => !isPickLabel(label, config) && !REVIEW_LABELS.has(label));
}
