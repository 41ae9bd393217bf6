import type { PullIntoBranch } from "../core/pick/open-picks.js";
import type { CommitInfo } from "../core/pick/plan.js";
import { hasStatus, isNoCommitsBetween } from "./errors.js";
import { writeOnce } from "./lost-answers.js";
import { boundedPages } from "./pages.js";
import { commitInfo } from "./pick/history.js";
import type { GitHub, RepoId } from "./types.js";

/** What the cherry-pick flows need of a pull request, from a webhook payload or the API. */
export interface PullRequestInfo {
  number: number;
  title: string;
  body: string | null;
  author: string;
  labels: string[];
  state: "open" | "closed";
  merged: boolean;
  mergeCommitSha: string | null;
  /** How many commits the pull request has. */
  commits: number;
  baseRef: string;
  /** What a pick may copy (`cherryPick.copy`): assignees, milestone number, requested reviewers. */
  assignees?: string[];
  milestone?: number | null;
  reviewers?: string[];
}

/** The pull request object GitHub sends in webhooks and returns from `GET /pulls/{n}`. */
interface PullRequestData {
  number: number;
  title: string;
  body?: string | null;
  user: { login: string } | null;
  labels: ReadonlyArray<{ name?: string }>;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  commits?: number;
  base: { ref: string };
  assignees?: ReadonlyArray<{ login?: string } | null> | null;
  milestone?: { number: number } | null;
  requested_reviewers?: ReadonlyArray<object | null> | null;
}

export function pullRequestInfo(data: PullRequestData): PullRequestInfo {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? null,
    author: data.user?.login ?? "ghost",
    labels: data.labels.flatMap((label) => (label.name ? [label.name] : [])),
    state: data.state === "open" ? "open" : "closed",
    merged: Boolean(data.merged ?? data.merged_at),
    mergeCommitSha: data.merge_commit_sha ?? null,
    commits: data.commits ?? 1,
    baseRef: data.base.ref,
    assignees: (data.assignees ?? []).flatMap((a) => (a?.login ? [a.login] : [])),
    milestone: data.milestone?.number ?? null,
    // Teams (a slug, no login) are not copied: requesting a team needs organization access.
    reviewers: (data.requested_reviewers ?? []).flatMap((r) =>
      r && "login" in r && typeof r.login === "string" ? [r.login] : [],
    ),
  };
}

/** A pull request, or null when the number is not one. */
export async function getPullRequest(
  github: GitHub,
  repo: RepoId,
  number: number,
): Promise<PullRequestInfo | null> {
  try {
    const { data } = await github.rest.pulls.get({ ...repo, pull_number: number });
    return pullRequestInfo(data);
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

export interface PullRequestRef {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  /** No label and no assignee: as GitHub opened it, before the bot labelled it. */
  bare: boolean;
  /** Its GraphQL node id (auto-merge takes it). */
  nodeId?: string;
  labels?: string[];
}

/**
 * Pull requests from a branch of this repository into `base`, in any state, the most relevant
 * first: open, then merged, then closed.
 */
export async function findPullRequests(
  github: GitHub,
  repo: RepoId,
  head: string,
  base: string,
): Promise<PullRequestRef[]> {
  const { data } = await github.rest.pulls.list({
    ...repo,
    state: "all",
    head: `${repo.owner}:${head}`,
    base,
    per_page: 10,
  });
  const rank = (pr: PullRequestRef) => (pr.state === "open" ? 0 : pr.merged ? 1 : 2);
  return data
    .map((pr) => ({
      number: pr.number,
      state: pr.state === "open" ? ("open" as const) : ("closed" as const),
      merged: Boolean(pr.merged_at),
      bare: pr.labels.length === 0 && (pr.assignees ?? []).length === 0,
      nodeId: pr.node_id,
      labels: (pr.labels ?? []).flatMap((label) => (label.name ? [label.name] : [])),
    }))
    .sort((a, b) => rank(a) - rank(b));
}

/** How long `openPullRequest` waits before each retry of a "No commits between" answer. */
export const NO_COMMITS_RETRY_MS: readonly number[] = [1000, 2000, 4000];

/**
 * Opens a pull request; when one is already open for the branch (another delivery opened it a
 * moment ago), that one is returned. Right after its head branch is written, GitHub may answer
 * 422 "No commits between …" until the new commits reach the pull request service: retried
 * after each of `retry.delaysMs`, waiting on the delivery's clock (`retry.sleep`). When GitHub
 * opened it and lost its answer, the open pull request found is this request's (`created`):
 * sent again, the request would answer 422 "A pull request already exists" as if another
 * delivery had opened it.
 */
export async function openPullRequest(
  github: GitHub,
  repo: RepoId,
  request: { title: string; head: string; base: string; body: string; draft?: boolean },
  retry: { sleep: (ms: number) => Promise<void>; delaysMs?: readonly number[] },
): Promise<{ number: number; created: boolean; nodeId?: string }> {
  const delays = retry.delaysMs ?? NO_COMMITS_RETRY_MS;
  const openOne = async () =>
    (await findPullRequests(github, repo, request.head, request.base)).find(
      (pr) => pr.state === "open",
    );
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeOnce(
        github,
        async (noRetry) => {
          const { data } = await github.rest.pulls.create({ ...repo, ...request, ...noRetry });
          return { number: data.number, created: true, nodeId: data.node_id };
        },
        async () => {
          const found = await openOne();
          return found
            ? {
                number: found.number,
                created: true,
                ...(found.nodeId ? { nodeId: found.nodeId } : {}),
              }
            : null;
        },
      );
    } catch (error) {
      const delay = delays[attempt];
      if (isNoCommitsBetween(error) && delay !== undefined) {
        await retry.sleep(delay);
        continue;
      }
      if (!hasStatus(error, 422)) throw error;
      const open = await openOne();
      if (open === undefined) throw error;
      return {
        number: open.number,
        created: false,
        ...(open.nodeId ? { nodeId: open.nodeId } : {}),
      };
    }
  }
}

/**
 * Sets labels and the assignee of a new pull request in one call. GitHub refuses an assignee
 * who cannot be assigned (not a collaborator, a bot); then the labels are set alone.
 */
export async function labelAndAssign(
  github: GitHub,
  repo: RepoId,
  number: number,
  labels: readonly string[],
  assignee: string,
): Promise<{ assigned: boolean }> {
  try {
    await github.rest.issues.update({
      ...repo,
      issue_number: number,
      ...(labels.length > 0 ? { labels: [...labels] } : {}),
      assignees: [assignee],
    });
    return { assigned: true };
  } catch (error) {
    if (!hasStatus(error, 422)) throw error;
    if (labels.length > 0) {
      await github.rest.issues.update({ ...repo, issue_number: number, labels: [...labels] });
    }
    return { assigned: false };
  }
}

/** GitHub lists at most 250 commits of a pull request ("List commits on a pull request"). */
export const MAX_LISTED_PULL_COMMITS = 250;

/**
 * The commits of a pull request, oldest first: every page, which GitHub stops at 250
 * (https://docs.github.com/en/rest/pulls/pulls#list-commits-on-a-pull-request). A pull request
 * with more lists fewer than its `commits`; the pick plan refuses it.
 */
export async function listPullCommits(
  github: GitHub,
  repo: RepoId,
  number: number,
): Promise<CommitInfo[]> {
  let read = 0;
  const commits = await github.paginate(
    github.rest.pulls.listCommits,
    { ...repo, pull_number: number, per_page: 100 },
    (response, done) => {
      read += response.data.length;
      if (read >= MAX_LISTED_PULL_COMMITS) done();
      return response.data;
    },
  );
  return commits.slice(0, MAX_LISTED_PULL_COMMITS).map(commitInfo);
}

/**
 * The paths a pull request changes (renamed files under both names), from its first 100 files
 * (the likely files of a conflict need no more); `more` when GitHub names a next page.
 */
export async function listPullFiles(
  github: GitHub,
  repo: RepoId,
  number: number,
): Promise<{ paths: string[]; more: boolean }> {
  const { data, headers } = await github.rest.pulls.listFiles({
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  const paths = data.flatMap((file) =>
    file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
  );
  return { paths, more: /rel="next"/.test(headers.link ?? "") };
}

/** Replaces a pull request's description. */
export async function updatePullBody(
  github: GitHub,
  repo: RepoId,
  pullNumber: number,
  body: string,
): Promise<void> {
  await github.rest.pulls.update({ ...repo, pull_number: pullNumber, body });
}

/** Adds labels to a pull request (or issue). */
export async function addLabels(
  github: GitHub,
  repo: RepoId,
  number: number,
  labels: readonly string[],
): Promise<void> {
  await github.rest.issues.addLabels({ ...repo, issue_number: number, labels: [...labels] });
}

/** Removes a label from a pull request (or issue); a label it does not carry is not an error. */
export async function removeLabel(
  github: GitHub,
  repo: RepoId,
  number: number,
  name: string,
): Promise<void> {
  try {
    await github.rest.issues.removeLabel({ ...repo, issue_number: number, name });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}

/** The open pull requests into `base`, oldest first (every page, to 1,000). */
export async function listOpenPullsInto(
  github: GitHub,
  repo: RepoId,
  base: string,
): Promise<PullIntoBranch[]> {
  const data = await github.paginate(
    github.rest.pulls.list,
    { ...repo, state: "open", base, sort: "created", direction: "asc", per_page: 100 },
    boundedPages(),
  );
  return data.map((pr) => ({
    number: pr.number,
    title: pr.title,
    headRef: pr.head.ref,
    sameRepo: pr.head.repo?.full_name === `${repo.owner}/${repo.repo}`,
  }));
}
