/**
 * A claim on a piece of work between deliveries: a branch `release-bot/tmp/claim/<name>` whose
 * creation only one request wins (GitHub's ref creation is atomic), made before anything else
 * is written. It points at a commit made for this attempt alone (the claimed branch's tree, a
 * unique message), so a request whose "created" answer was lost recognises its own claim, and a
 * claim left by a crash is known by its age. Deleted when the work is done; a leftover is also
 * removed by reconcile.
 */
import { randomUUID } from "node:crypto";
import type { BranchHead } from "./branches.js";
import { deleteBranch } from "./branches.js";
import { isRefAlreadyExists } from "./errors.js";
import { STALE_AFTER_MS, TEMPORARY_PREFIX } from "./pick/temporary.js";
import type { GitHub, RepoId } from "./types.js";

export const claimBranch = (name: string) => `${TEMPORARY_PREFIX}claim/${name}`;

/** True when this request holds the claim now; false when another one holds it. */
export async function claim(
  github: GitHub,
  repo: RepoId,
  name: string,
  head: BranchHead,
  now: () => number,
): Promise<boolean> {
  const { data: mine } = await github.rest.git.createCommit({
    ...repo,
    message: `release-bot: temporary claim of ${name}\n\nattempt ${randomUUID()}`,
    tree: head.treeSha,
    parents: [head.sha],
  });
  const ref = `refs/heads/${claimBranch(name)}`;
  let failure: unknown = null;
  try {
    await github.rest.git.createRef({ ...repo, ref, sha: mine.sha });
    return true;
  } catch (error) {
    if (!isRefAlreadyExists(error)) failure = error;
  }
  // Another request's claim, or ours with its answer lost (GitHub made it, then failed).
  const existing = await github.rest.git
    .getRef({ ...repo, ref: `heads/${claimBranch(name)}` })
    .then(({ data }) => data.object.sha)
    .catch(() => null);
  if (existing === mine.sha) return true;
  if (failure !== null || existing === null) throw failure ?? new Error(`${ref} vanished`);
  const { data: theirs } = await github.rest.git.getCommit({ ...repo, commit_sha: existing });
  if (now() - Date.parse(theirs.committer.date) < STALE_AFTER_MS) return false;
  // Left by a request that stopped: replaced by this one.
  await deleteBranch(github, repo, claimBranch(name));
  return claim(github, repo, name, head, now);
}

export async function releaseClaim(github: GitHub, repo: RepoId, name: string): Promise<void> {
  await deleteBranch(github, repo, claimBranch(name));
}
