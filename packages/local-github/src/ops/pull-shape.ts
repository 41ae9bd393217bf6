import type { IssueRecord, PullRecord, RepoRecord } from "../model.js";
import {
  authorAssociation,
  labelsOf,
  repoApi,
  repoHtml,
  repository,
  user,
  userByLogin,
} from "../shapes.js";
import type { World } from "../world.js";
import { autoMergeJson } from "./auto-merge.js";
import { issueMilestone } from "./milestones.js";

type Json = Record<string, unknown>;

export interface PullStats {
  commits: string[];
  mergeBase: string | null;
  additions: number;
  deletions: number;
  changedFiles: number;
}

export type PullWithIssue = IssueRecord & { pull: PullRecord };

/** The current head sha of an open PR (its branch), or the frozen one once closed. */
export async function currentHeadSha(repo: RepoRecord, issue: PullWithIssue): Promise<string> {
  const pr = issue.pull;
  if (issue.state === "open") {
    const sha = await repo.git.readRef(`refs/heads/${pr.headRef}`);
    if (sha) pr.headSha = sha;
  }
  return pr.headSha;
}

export async function currentBaseSha(repo: RepoRecord, issue: PullWithIssue): Promise<string> {
  const pr = issue.pull;
  if (!pr.merged && issue.state === "open") {
    const sha = await repo.git.readRef(`refs/heads/${pr.baseRef}`);
    if (sha) pr.baseSha = sha;
  }
  return pr.baseSha;
}

/** The PR's commits (oldest first) and merge base: live while open, frozen once merged/closed. */
export async function pullCommits(
  repo: RepoRecord,
  issue: PullWithIssue,
): Promise<{ commits: string[]; mergeBase: string | null }> {
  const pr = issue.pull;
  if (pr.frozen) return pr.frozen;
  const head = await currentHeadSha(repo, issue);
  const base = await currentBaseSha(repo, issue);
  const mergeBase = await repo.git.mergeBase(base, head);
  const commits = await repo.git.revList(["--reverse", "--topo-order", head, `^${base}`]);
  return { commits, mergeBase };
}

export async function pullStats(repo: RepoRecord, issue: PullWithIssue): Promise<PullStats> {
  const { commits, mergeBase } = await pullCommits(repo, issue);
  const head = await currentHeadSha(repo, issue);
  const stat = await repo.git.diffStat(mergeBase ?? head, head);
  return {
    commits,
    mergeBase,
    additions: stat.additions,
    deletions: stat.deletions,
    changedFiles: stat.files,
  };
}

export interface PullShapeOptions {
  shape: "full" | "simple" | "webhook";
  /** Mergeability as computed by the caller (full shape); null = not computed yet. */
  mergeable?: boolean | null;
}

/** The pull request object (`pulls/get` = full, `pulls/list` = simple, webhook payloads). */
export async function pullJson(
  w: World,
  repo: RepoRecord,
  issue: PullWithIssue,
  options: PullShapeOptions,
): Promise<Json> {
  const pr = issue.pull;
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const self = `${api}/pulls/${issue.number}`;
  const headSha = await currentHeadSha(repo, issue);
  const baseSha = await currentBaseSha(repo, issue);
  const repoJson = repository(w, repo, "webhook");
  const owner = user(w, repo.owner);
  const result: Json = {
    url: self,
    id: pr.id,
    node_id: pr.nodeId,
    html_url: `${html}/pull/${issue.number}`,
    diff_url: `${html}/pull/${issue.number}.diff`,
    patch_url: `${html}/pull/${issue.number}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userByLogin(w, issue.user),
    body: issue.body,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: userByLogin(w, issue.assignees[0] ?? null),
    assignees: issue.assignees.map((a) => userByLogin(w, a)),
    requested_reviewers: (pr.requestedReviewers ?? []).map((login) => userByLogin(w, login)),
    requested_teams: [],
    // GitHub's description of the list shape (pull-request-simple) has a label's description as a
    // string, never null: a label without one lists as "".
    labels: labelsOf(w, repo, issue.labels).map((l) =>
      options.shape === "simple" ? { ...l, description: l.description ?? "" } : l,
    ),
    milestone: issueMilestone(w, repo, issue),
    draft: pr.draft,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    head: {
      label: `${repo.owner.login}:${pr.headRef}`,
      ref: pr.headRef,
      sha: headSha,
      user: owner,
      repo: repoJson,
    },
    base: {
      label: `${repo.owner.login}:${pr.baseRef}`,
      ref: pr.baseRef,
      sha: baseSha,
      user: owner,
      repo: repoJson,
    },
    _links: {
      self: { href: self },
      html: { href: `${html}/pull/${issue.number}` },
      issue: { href: `${api}/issues/${issue.number}` },
      comments: { href: `${api}/issues/${issue.number}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: `${api}/statuses/${headSha}` },
    },
    author_association: authorAssociation(w, repo, issue.user),
    auto_merge: autoMergeJson(w, issue),
    active_lock_reason: null,
  };
  if (options.shape === "simple") return result;
  const stats = await pullStats(repo, issue);
  const mergeable = pr.merged ? null : (options.mergeable ?? null);
  Object.assign(result, {
    merged: pr.merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state:
      pr.merged || issue.state === "closed"
        ? "unknown"
        : mergeable === null
          ? "unknown"
          : mergeable
            ? "clean"
            : "dirty",
    merged_by: userByLogin(w, pr.mergedBy),
    comments: issue.commentIds.length,
    review_comments: 0,
    maintainer_can_modify: pr.maintainerCanModify,
    commits: stats.commits.length,
    additions: stats.additions,
    deletions: stats.deletions,
    changed_files: stats.changedFiles,
  });
  return result;
}
