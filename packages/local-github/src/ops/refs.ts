import type { OpContext } from "../context.js";
import type { GitObjectType } from "../git.js";
import type { RepoRecord } from "../model.js";
import { checkBranchRules } from "../rules/branch-rules.js";
import { checkImmutableTagWrite } from "../rules/immutable-releases.js";
import { checkTagRules } from "../rules/tag-rules.js";
import { checkWorkflowsPermission } from "../rules/workflows.js";
import { HttpError, isSha } from "../util.js";
import { afterRefChange } from "./ref-events.js";

/** The checks GitHub makes before a branch moves outside a pull request merge. */
export async function guardBranchWrite(
  ctx: OpContext,
  repo: RepoRecord,
  write: { ref: string; before: string | null; after: string | null },
): Promise<void> {
  checkImmutableTagWrite(repo, write);
  await checkWorkflowsPermission(ctx, repo, write);
  await checkBranchRules(ctx, repo, write);
  await checkTagRules(ctx, repo, write);
}

/**
 * Resolve what GitHub accepts as a `ref`/`sha`/`commitish` parameter: a full or abbreviated sha,
 * a branch name, a tag name, `heads/x`, `tags/x` or `refs/...`. Returns a commit sha or null.
 */
export async function resolveCommitish(repo: RepoRecord, ref: string): Promise<string | null> {
  if (!ref || ref.startsWith("-") || /[\0\s~^:?*[\\]|\.\.|@\{/.test(ref)) return null;
  const git = repo.git;
  if (/^[0-9a-f]{40}$/.test(ref)) return git.revParse(ref, "commit");
  if (/^[0-9a-f]{7,39}$/.test(ref)) {
    const sha = await git.revParse(ref, "commit");
    if (sha) return sha;
  }
  const candidates = ref.startsWith("refs/")
    ? [ref]
    : ref.startsWith("heads/") || ref.startsWith("tags/")
      ? [`refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]
      : [`refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const candidate of candidates) {
    const target = await git.readRef(candidate);
    if (target) return git.revParse(target, "commit");
  }
  return null;
}

/** GitHub's rule for `POST /git/refs`: `refs/` and at least two slashes, and a valid ref name. */
export function checkRefName(ref: string): void {
  const valid =
    ref.startsWith("refs/") &&
    ref.split("/").length >= 3 &&
    !/[\0\s~^:?*[\\]|\.\.|@\{|\/\/|\/$|\.lock(\/|$)|\/\./.test(ref) &&
    !ref.endsWith(".");
  if (!valid)
    throw new HttpError(
      422,
      `Reference name must start with 'refs/' and have at least two slashes.`,
    );
  if (
    !ref.startsWith("refs/heads/") &&
    !ref.startsWith("refs/tags/") &&
    ref.split("/").length < 3
  ) {
    throw new HttpError(422, "Reference is not a valid ref name");
  }
}

/** Create a ref atomically (`update-ref <ref> <sha> 0000...`): 422 when it exists. */
export async function createRef(
  ctx: OpContext,
  repo: RepoRecord,
  ref: string,
  sha: string,
): Promise<{ ref: string; sha: string; type: GitObjectType }> {
  checkRefName(ref);
  if (!isSha(sha)) throw new HttpError(422, "Object does not exist");
  const type = await repo.git.objectType(sha);
  if (!type) throw new HttpError(422, "Object does not exist");
  if (ref.startsWith("refs/heads/") && type !== "commit") {
    throw new HttpError(422, "Object is not a commit");
  }
  if (await repo.git.readRef(ref)) throw new HttpError(422, "Reference already exists");
  await guardBranchWrite(ctx, repo, { ref, before: null, after: sha });
  const ok = await repo.git.updateRef(ref, sha, null);
  if (!ok) {
    if (await repo.git.readRef(ref)) throw new HttpError(422, "Reference already exists");
    throw new HttpError(422, "Reference update failed");
  }
  await afterRefChange(ctx, repo, { ref, before: null, after: sha, forced: false });
  return { ref, sha, type };
}

/**
 * Update a ref with GitHub's semantics: without `force` the new commit must descend from the
 * ref's current value (422 "Update is not a fast forward"), and the write is a compare-and-swap
 * on the value that was checked, so two racing writers from the same old sha get one 200 and
 * one 422, as on GitHub.
 */
export async function updateRef(
  ctx: OpContext,
  repo: RepoRecord,
  ref: string,
  sha: string,
  force: boolean,
): Promise<{ ref: string; sha: string; type: GitObjectType; before: string }> {
  const git = repo.git;
  if (!isSha(sha)) throw new HttpError(422, "Object does not exist");
  const type = await git.objectType(sha);
  if (!type) throw new HttpError(422, "Object does not exist");
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await git.readRef(ref);
    if (!current) throw new HttpError(422, "Reference does not exist");
    if (!force) {
      const currentType = await git.objectType(current);
      const ff =
        type === "commit" && currentType === "commit"
          ? await git.isAncestor(current, sha)
          : current === sha;
      if (!ff) throw new HttpError(422, "Update is not a fast forward");
    }
    if (current === sha) return { ref, sha, type, before: current };
    await guardBranchWrite(ctx, repo, { ref, before: current, after: sha });
    if (await git.updateRef(ref, sha, current)) {
      await afterRefChange(ctx, repo, { ref, before: current, after: sha, forced: force });
      return { ref, sha, type, before: current };
    }
    // Lost a race (or a lock): look again at the new value.
  }
  throw new HttpError(409, "Reference update failed, try again");
}

export async function deleteRef(ctx: OpContext, repo: RepoRecord, ref: string): Promise<void> {
  const git = repo.git;
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await git.readRef(ref);
    if (!current) throw new HttpError(422, "Reference does not exist");
    await guardBranchWrite(ctx, repo, { ref, before: current, after: null });
    if (await git.deleteRef(ref, current)) {
      await afterRefChange(ctx, repo, { ref, before: current, after: null, forced: false });
      return;
    }
  }
  throw new HttpError(409, "Reference update failed, try again");
}

/** Compare-and-swap a branch to a new commit made by the sandbox itself (merges); false if it moved. */
export async function advanceBranch(
  ctx: OpContext,
  repo: RepoRecord,
  branch: string,
  from: string,
  to: string,
  options: { quiet?: boolean } = {},
): Promise<boolean> {
  const ref = `refs/heads/${branch}`;
  if (!(await repo.git.updateRef(ref, to, from))) return false;
  if (!options.quiet)
    await afterRefChange(ctx, repo, { ref, before: from, after: to, forced: false });
  return true;
}
