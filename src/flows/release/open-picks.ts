/** `/release` names the pick pull requests still open into the branch: fixes it does not carry. */
import { type PullIntoBranch, picksInto } from "../../core/pick/open-picks.js";
import { listOpenPullsInto } from "../../github/pulls.js";
import type { FlowContext, Outcome } from "../context.js";
import { branchLink, pullLink } from "../links.js";

/** The open pick pull requests into `branch` (one call). */
export async function openPicksInto(ctx: FlowContext, branch: string): Promise<PullIntoBranch[]> {
  const pulls = await listOpenPullsInto(ctx.github, ctx.repo, branch);
  return picksInto(ctx.config.cherryPick.branchName, branch, pulls);
}

/**
 * The outcome with the open picks named after its own words. They do not stop a release: a
 * pick left open may be meant for the next patch, and what is released is the branch as it is.
 */
export function noticingOpenPicks(
  ctx: FlowContext,
  branch: string,
  picks: readonly PullIntoBranch[],
  result: Outcome,
): Outcome {
  if (picks.length === 0) return result;
  const listed = picks.map((pick) => `${pullLink(ctx, pick.number)} ${pick.title}`).join("; ");
  const made =
    result.status === "done" || result.status === "pending" || result.status === "planned";
  const s = picks.length === 1 ? "" : "s";
  const lead = made
    ? `Not in this release: the pick pull request${s} still open into ${branchLink(ctx, branch)}`
    : `Pick pull request${s} still open into ${branchLink(ctx, branch)}`;
  return { ...result, message: `${result.message} ${lead}: ${listed}.` };
}
