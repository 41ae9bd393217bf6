/**
 * Whether each target of a pick may be picked now, under `cherryPick.approval: owners`. The
 * OWNERS file (once per delivery) and who added the pull request's labels (GitHub's issue
 * events, once per pull request) are read only when a verdict needs them:
 *
 * - a request whose requester is known (a command's author, a label's sender) needs OWNERS;
 * - a row that says the request was approved (pending) or picked needs nothing;
 * - a label found at the merge without such a row, or an approval label on the pull request,
 *   needs the issue events (who added it) and OWNERS.
 */

import {
  approvedByRow,
  labelAdders,
  requestVerdict,
  type Verdict,
} from "../../core/pick/approval.js";
import type { TargetEntry } from "../../core/pick/status.js";
import { labelTarget } from "../../core/pick/targets.js";
import { listLabelEvents } from "../../github/label-events.js";
import type { FlowContext } from "../context.js";
import { isOwnersApprover } from "../owners/approvers.js";

export interface PickApproval {
  verdict(branch: string, previous: TargetEntry | undefined): Promise<Verdict>;
}

interface LabelledPull {
  number: number;
  labels: readonly string[];
}

/** A request by `requester`; null when picks need no approval. */
export function requestApproval(
  ctx: FlowContext,
  pr: LabelledPull,
  requester: string,
): PickApproval | null {
  if (ctx.config.cherryPick.approval !== "owners") return null;
  const reads = approvalReads(ctx, pr);
  const requesterApproves = once(() => isOwnersApprover(ctx, requester));
  return {
    async verdict() {
      const approves = await requesterApproves();
      return requestVerdict({
        requester,
        requesterApproves: approves,
        approvedByLabel: approves ? false : await reads.approvedByLabel(),
        approvalLabel: reads.approvalLabel,
      });
    },
  };
}

/**
 * The requests a merged pull request's labels make (at the merge, or a later sweep): approved
 * by their rows, by an approver who added their label, or by an approval label an approver
 * added. Null when picks need no approval.
 */
export function labelApproval(ctx: FlowContext, pr: LabelledPull): PickApproval | null {
  if (ctx.config.cherryPick.approval !== "owners") return null;
  const reads = approvalReads(ctx, pr);
  return {
    async verdict(branch, previous) {
      if (approvedByRow(previous)) return { approved: true };
      const adders = await reads.adders();
      const requesters = pr.labels
        .filter((label) => labelTarget(label, ctx.config) === branch)
        .flatMap((label) => adders.get(label.toLowerCase()) ?? []);
      for (const login of requesters) {
        if (await isOwnersApprover(ctx, login)) return { approved: true };
      }
      const requester =
        previous?.state === "awaiting" ? previous.requester : (requesters[0] ?? "unknown");
      return requestVerdict({
        requester,
        requesterApproves: false,
        approvedByLabel: await reads.approvedByLabel(),
        approvalLabel: reads.approvalLabel,
      });
    },
  };
}

function approvalReads(ctx: FlowContext, pr: LabelledPull) {
  const approvalLabels = ctx.config.checks.approvalLabels;
  const adders = once(async () =>
    labelAdders(await listLabelEvents(ctx.github, ctx.repo, pr.number)),
  );
  return {
    /** The label the waiting row tells an approver to add (the first configured). */
    approvalLabel: approvalLabels[0] ?? "",
    adders,
    /** An approver added one of the approval labels the pull request carries. */
    approvedByLabel: once(async () => {
      const present = pr.labels.filter((label) => approvalLabels.includes(label));
      if (present.length === 0) return false;
      const known = await adders();
      for (const label of present) {
        const login = known.get(label.toLowerCase());
        if (login !== undefined && (await isOwnersApprover(ctx, login))) return true;
      }
      return false;
    }),
  };
}

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= read();
    return result;
  };
}
