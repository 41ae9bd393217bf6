import { getBranchHead } from "../../github/branches.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import type { FlowContext } from "../context.js";
import { checkAwaitedTag } from "../release/workflow-tagging.js";
import type { ReconcileItem } from "./release-branches.js";

/**
 * With `release.tagging: workflow`, the bump at the head of each release branch may wait for its
 * tag: follow a tag whose webhook was lost, report one the workflow never made.
 */
export async function reconcileAwaitedTags(ctx: FlowContext): Promise<ReconcileItem[]> {
  if (ctx.config.release.tagging !== "workflow") return [];
  const branches = await listReleaseBranches(ctx.github, ctx.repo, ctx.config.branches.pattern);
  const items: ReconcileItem[] = [];
  for (const branch of branches) {
    const head = await getBranchHead(ctx.github, ctx.repo, branch);
    const result = head ? await checkAwaitedTag(ctx, head.sha) : null;
    if (result) items.push({ subject: branch, result });
  }
  return items;
}
