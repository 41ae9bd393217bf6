import { labelTargets } from "../../core/pick/targets.js";
import { getPullRequest } from "../../github/pulls.js";
import type { FlowContext } from "../context.js";
import { labelApproval } from "../pick/approval.js";
import { pickMergedPullRequest } from "../pick/merged.js";
import type { ReconcileItem } from "./release-branches.js";

/**
 * Level-triggered repair of lost `pull_request` webhooks: merged pull requests with pick labels,
 * newest first, are picked onto every labelled branch their status comment does not already
 * settle (pick open or merged, already there, conflict). A second run finds them settled.
 */
export async function reconcileCherryPicks(
  ctx: FlowContext,
  options: { maxPullRequests: number },
): Promise<ReconcileItem[]> {
  let listedSoFar = 0;
  const closed = await ctx.github.paginate(
    ctx.github.rest.pulls.list,
    { ...ctx.repo, state: "closed", sort: "updated", direction: "desc", per_page: 100 },
    (response, done) => {
      listedSoFar += response.data.length;
      if (listedSoFar >= options.maxPullRequests) done();
      return response.data;
    },
  );
  const items: ReconcileItem[] = [];
  for (const listed of closed.slice(0, options.maxPullRequests)) {
    if (!listed.merged_at) continue;
    const targets = labelTargets(
      listed.labels.map((label) => label.name),
      ctx.config,
    );
    if (targets.length === 0) continue;
    // The list omits the commit count the pick plan needs (squash vs rebase): read the pull request.
    const pr = await getPullRequest(ctx.github, ctx.repo, listed.number);
    if (!pr) continue;
    const report = await pickMergedPullRequest(ctx, pr, targets, {
      trigger: "merged",
      approval: labelApproval(ctx, pr),
    });
    for (const target of report.targets.filter((t) => t.opened)) {
      items.push({
        subject: `#${pr.number} → ${target.branch}`,
        result: { status: "done", message: target.summary },
      });
    }
  }
  return items;
}
