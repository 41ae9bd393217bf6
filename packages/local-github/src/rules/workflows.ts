/**
 * The `workflows` permission: GitHub refuses a GitHub App whose token lacks `workflows: write`
 * when a ref it creates or updates changes files under `.github/workflows/` ("Permissions
 * required for GitHub Apps" lists Workflows write as an extra permission for `POST`/`PATCH
 * git/refs` and for `POST releases`, which creates the release's tag,
 * https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps).
 * Branches and tags alike: a new ref is compared with the default branch (a release branch
 * whose workflow files differ from the default branch's has been reported refused), an
 * annotated tag by the commit it names. The message is the one GitHub gives a push; the REST
 * status (422) is a best guess.
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { HttpError } from "../util.js";
import { hasPermission, NOT_ACCESSIBLE } from "./app-permissions.js";
import type { BranchWrite } from "./branch-rules.js";

export const workflowRefusal = (path: string) =>
  `refusing to allow a GitHub App to create or update workflow \`${path}\` without \`workflows\` permission`;

export async function checkWorkflowsPermission(
  ctx: OpContext,
  repo: RepoRecord,
  write: BranchWrite,
): Promise<void> {
  const granted = repo.rules.appPermissions;
  if (ctx.actor.kind !== "bot" || granted === null || write.after === null) return;
  const refKind = write.ref.startsWith("refs/heads/") || write.ref.startsWith("refs/tags/");
  if (!refKind || hasPermission(granted, "workflows", "write")) return;
  const from = write.before ?? (await repo.git.readRef(`refs/heads/${repo.defaultBranch}`));
  if (from === null) return;
  const [fromCommit, toCommit] = await Promise.all([
    repo.git.revParse(from, "commit"),
    repo.git.revParse(write.after, "commit"),
  ]);
  if (fromCommit === null || toCommit === null) return;
  const changes = await repo.git.nameStatus(fromCommit, toCommit);
  const workflow = [...changes.added, ...changes.removed, ...changes.modified].find((path) =>
    path.startsWith(".github/workflows/"),
  );
  if (workflow) throw new HttpError(422, workflowRefusal(workflow));
}

/**
 * Releases and workflow files ("Create a release" and "Update a release",
 * https://docs.github.com/en/rest/releases/releases#create-a-release): when the release's
 * commit adds or modifies a file under `.github/workflows/` compared with the default branch,
 * a token without `workflows: write` is answered 404 `Not Found` ("some authentication paths
 * surface 403 Resource not accessible by integration": `workflowReleaseStatus: 403`). The
 * release's commit is its tag's when the tag exists, else `target_commitish`'s.
 */
export async function checkReleaseWorkflows(
  ctx: OpContext,
  repo: RepoRecord,
  target: string,
): Promise<void> {
  const granted = repo.rules.appPermissions;
  if (ctx.actor.kind !== "bot" || granted === null) return;
  if (hasPermission(granted, "workflows", "write")) return;
  const base = await repo.git.readRef(`refs/heads/${repo.defaultBranch}`);
  if (base === null || base === target) return;
  const changes = await repo.git.nameStatus(base, target);
  const touches = [...changes.added, ...changes.modified].some((path) =>
    path.startsWith(".github/workflows/"),
  );
  if (!touches) return;
  throw repo.rules.workflowReleaseStatus === 403
    ? new HttpError(403, NOT_ACCESSIBLE)
    : new HttpError(404, "Not Found");
}
