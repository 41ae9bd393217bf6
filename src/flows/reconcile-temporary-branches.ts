import { removeStaleTemporaryBranches } from "../github/cherry-pick-temporary.js";
import type { FlowContext } from "./context.js";
import type { ReconcileItem } from "./reconcile-release-branches.js";

/**
 * Temporary branches (`release-bot/tmp/…`: picks' work branches, claims) that a crash left
 * behind are deleted once stale. A pick's temporary branch points at a commit made by that pick,
 * so its date says whether the pick may still run; a claim points at a release branch's head,
 * whose date is older, so a claim is removed at the next pass (it only has to outlive the few
 * seconds in which two requests meet).
 */
export async function reconcileTemporaryBranches(ctx: FlowContext): Promise<ReconcileItem[]> {
  const removed = await removeStaleTemporaryBranches(ctx.github, ctx.repo);
  return removed.map((branch) => ({
    subject: branch,
    result: { status: "done", message: `Deleted the leftover temporary branch \`${branch}\`.` },
  }));
}
