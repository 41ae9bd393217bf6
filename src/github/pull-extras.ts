/**
 * What a new pick pull request gets beside its labels and assignees: requested reviewers and
 * GitHub's auto-merge. Each is refused by GitHub for reasons of the repository (a reviewer who
 * is no collaborator, auto-merge not allowed): reported, never thrown, so the pick stands.
 */
import { hasStatus, requestMessage } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

/** Labels, assignees and milestone of a new pull request in one call; an assignee GitHub refuses drops the assignees. */
export async function decoratePullRequest(
  github: GitHub,
  repo: RepoId,
  number: number,
  copies: { labels: readonly string[]; assignees: readonly string[]; milestone: number | null },
): Promise<{ assigned: boolean }> {
  const rest = {
    ...(copies.labels.length > 0 ? { labels: [...copies.labels] } : {}),
    ...(copies.milestone !== null ? { milestone: copies.milestone } : {}),
  };
  try {
    await github.rest.issues.update({
      ...repo,
      issue_number: number,
      ...rest,
      assignees: [...copies.assignees],
    });
    return { assigned: true };
  } catch (error) {
    if (!hasStatus(error, 422)) throw error;
    if (Object.keys(rest).length > 0) {
      await github.rest.issues.update({ ...repo, issue_number: number, ...rest });
    }
    return { assigned: false };
  }
}

/** Requests reviews; GitHub refuses logins that cannot review here (422): then none is requested. */
export async function requestReviewers(
  github: GitHub,
  repo: RepoId,
  number: number,
  reviewers: readonly string[],
): Promise<{ requested: boolean; refusal?: string }> {
  if (reviewers.length === 0) return { requested: false };
  try {
    await github.rest.pulls.requestReviewers({
      ...repo,
      pull_number: number,
      reviewers: [...reviewers],
    });
    return { requested: true };
  } catch (error) {
    if (!hasStatus(error, 422)) throw error;
    return { requested: false, refusal: requestMessage(error) };
  }
}

/** The mutation auto-merge takes (checked against GitHub's schema in test/github/graphql-schema). */
export const ENABLE_AUTO_MERGE = `mutation ($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { autoMergeRequest { mergeMethod } }
  }
}`;

export type AutoMergeMethod = "merge" | "squash" | "rebase";

export type AutoMergeResult =
  | { enabled: true }
  /** `not-allowed`: the repository does not allow auto-merge; `refused`: another reason GitHub gave. */
  | { enabled: false; reason: "not-allowed" | "clean" | "refused"; message: string };

/**
 * Turns on GitHub's auto-merge (`enablePullRequestAutoMerge`,
 * https://docs.github.com/en/graphql/reference/mutations#enablepullrequestautomerge): GitHub
 * merges the pull request with `method` once its requirements are met.
 */
export async function enableAutoMerge(
  github: GitHub,
  pullRequestId: string,
  method: AutoMergeMethod,
): Promise<AutoMergeResult> {
  try {
    await github.graphql(ENABLE_AUTO_MERGE, {
      pullRequestId,
      mergeMethod: method.toUpperCase(),
    });
    return { enabled: true };
  } catch (error) {
    const errors = (error as { errors?: Array<{ message?: string }> }).errors;
    if (!Array.isArray(errors)) throw error;
    const message = errors.map((e) => e.message ?? "").join("; ");
    if (/auto merge is not allowed/i.test(message)) {
      return { enabled: false, reason: "not-allowed", message };
    }
    if (/is in clean status/i.test(message)) return { enabled: false, reason: "clean", message };
    return { enabled: false, reason: "refused", message };
  }
}
