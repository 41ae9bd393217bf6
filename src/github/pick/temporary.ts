/**
 * The temporary branches of picks: `release-bot/tmp/<pick branch>/<nonce>`, under a prefix of
 * their own so rulesets on release branches never match them, unique per attempt so nothing
 * but the one pick writes to them, and found by prefix when a crash leaves one behind.
 */
import { randomUUID } from "node:crypto";
import { deleteBranch } from "../branches.js";
import { isRequestFailure } from "../errors.js";
import type { GitHub, RepoId } from "../types.js";

export const TEMPORARY_PREFIX = "release-bot/tmp/";

/** A temporary branch this old was left by a pick that stopped (a pick takes seconds). */
export const STALE_AFTER_MS = 10 * 60 * 1000;

export function temporaryBranchName(pickBranch: string): string {
  return `${TEMPORARY_PREFIX}${pickBranch}/${randomUUID().slice(0, 8)}`;
}

/** A stale temporary branch: deleted, or still there because GitHub refused its deletion. */
export interface StaleBranch {
  branch: string;
  /** GitHub's refusal (a ruleset restricting deletions); null when the branch was deleted. */
  refused: unknown | null;
}

/**
 * Deletes the temporary branches whose head commit is older than `STALE_AFTER_MS` (made by
 * the pick that created the branch, so its date is when that pick ran). One attempt each: a
 * refused deletion is reported, and the next pass tries again.
 */
export async function removeStaleTemporaryBranches(
  github: GitHub,
  repo: RepoId,
  now: number,
): Promise<StaleBranch[]> {
  const refs = await github.paginate(github.rest.git.listMatchingRefs, {
    ...repo,
    ref: `heads/${TEMPORARY_PREFIX}`,
    per_page: 100,
  });
  const stale: StaleBranch[] = [];
  for (const ref of refs) {
    const { data } = await github.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha });
    const madeAt = Date.parse(data.committer.date);
    if (Number.isFinite(madeAt) && now - madeAt < STALE_AFTER_MS) continue;
    const branch = ref.ref.slice("refs/heads/".length);
    try {
      await deleteBranch(github, repo, branch);
      stale.push({ branch, refused: null });
    } catch (error) {
      if (!isRequestFailure(error) || error.status >= 500) throw error;
      stale.push({ branch, refused: error });
    }
  }
  return stale;
}
