/**
 * GitHub's read-after-write lag: `POST /pulls` right after a ref write can answer 422 "No
 * commits between …" while the new commits are not yet visible to the pull request service
 * (seen by bots that push and open a pull request at once; the duration is not documented).
 * The local GitHub answers so for `readAfterWriteLagMs` after any ref write of the repository,
 * on its clock (a test steps past the lag instead of waiting it out).
 */
import type { RepoRecord } from "../model.js";

export function withinReadAfterWriteLag(repo: RepoRecord, now: number): boolean {
  const lag = repo.rules.readAfterWriteLagMs;
  return lag > 0 && now - repo.rules.lastRefWriteMs < lag;
}
