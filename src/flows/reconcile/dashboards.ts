import { formatLine, parseBranchName } from "../../core/version/numbering.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import type { FlowContext } from "../context.js";
import { rebuildDashboard } from "../line/dashboard.js";

/**
 * Level-triggered dashboards: every release line's dashboard is rebuilt from GitHub's state, so
 * a lost or raced event only delays it. Dashboards already right are left alone; the ones
 * rewritten are logged (they repair a view, not the release, so they are not reconcile items).
 */
export async function reconcileDashboards(ctx: FlowContext): Promise<number> {
  if (!ctx.config.dashboard.enabled) return 0;
  const pattern = ctx.config.branches.pattern;
  let rewritten = 0;
  for (const branch of await listReleaseBranches(ctx.github, ctx.repo, pattern)) {
    const line = parseBranchName(pattern, branch);
    if (!line) continue;
    const result = await rebuildDashboard(ctx, formatLine(line));
    if (result.status === "unchanged") continue;
    rewritten++;
    ctx.log.info({ branch, status: result.status }, result.message);
  }
  return rewritten;
}
