import type { Context, Logger } from "probot";
import { defaultConfig } from "../config.js";
import { looksLikePickBody } from "../core/pick/pull-request.js";
import {
  isPickLabel,
  labelTarget,
  labelTargets,
  mayBePickLabel,
  parsePickBranchName,
} from "../core/pick/targets.js";
import { labelApproval, requestApproval } from "../flows/pick/approval.js";
import { approveWaitingPicks } from "../flows/pick/approve.js";
import { pickMergedPullRequest } from "../flows/pick/merged.js";
import {
  recordPickPullRequestClosed,
  recordRequestsAt,
  requestPicksAtMerge,
  withdrawPickRequest,
} from "../flows/pick/requests.js";
import { commentPickPlan } from "../flows/release/dry-run.js";
import { upsertMarkedComment } from "../github/comments.js";
import { pullRequestInfo } from "../github/pulls.js";
import type { GitHub, RepoId } from "../github/types.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

type ClosedContext = Context<"pull_request.closed">;
type ReopenedContext = Context<"pull_request.reopened">;
type LabeledContext = Context<"pull_request.labeled">;
type UnlabeledContext = Context<"pull_request.unlabeled">;

/**
 * A pull request was closed. Merged with pick labels: pick onto each labelled branch. Closed
 * without merging with pick labels: the pending rows say nothing was picked. A pick pull request
 * (its body starts `Cherry-pick of #`, its branch is `cherry-pick-<pr>-to-<branch>` of this
 * repository) merged or closed: its row on the original pull request says so. Anything else:
 * nothing. All are checked on the payload first, so other pull requests cost no API call unless
 * they carry a label that may be a pick label.
 */
export async function onPullRequestClosedForPicks(
  context: ClosedContext,
  delivery: Delivery,
): Promise<void> {
  const pr = context.payload.pull_request;
  const sameRepo = pr.head.repo?.full_name === context.payload.repository.full_name;
  const mayBePick = sameRepo && looksLikePickBody(pr.body);
  const mayRequest = pr.labels.some((label) => mayBePickLabel(label.name));
  if (!mayBePick && !mayRequest) return;

  const loaded = await delivery.config();
  if (!loaded.ok) {
    const labels = pr.merged ? pr.labels.map((l) => l.name) : [];
    await reportInvalidConfig(context, context.repo(), pr.number, labels, loaded.error);
    return;
  }
  const config = loaded.config;
  const ctx = flowContext(context, config, delivery);

  const pick = mayBePick ? parsePickBranchName(config.cherryPick.branchName, pr.head.ref) : null;
  if (pick !== null && pick.branch === pr.base.ref && pick.pr !== pr.number) {
    await recordPickPullRequestClosed(ctx, pick.pr, pick.branch, {
      number: pr.number,
      merged: Boolean(pr.merged),
    });
  }
  const targets = labelTargets(
    pr.labels.map((l) => l.name),
    config,
  );
  if (targets.length === 0) return;
  if (!pr.merged) {
    if (await recordRequestsAt(ctx, pr.number, "closed")) {
      context.log.info({ pull: pr.number }, "closed without merging: nothing picked");
    }
    return;
  }
  const info = pullRequestInfo(pr);
  const report = await pickMergedPullRequest(ctx, info, targets, {
    trigger: "merged",
    approval: labelApproval(ctx, info),
  });
  if (config.dryRun) await commentPickPlan(ctx, pr.number, report);
  for (const target of report.targets) context.log.info({ pull: pr.number }, target.summary);
}

/**
 * A pull request closed without merging was reopened: the rows its close turned into "not
 * merged" are pending again. Only a pull request with a label that may be a pick label costs an
 * API call.
 */
export async function onPullRequestReopenedForPicks(
  context: ReopenedContext,
  delivery: Delivery,
): Promise<void> {
  const pr = context.payload.pull_request;
  if (!pr.labels.some((label) => mayBePickLabel(label.name))) return;
  const loaded = await delivery.config();
  if (!loaded.ok) {
    context.log.warn({ pull: pr.number, error: loaded.error }, "invalid configuration");
    return;
  }
  const labels = pr.labels.map((l) => l.name);
  if (labelTargets(labels, loaded.config).length === 0) return;
  const ctx = flowContext(context, loaded.config, delivery);
  if (await recordRequestsAt(ctx, pr.number, "reopened")) {
    context.log.info({ pull: pr.number }, "reopened: pick requests pending again");
  }
}

/**
 * A label was added. A pick label (`cherry-pick/<branch>`, not the failed label) on a merged
 * pull request: pick onto that branch; on an open one: record it as pending, picked at merge.
 * Closed without merging: nothing.
 *
 * Who labelled is not checked unless `cherryPick.approval: owners`: GitHub lets only people with
 * triage access or more add labels, and a pick only opens a pull request, which still needs a
 * review and a merge by a writer. With it, a label added by someone who is not an approver waits
 * for one, and an approval label added by an approver lets the waiting picks go. Other labels
 * cost no API call, except on a pull request with pick labels (where picks may wait: a waiting
 * request is always labelled) the configuration read that tells an approval label.
 */
export async function onPullRequestLabeledForPicks(
  context: LabeledContext,
  delivery: Delivery,
): Promise<void> {
  const pr = context.payload.pull_request;
  const label = context.payload.label?.name;
  if (!label) return;
  if (pr.state === "closed" && !pr.merged) return;
  const pickLike = mayBePickLabel(label);
  const mayWait = pr.labels.some((l) => mayBePickLabel(l.name));
  if (!pickLike && !mayWait) return;

  const loaded = await delivery.config();
  if (!loaded.ok) {
    if (pickLike)
      await reportInvalidConfig(context, context.repo(), pr.number, [label], loaded.error);
    return;
  }
  const ctx = flowContext(context, loaded.config, delivery);
  const info = pullRequestInfo(pr);
  const sender = context.payload.sender.login;
  const { approval } = loaded.config.cherryPick;
  if (approval === "owners" && loaded.config.checks.approvalLabels.includes(label)) {
    const approved = await approveWaitingPicks(ctx, info, sender);
    if (approved && pr.merged && ctx.config.dryRun) await commentPickPlan(ctx, pr.number, approved);
    for (const t of approved?.targets ?? []) context.log.info({ pull: pr.number }, t.summary);
    return;
  }
  const target = pickLike ? labelTarget(label, loaded.config) : null;
  if (target === null) return;
  const options = { trigger: "label" as const, approval: requestApproval(ctx, info, sender) };
  const report = pr.merged
    ? await pickMergedPullRequest(ctx, info, [target], options)
    : await requestPicksAtMerge(ctx, info, [target], options);
  if (pr.merged && ctx.config.dryRun) await commentPickPlan(ctx, pr.number, report);
  for (const t of report.targets) context.log.info({ pull: pr.number }, t.summary);
}

/**
 * A label was removed. A pick label on an open pull request withdraws the request: its row
 * leaves the status comment, unless another label still asks for the same branch
 * (`cherry-pick/1.5` beside `cherrypick/release-1.5`). On a merged pull request the picks are
 * made already and stay.
 */
export async function onPullRequestUnlabeledForPicks(
  context: UnlabeledContext,
  delivery: Delivery,
): Promise<void> {
  const pr = context.payload.pull_request;
  const label = context.payload.label?.name;
  if (!label || !mayBePickLabel(label) || pr.state !== "open") return;

  const loaded = await delivery.config();
  if (!loaded.ok) {
    context.log.warn({ pull: pr.number, error: loaded.error }, "invalid configuration");
    return;
  }
  const target = labelTarget(label, loaded.config);
  if (target === null) return;
  const remaining = labelTargets(
    pr.labels.map((l) => l.name),
    loaded.config,
  );
  if (remaining.includes(target)) return;
  const withdrawn = await withdrawPickRequest(
    flowContext(context, loaded.config, delivery),
    pr.number,
    target,
  );
  if (withdrawn) context.log.info({ pull: pr.number, branch: target }, "pick request withdrawn");
}

/**
 * With an unreadable configuration the label prefixes are unknown; when a label looks like a
 * pick request under the default prefixes, say why nothing happens.
 */
async function reportInvalidConfig(
  context: { octokit: GitHub; log: Logger },
  repo: RepoId,
  number: number,
  labels: readonly string[],
  error: string,
): Promise<void> {
  context.log.warn({ pull: number, error }, "invalid configuration");
  if (!labels.some((label) => isPickLabel(label, defaultConfig))) return;
  await upsertMarkedComment(
    context.octokit,
    repo,
    number,
    "cherry-pick-config",
    `Cherry-picks were not made: ${error} Fix it, then comment \`/cherry-pick <branch>\` to pick.`,
  );
}
