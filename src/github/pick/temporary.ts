/**
 * The temporary branches of picks: `release-bot/tmp/<pick branch>/<nonce>`, under a prefix of
 * their own so rulesets on release branches never match them, unique per attempt so nothing
 * but the one pick writes to them, and found by prefix when a crash leaves one behind.
 */
import { randomUUID } from "node:crypto";
import { deleteBranch } from "../branches.js";
import type { GitHub, RepoId } from "../types.js";

export const TEMPORARY_PREFIX = "release-bot/tmp/";

/** A temporary branch this old was left by a pick that stopped (a pick takes seconds). */
export const STALE_AFTER_MS = 10 * 60 * 1000;

export function temporaryBranchName(pickBranch: string): string {
  return `${TEMPORARY_PREFIX}${pickBranch}/${randomUUID().slice(0, 8)}`;
}

/**
 * Deletes the temporary branches whose head commit is older than `STALE_AFTER_MS` (made by
 * the pick that created the branch, so its date is when that pick ran); returns their names.
 */
export async function removeStaleTemporaryBranches(
  github: GitHub,
  repo: RepoId,
  now: number,
): Promise<string[]> {
  const refs = await github.paginate(github.rest.git.listMatchingRefs, {
    ...repo,
    ref: `heads/${TEMPORARY_PREFIX}`,
    per_page: 100,
  });
  const removed: string[] = [];
  for (const ref of refs) {
    const { data } = await github.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha });
    const madeAt = Date.parse(data.committer.date);
    if (Number.isFinite(madeAt) && now - madeAt < STALE_AFTER_MS) continue;
    const branch = ref.ref.slice("refs/heads/".length);
    await deleteBranch(github, repo, branch);
    removed.push(branch);
  }
  return removed;
}
