import { parseBranchName } from "../../core/version/numbering.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import type { FlowContext, Outcome } from "../context.js";
import { cutFirstCandidate } from "../release/first-candidate.js";

export interface ReconcileItem {
  subject: string;
  result: Outcome;
}

/**
 * Level-triggered repair of lost `create` webhooks: every release branch whose line has no tag
 * gets its first candidate. A second run finds the tags and does nothing.
 */
export async function reconcileReleaseBranches(ctx: FlowContext): Promise<ReconcileItem[]> {
  const pattern = ctx.config.branches.pattern;
  const branches = await listReleaseBranches(ctx.github, ctx.repo, pattern);
  const items: ReconcileItem[] = [];
  for (const branch of branches) {
    const line = parseBranchName(pattern, branch);
    if (!line) continue;
    // One tag listing per branch; a line with tags answers "unchanged" and is left out.
    const result = await cutFirstCandidate(ctx, line);
    if (result.status !== "unchanged") items.push({ subject: branch, result });
  }
  return items;
}
