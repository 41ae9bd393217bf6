import { releasersOf } from "../../core/line/releasers.js";
import { decidesByOwners } from "../../core/owners/approvers.js";
import { formatLine, parseBranchName } from "../../core/version/numbering.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import type { FlowContext } from "../context.js";
import { readOwners } from "../owners/approvers.js";
import { patchDashboard } from "./dashboard.js";

/**
 * The OWNERS file changed on the default branch: every line's dashboard names the approvers
 * anew (one listing of the release branches, then one patch per line that has a dashboard).
 */
export async function refreshReleasers(ctx: FlowContext): Promise<number> {
  if (!ctx.config.dashboard.enabled || !decidesByOwners(ctx.config.commands.permission)) return 0;
  const releasers = releasersOf(ctx.config.commands, await readOwners(ctx));
  const pattern = ctx.config.branches.pattern;
  let changed = 0;
  for (const branch of await listReleaseBranches(ctx.github, ctx.repo, pattern)) {
    const line = parseBranchName(pattern, branch);
    if (line === null) continue;
    const result = await patchDashboard(ctx, formatLine(line), {
      apply: (status) => ({ ...status, releasers }),
    });
    if (result.status === "done") changed++;
  }
  return changed;
}
