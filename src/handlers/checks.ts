import type { Context } from "probot";
import { CONFIG_PATH } from "../config.js";
import { parseBranchName } from "../core/version/numbering.js";
import { runConflictMarkersCheck } from "../flows/checks/conflict-markers.js";
import {
  type CheckedPullRequest,
  runConfigurationCheck,
  runPolicyCheck,
  runVersionCheck,
} from "../flows/checks/pull-request.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/** Every release branch name holds two numbers (see the release-branch handler). */
export const MAY_BE_RELEASE_BRANCH = /\d\D+\d/;

/** The pull request events the checks and the cherry-pick preview run on. */
export type PullRequestContext = Context<
  | "pull_request.opened"
  | "pull_request.synchronize"
  | "pull_request.reopened"
  | "pull_request.labeled"
  | "pull_request.unlabeled"
>;

/**
 * A pull request into a release branch opened, pushed to or reopened: the release-branch policy,
 * version consistency and conflict markers checks on its head. An approval label added or removed: the policy
 * again. Pull requests into other branches are dropped on the payload.
 */
export async function onPullRequestForChecks(
  context: PullRequestContext,
  delivery: Delivery,
): Promise<void> {
  const { pull_request: pr, action } = context.payload;
  if (pr.state !== "open" || !MAY_BE_RELEASE_BRANCH.test(pr.base.ref)) return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const line = parseBranchName(loaded.config.branches.pattern, pr.base.ref);
  if (line === null) return;
  const labelChange = action === "labeled" || action === "unlabeled";
  const changed = "label" in context.payload ? context.payload.label?.name : undefined;
  if (labelChange && !loaded.config.checks.approvalLabels.includes(changed ?? "")) return;

  const ctx = flowContext(context, loaded.config, delivery);
  const checked: CheckedPullRequest = {
    number: pr.number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    sameRepo: pr.head.repo?.full_name === context.payload.repository.full_name,
    baseRef: pr.base.ref,
    labels: pr.labels.map((l) => l.name),
    defaultBranch: context.payload.repository.default_branch,
  };
  await runPolicyCheck(ctx, checked);
  if (labelChange) return;
  await runVersionCheck(ctx, checked, line);
  await runConflictMarkersCheck(ctx, checked);
}

/** A push whose commits change `.github/release-bot.yml`: validate the file at the new head. */
export async function onPushForConfigurationCheck(context: Context<"push">): Promise<void> {
  const { commits, after, deleted } = context.payload;
  if (deleted) return;
  const touched = commits.some((c) =>
    [...(c.added ?? []), ...(c.modified ?? [])].includes(CONFIG_PATH),
  );
  if (!touched) return;
  await runConfigurationCheck(context.octokit, context.repo(), { sha: after, path: CONFIG_PATH });
}
