import { describeRequestError } from "../../github/errors.js";
import { removeStaleTemporaryBranches } from "../../github/pick/temporary.js";
import { explainRefusal } from "../../github/rulesets.js";
import type { FlowContext } from "../context.js";
import type { ReconcileItem } from "./release-branches.js";

/**
 * Temporary branches (`release-bot/tmp/…`: picks' work branches, claims) that a crash left
 * behind are deleted once stale: each points at a commit its request made, so that commit's date
 * says whether the request may still run. A deletion GitHub refuses is reported with what
 * refused it, once per pass.
 */
export async function reconcileTemporaryBranches(ctx: FlowContext): Promise<ReconcileItem[]> {
  const stale = await removeStaleTemporaryBranches(ctx.github, ctx.repo, ctx.delivery.clock.now());
  return Promise.all(
    stale.map(async ({ branch, refused }): Promise<ReconcileItem> => {
      if (refused === null) {
        return {
          subject: branch,
          result: {
            status: "done",
            message: `Deleted the leftover temporary branch \`${branch}\`.`,
          },
        };
      }
      const why =
        (await explainRefusal(ctx.github, ctx.repo, `refs/heads/${branch}`, refused)) ??
        describeRequestError(refused);
      return {
        subject: branch,
        result: {
          status: "failed",
          message: `Could not delete the leftover temporary branch \`${branch}\`: ${why}.`,
        },
      };
    }),
  );
}
