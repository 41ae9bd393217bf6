/** Subject of the commit that sets the version files to a release: Spark Operator's own wording. */
export function releaseCommitSubject(tag: string): string {
  return `Release ${tag}`;
}

/** Branch that carries a release pull request, in `pull-request` mode or under branch protection. */
export const RELEASE_PR_BRANCH_PREFIX = "release-bot/";

export function releasePullRequestBranch(tag: string): string {
  return `${RELEASE_PR_BRANCH_PREFIX}${tag}`;
}

/** The tag a release pull request branch is for, or null for any other branch. */
export function tagOfReleasePullRequestBranch(branch: string): string | null {
  return branch.startsWith(RELEASE_PR_BRANCH_PREFIX)
    ? branch.slice(RELEASE_PR_BRANCH_PREFIX.length) || null
    : null;
}

/**
 * Whether a commit is the bot's own version bump (committed directly, squash-merged as
 * `Release v1.5.0 (#12)`, or the merge commit of its release pull request). Such commits change
 * only version files, so they do not count as code a candidate left untested.
 */
export function isReleaseCommitMessage(
  message: string,
  isOurTag: (tag: string) => boolean,
): boolean {
  const subject = (message.split(/\r?\n/, 1)[0] as string).trim();
  const direct = /^Release (\S+?)(?: \(#\d+\))?$/.exec(subject);
  if (direct?.[1] && isOurTag(direct[1])) return true;
  const merge = /^Merge pull request #\d+ from [^/\s]+\/(\S+)$/.exec(subject);
  const tag = merge?.[1] ? tagOfReleasePullRequestBranch(merge[1]) : null;
  return tag !== null && isOurTag(tag);
}
