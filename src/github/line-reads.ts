/** Reads of a release branch for its status: tag dates, commits after a tag, pull requests into it. */
import { type CommitEntry, MAX_LISTED } from "../core/line/status.js";
import { compareNewest } from "./compare.js";
import { hasStatus } from "./errors.js";
import { boundedPages } from "./pages.js";
import type { TagRef } from "./tags.js";
import type { GitHub, RepoId } from "./types.js";

/** The commit a tag names and when it was tagged (the tagger's date, else the commit's). */
export async function tagDetails(
  github: GitHub,
  repo: RepoId,
  tag: TagRef,
): Promise<{ commit: string; date: string }> {
  if (tag.objectType === "tag") {
    const { data } = await github.rest.git.getTag({ ...repo, tag_sha: tag.objectSha });
    return { commit: data.object.sha, date: data.tagger.date };
  }
  const { data } = await github.rest.git.getCommit({ ...repo, commit_sha: tag.objectSha });
  return { commit: data.sha, date: data.committer.date };
}

export interface CommitsAfter {
  /** The commit `base` names and its date. */
  base: { sha: string; date: string };
  /** The newest commits on the branch after it (at most `MAX_LISTED`), oldest first. */
  commits: CommitEntry[];
  /** How many there are in all. */
  count: number;
}

/**
 * The commits `branch` has after `base`: their count and the newest `MAX_LISTED` (one compare,
 * or three past a page of 100; `github/compare.ts`), or null when either does not exist.
 */
export async function commitsAfter(
  github: GitHub,
  repo: RepoId,
  base: string,
  branch: string,
): Promise<CommitsAfter | null> {
  try {
    const compared = await compareNewest(github, repo, `${base}...${branch}`, MAX_LISTED);
    return {
      base: compared.mergeBase,
      commits: compared.commits.map((c) => ({
        sha: c.sha,
        title: c.message.split("\n", 1)[0] ?? "",
      })),
      count: compared.total,
    };
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

export interface BranchPull {
  number: number;
  title: string;
  state: "open" | "closed";
  merged: boolean;
  headRef: string;
  sameRepo: boolean;
}

/** The pull requests into a branch, open and closed, newest first (every page, to 1,000). */
export async function pullsInto(
  github: GitHub,
  repo: RepoId,
  branch: string,
): Promise<BranchPull[]> {
  const data = await github.paginate(
    github.rest.pulls.list,
    { ...repo, base: branch, state: "all", sort: "created", direction: "desc", per_page: 100 },
    boundedPages(),
  );
  return data.map((pr) => ({
    number: pr.number,
    title: pr.title,
    state: pr.state === "open" ? "open" : "closed",
    merged: pr.merged_at !== null,
    headRef: pr.head.ref,
    sameRepo: pr.head.repo?.full_name === `${repo.owner}/${repo.repo}`,
  }));
}

/** Pull requests (not issues) carrying a label, newest first (every page, to 1,000). */
export async function pullsLabelled(
  github: GitHub,
  repo: RepoId,
  label: string,
): Promise<Array<{ number: number; title: string; open: boolean }>> {
  const data = await github.paginate(
    github.rest.issues.listForRepo,
    { ...repo, labels: label, state: "all", per_page: 100 },
    boundedPages(),
  );
  return data
    .filter((issue) => issue.pull_request)
    .map((issue) => ({ number: issue.number, title: issue.title, open: issue.state === "open" }));
}
