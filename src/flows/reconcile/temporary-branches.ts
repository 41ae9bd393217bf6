import { removeStaleTemporaryBranches } from "../../github/pick/temporary.js";
import type { FlowContext } from "../context.js";
import type { ReconcileItem } from "./release-branches.js";

/**
 * Temporary branches (`release-bot/tmp/…`: picks' work branches, claims) that a crash left
 * behind are deleted once stale: each points at a commit its request made, so that commit's date
 * says whether the request may still run.
 */
export async function reconcileTemporaryBranches(ctx: FlowContext): Promise<ReconcileItem[]> {
  const removed = await removeStaleTemporaryBranches(
    ctx.github,
    ctx.repo,
    ctx.delivery.clock.now(),
  );
  return removed.map((branch) => ({
    subject: branch,
    result: { status: "done", message: `Deleted the leftover temporary branch \`${branch}\`.` },
  }));
}
