import { formatLine, parseBranchName } from "../core/version.js";
import { listReleaseBranches } from "../github/cherry-pick-branches.js";
import type { FlowContext } from "./context.js";
import { rebuildDashboard } from "./dashboard.js";
import type { ReconcileItem } from "./reconcile-release-branches.js";

/**
 * Level-triggered dashboards: every release line's dashboard is rebuilt from GitHub's state, so
 * a lost or raced event only delays it. Dashboards already right are left alone and not listed.
 */
export async function reconcileDashboards(ctx: FlowContext): Promise<ReconcileItem[]> {
  if (!ctx.config.dashboard.enabled) return [];
  const pattern = ctx.config.branches.pattern;
  const items: ReconcileItem[] = [];
  for (const branch of await listReleaseBranches(ctx.github, ctx.repo, pattern)) {
    const line = parseBranchName(pattern, branch);
    if (!line) continue;
    const result = await rebuildDashboard(ctx, formatLine(line));
    if (result.status !== "unchanged") items.push({ subject: `dashboard of ${branch}`, result });
  }
  return items;
}
