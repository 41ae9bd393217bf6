/**
 * A claim on a piece of work between deliveries: a branch `release-bot/tmp/claim/<name>` whose
 * creation only one request wins (GitHub's ref creation is atomic), made before anything else
 * is written. It points at a commit made for this attempt alone (the claimed branch's tree, a
 * unique message), so a request whose "created" answer was lost recognises its own claim, and a
 * claim left by a crash is known by its age. Deleted when the work is done; a leftover is also
 * removed by reconcile.
 *
 * A stale claim is deleted and claimed again, at most `CLAIM_ATTEMPTS` times in all (3 writes
 * each: the commit, the ref, the deletion). When GitHub refuses the deletion (a ruleset that
 * restricts deleting branches and does not list the App), the claim is `stuck`: the caller
 * says so and what refused, rather than trying again for ever.
 */
import { randomUUID } from "node:crypto";
import type { BranchHead } from "./branches.js";
import { createRef, deleteBranch, readRef } from "./branches.js";
import { STALE_AFTER_MS, TEMPORARY_PREFIX } from "./pick/temporary.js";
import type { GitHub, RepoId } from "./types.js";

export const claimBranch = (name: string) => `${TEMPORARY_PREFIX}claim/${name}`;

/** How many claims a request makes: its first, and one after each stale claim it deleted. */
export const CLAIM_ATTEMPTS = 3;

export type Claim =
  /** This request holds the claim now. */
  | { status: "held" }
  /** Another request holds it, and is still within its time. */
  | { status: "taken" }
  /**
   * A stale claim that could not be replaced: GitHub refused its deletion (`error`), or claims
   * kept appearing for `CLAIM_ATTEMPTS` attempts (`error` null). `madeAt`: when it was made.
   */
  | { status: "stuck"; branch: string; madeAt: string; error: unknown };

export async function claim(
  github: GitHub,
  repo: RepoId,
  name: string,
  head: BranchHead,
  now: () => number,
): Promise<Claim> {
  const branch = claimBranch(name);
  let madeAt = "";
  for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
    const { data: mine } = await github.rest.git.createCommit({
      ...repo,
      message: `release-bot: temporary claim of ${name}\n\nattempt ${randomUUID()}`,
      tree: head.treeSha,
      parents: [head.sha],
    });
    // A claim GitHub made and did not answer for is found at `mine` ("created").
    const created = await createRef(github, repo, `refs/heads/${branch}`, mine.sha);
    if (created.status === "created") return { status: "held" };
    // Another request's claim; gone again already when its holder just finished.
    const existing = await readRef(github, repo, `heads/${branch}`);
    if (existing === null) continue;
    const { data: theirs } = await github.rest.git.getCommit({ ...repo, commit_sha: existing.sha });
    madeAt = theirs.committer.date;
    if (now() - Date.parse(madeAt) < STALE_AFTER_MS) return { status: "taken" };
    // Left by a request that stopped: replaced by this one.
    try {
      await deleteBranch(github, repo, branch);
    } catch (error) {
      return { status: "stuck", branch, madeAt, error };
    }
  }
  return { status: "stuck", branch, madeAt, error: null };
}

/**
 * Deletes this request's claim once its work is done. A refused deletion leaves the claim in
 * place (reconcile tries again once it is stale); it does not undo the work, so it is returned
 * for the log rather than thrown.
 */
export async function releaseClaim(
  github: GitHub,
  repo: RepoId,
  name: string,
): Promise<unknown | null> {
  try {
    await deleteBranch(github, repo, claimBranch(name));
    return null;
  } catch (error) {
    return error;
  }
}
