/**
 * The commits of a comparison, read page by page. GitHub's "Compare two commits" lists, with
 * `per_page`, that many commits a page, oldest first, and counts them all in `total_commits`
 * (https://docs.github.com/en/rest/commits/commits#compare-two-commits); one page shows a line's
 * oldest commits only, so the newest need the last pages.
 */
import type { GitHub, RepoId } from "./types.js";

/** GitHub's largest page. */
export const COMPARE_PAGE = 100;

export interface ComparedCommit {
  sha: string;
  message: string;
}

export interface Comparison {
  /** `ahead`, `behind`, `identical` or `diverged`, as GitHub says it. */
  status: string;
  /** The merge base and its committer date. */
  mergeBase: { sha: string; date: string };
  /** How many commits the head has after the merge base. */
  total: number;
  /** The newest of them, at most the number asked for, oldest first. */
  commits: ComparedCommit[];
  /** How many older ones were left unread (`total - commits.length`). */
  omitted: number;
}

/**
 * The newest `newest` commits of `basehead` (`base...head`) and GitHub's totals: one call when
 * they fit on the first page, else the first page (for the total) and the last ones holding
 * them: at most `ceil(newest / 100) + 2` calls. When `head` is a branch that moves between the
 * pages' reads, the later pages show it moved; pass a commit SHA where that matters.
 */
export async function compareNewest(
  github: GitHub,
  repo: RepoId,
  basehead: string,
  newest: number,
): Promise<Comparison> {
  const page = async (number: number) =>
    (
      await github.rest.repos.compareCommitsWithBasehead({
        ...repo,
        basehead,
        per_page: COMPARE_PAGE,
        page: number,
      })
    ).data;
  const first = await page(1);
  const total = first.total_commits;
  const pages = Math.ceil(total / COMPARE_PAGE);
  const oldestWanted = Math.max(0, total - Math.max(newest, 0));
  const startPage = Math.max(2, Math.floor(oldestWanted / COMPARE_PAGE) + 1);
  const later = await Promise.all(
    Array.from({ length: Math.max(0, pages - startPage + 1) }, (_, i) => page(startPage + i)),
  );
  const listedFrom = oldestWanted < COMPARE_PAGE ? 0 : (startPage - 1) * COMPARE_PAGE;
  const listed = [
    ...(listedFrom === 0 ? first.commits : []),
    ...later.flatMap((data) => data.commits),
  ];
  const commits = listed
    .slice(oldestWanted - listedFrom)
    .map((c) => ({ sha: c.sha, message: c.commit.message }));
  const base = first.merge_base_commit;
  return {
    status: first.status,
    mergeBase: { sha: base.sha, date: base.commit.committer?.date ?? "" },
    total,
    commits,
    omitted: total - commits.length,
  };
}
