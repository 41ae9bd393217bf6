/**
 * Assignable users ("Assigning issues and pull requests to other GitHub users",
 * https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/assigning-issues-and-pull-requests-to-other-github-users):
 * people with a role on the repository. With `assignableOnly` on, creating or editing an issue
 * or pull request with anyone else (a user with no role, a bot such as `dependabot[bot]`) is
 * refused with GitHub's 422 "Validation Failed" naming the login, and `POST …/assignees`
 * leaves them out silently, as GitHub does.
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { validationFailed } from "../util.js";

export function isAssignable(ctx: OpContext, repo: RepoRecord, login: string): boolean {
  if (!repo.rules.assignableOnly) return true;
  const user = ctx.world.user(login);
  if (user.type !== "User") return false;
  if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return true;
  const role = repo.permissions.get(user.login.toLowerCase());
  return role !== undefined && role !== "none";
}

export function checkAssignees(ctx: OpContext, repo: RepoRecord, logins: string[]): void {
  const refused = logins.filter((login) => !isAssignable(ctx, repo, login));
  if (refused.length === 0) return;
  throw validationFailed(
    refused.map((value) => ({ value, resource: "Issue", field: "assignees", code: "invalid" })),
  );
}
