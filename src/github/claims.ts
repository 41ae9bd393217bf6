/**
 * A claim on a piece of work between deliveries: a branch `release-bot/tmp/claim/<name>` whose
 * creation only one request wins (GitHub's ref creation is atomic), made before anything is
 * written. Deleted when the work is done; a leftover of a crash is a temporary branch like the
 * picks', removed by reconcile.
 */
import { deleteBranch } from "./branches.js";
import { TEMPORARY_PREFIX } from "./cherry-pick-temporary.js";
import { isRefAlreadyExists } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

export const claimBranch = (name: string) => `${TEMPORARY_PREFIX}claim/${name}`;

/** True when this request holds the claim now; false when another one made it first. */
export async function claim(
  github: GitHub,
  repo: RepoId,
  name: string,
  sha: string,
): Promise<boolean> {
  try {
    await github.rest.git.createRef({ ...repo, ref: `refs/heads/${claimBranch(name)}`, sha });
    return true;
  } catch (error) {
    if (isRefAlreadyExists(error)) return false;
    throw error;
  }
}

export async function releaseClaim(github: GitHub, repo: RepoId, name: string): Promise<void> {
  await deleteBranch(github, repo, claimBranch(name));
}
