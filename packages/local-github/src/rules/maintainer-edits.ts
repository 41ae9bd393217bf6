/**
 * `maintainer_can_modify` ("Allow edits by maintainers") is about pull requests from forks: it
 * lets the base repository's maintainers push to the fork's branch
 * (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/working-with-forks/allowing-changes-to-a-pull-request-branch-created-from-a-fork).
 * Asked for when GitHub cannot grant it, it answers 422 with a `fork_collab` error, whose
 * message bots have met (`fork_collab Fork collab can't be granted by someone without
 * permission`); with `refuseMaintainerEdits`, every pull request here (all are from a branch of
 * the same repository) gets that answer when the request sets it.
 */
import type { RepoRecord } from "../model.js";
import { validationFailed } from "../util.js";

export const FORK_COLLAB_REFUSAL =
  "fork_collab Fork collab can't be granted by someone without permission";

export function checkMaintainerEdits(repo: RepoRecord, requested: unknown, script: boolean): void {
  if (script || requested !== true || !repo.rules.refuseMaintainerEdits) return;
  throw validationFailed([
    { resource: "PullRequest", code: "custom", field: "fork_collab", message: FORK_COLLAB_REFUSAL },
  ]);
}
