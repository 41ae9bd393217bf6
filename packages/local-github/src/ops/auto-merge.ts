/**
 * GitHub's auto-merge of a pull request ("Automatically merging a pull request",
 * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request),
 * turned on by the GraphQL mutation `enablePullRequestAutoMerge`
 * (https://docs.github.com/en/graphql/reference/mutations#enablepullrequestautomerge). Refused
 * unless the repository allows auto-merge ("Managing auto-merge for pull requests in your
 * repository", https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-auto-merge-for-pull-requests-in-your-repository;
 * off by default), with GitHub's message. The merge itself, once requirements are met, is not
 * modelled: the pull request records the request, as `auto_merge` shows it.
 */
import { actorUser, type OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { userByLogin } from "../shapes.js";
import { HttpError } from "../util.js";
import type { World } from "../world.js";
import type { PullWithIssue } from "./pull-shape.js";

export type AutoMergeMethod = "merge" | "squash" | "rebase";

export function enableAutoMerge(
  ctx: OpContext,
  repo: RepoRecord,
  pull: PullWithIssue,
  method: AutoMergeMethod,
): void {
  ctx.world.requireRole(repo, ctx.actor, "write");
  if (repo.allowAutoMerge !== true) {
    throw new HttpError(422, "Auto merge is not allowed for this repository");
  }
  if (pull.state !== "open" || pull.pull.merged) {
    throw new HttpError(422, "Pull request is closed");
  }
  if (pull.pull.draft) {
    throw new HttpError(422, "Can't enable auto-merge for this pull request.");
  }
  pull.pull.autoMerge = { method, enabledBy: actorUser(ctx).login, enabledAt: ctx.world.now() };
}

/** `auto_merge` of the pull request object. */
export function autoMergeJson(w: World, pull: PullWithIssue): Record<string, unknown> | null {
  const request = pull.pull.autoMerge;
  if (!request) return null;
  return {
    enabled_by: userByLogin(w, request.enabledBy),
    merge_method: request.method,
    // GitHub fills the merge's default title and message (never null in its schema).
    commit_title: `${pull.title} (#${pull.number})`,
    commit_message: "",
  };
}
