/**
 * Review requests on a pull request ("Requesting a pull request review",
 * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/proposing-changes-to-your-work-with-pull-requests/requesting-a-pull-request-review;
 * REST: https://docs.github.com/en/rest/pulls/review-requests). Only collaborators (a role on the
 * repository, or its owner) may be asked, never the pull request's author: GitHub's 422s.
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { validationFailed } from "../util.js";
import type { PullWithIssue } from "./pull-shape.js";

function isCollaborator(ctx: OpContext, repo: RepoRecord, login: string): boolean {
  const user = ctx.world.user(login);
  if (user.type !== "User") return false;
  if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return true;
  const role = repo.permissions.get(user.login.toLowerCase());
  return role !== undefined && role !== "none";
}

export function requestReviewers(
  ctx: OpContext,
  repo: RepoRecord,
  pull: PullWithIssue,
  logins: readonly string[],
): void {
  ctx.world.requireRole(repo, ctx.actor, "triage");
  if (logins.some((login) => login.toLowerCase() === pull.user.toLowerCase())) {
    throw validationFailed([], "Review cannot be requested from pull request author.");
  }
  if (logins.some((login) => !isCollaborator(ctx, repo, login))) {
    throw validationFailed(
      [],
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`,
    );
  }
  const current = pull.pull.requestedReviewers ?? [];
  pull.pull.requestedReviewers = [...new Set([...current, ...logins])];
}

export function removeRequestedReviewers(
  ctx: OpContext,
  repo: RepoRecord,
  pull: PullWithIssue,
  logins: readonly string[],
): void {
  ctx.world.requireRole(repo, ctx.actor, "triage");
  pull.pull.requestedReviewers = (pull.pull.requestedReviewers ?? []).filter(
    (login) => !logins.includes(login),
  );
}
