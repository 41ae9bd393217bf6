/** Which open pull requests into a release branch are the bot's picks. Pure. */
import { parsePickBranchName } from "./targets.js";

/** An open pull request into a release branch, by where its head is. */
export interface PullIntoBranch {
  number: number;
  title: string;
  headRef: string;
  /** The head branch is in this repository (not a fork). */
  sameRepo: boolean;
}

/**
 * The pick pull requests among `pulls` into `branch`: those whose head is this repository's
 * branch named by `template` (`cherryPick.branchName`) for this very target. A fork's branch
 * of the same name is someone else's.
 */
export function picksInto<T extends PullIntoBranch>(
  template: string,
  branch: string,
  pulls: readonly T[],
): T[] {
  return pulls.filter(
    (pull) => pull.sameRepo && parsePickBranchName(template, pull.headRef)?.branch === branch,
  );
}
