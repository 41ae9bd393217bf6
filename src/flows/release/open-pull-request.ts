import type { FileChange } from "../../core/files/apply.js";
import { releaseCommitSubject, releasePullRequestBranch } from "../../core/release/commit.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import { type BranchHead, pointBranch } from "../../github/branches.js";
import { createCommit } from "../../github/commit-files.js";
import { openPullRequest } from "../../github/pulls.js";
import type { GitHub, RepoId } from "../../github/types.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, pullLink } from "../links.js";

export interface ReleasePullRequestRequest {
  branch: string;
  head: BranchHead;
  strings: VersionStrings;
  changes: ReadonlyArray<FileChange & { mode?: "100644" | "100755" }>;
  /** A bump commit already made on `head` (when branch protection refused it). */
  commitSha?: string;
  /** Say in the reply that a direct commit was refused by branch protection. */
  /** Why the direct commit was refused (GitHub's words, the rule, the admin's fix), if it was. */
  protectedBranch?: string;
}

/**
 * Opens `Release vX.Y.Z` against the release branch with the bump commit; the tag is put on the
 * merge commit when it is merged (handled by `tagMergedReleasePullRequest`).
 */
export async function openReleasePullRequest(
  ctx: FlowContext,
  request: ReleasePullRequestRequest,
): Promise<Outcome> {
  const { strings } = request;
  const prBranch = releasePullRequestBranch(strings.tag);
  const existing = await findOpenPullRequest(ctx.github, ctx.repo, prBranch, request.branch);
  if (existing) {
    return outcome(
      "unchanged",
      `The release pull request ${pullLink(ctx, existing)} for \`${strings.tag}\` is already open; \`${strings.tag}\` is tagged when it is merged.`,
    );
  }
  const sha =
    request.commitSha ??
    (await createCommit(ctx.github, ctx.repo, {
      parentSha: request.head.sha,
      parentTreeSha: request.head.treeSha,
      files: request.changes,
      message: `${releaseCommitSubject(strings.tag)}\n\nSet the version to ${strings.version}.\n`,
      signoff: ctx.config.commits.signoff ? ctx.delivery.signers : undefined,
    }));
  // A branch left by an earlier attempt whose pull request was closed moves to the fresh bump.
  await pointBranch(ctx.github, ctx.repo, prBranch, sha);
  const files = request.changes.map((change) => `- \`${change.path}\``).join("\n");
  const why = request.protectedBranch
    ? `Branch protection on \`${request.branch}\` refused a direct commit, so the bump comes as this pull request. ${request.protectedBranch}.`
    : "This repository lands version bumps through pull requests (`release.mode: pull-request`).";
  // `openPullRequest` waits out GitHub's "No commits between" right after the branch is written,
  // takes one opened by another delivery meanwhile, and finds one whose answer GitHub lost.
  const { number } = await openPullRequest(
    ctx.github,
    ctx.repo,
    {
      title: releaseCommitSubject(strings.tag),
      head: prBranch,
      base: request.branch,
      // No `maintainer_can_modify`: it is for forks, and GitHub may refuse it on a branch of the
      // repository itself.
      body: `Sets the version to \`${strings.version}\` (image tag \`${strings.image}\`) in:\n${files}\n\n${why} When it is merged, with any merge method, release-bot tags \`${strings.tag}\` on the merge commit and publishes the release.`,
    },
    { sleep: (ms) => ctx.delivery.clock.sleep(ms) },
  );
  const because = request.protectedBranch
    ? ` because branch protection refused a direct commit to ${branchLink(ctx, request.branch)} (${request.protectedBranch})`
    : "";
  return outcome(
    "pending",
    `Opened ${pullLink(ctx, number)} to set the version to \`${strings.version}\`${because}; \`${strings.tag}\` is tagged on its merge commit when it is merged.`,
  );
}

async function findOpenPullRequest(
  github: GitHub,
  repo: RepoId,
  head: string,
  base: string,
): Promise<number | null> {
  const { data } = await github.rest.pulls.list({
    ...repo,
    state: "open",
    head: `${repo.owner}:${head}`,
    base,
    per_page: 1,
  });
  return data[0]?.number ?? null;
}
