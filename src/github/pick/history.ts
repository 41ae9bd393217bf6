import type { CommitInfo } from "../../core/pick/plan.js";
import type { GitHub, RepoId } from "../types.js";

/** A commit as the commits and pull request commits APIs return it. */
export interface CommitData {
  sha: string;
  parents: ReadonlyArray<{ sha: string }>;
  commit: {
    message: string;
    author: { name?: string; email?: string; date?: string } | null;
  };
}

export function commitInfo(data: CommitData): CommitInfo {
  const author = data.commit.author;
  return {
    sha: data.sha,
    parents: data.parents.map((parent) => parent.sha),
    message: data.commit.message,
    author:
      author?.name !== undefined && author.email !== undefined && author.date !== undefined
        ? { name: author.name, email: author.email, date: author.date }
        : null,
  };
}

/** The newest `count` commits of the history of `sha`, newest first (100 a page). */
export async function listHistory(
  github: GitHub,
  repo: RepoId,
  sha: string,
  count: number,
): Promise<CommitInfo[]> {
  const wanted = Math.max(count, 1);
  let read = 0;
  const commits = await github.paginate(
    github.rest.repos.listCommits,
    { ...repo, sha, per_page: Math.min(wanted, 100) },
    (response, done) => {
      read += response.data.length;
      if (read >= wanted) done();
      return response.data;
    },
  );
  return commits.slice(0, wanted).map(commitInfo);
}

/** GitHub lists at most 300 files of a comparison, on its first page. */
export const MAX_COMPARED_FILES = 300;

/**
 * The paths changed on `head` since it and `base` diverged: the first page's files, at most 300
 * (https://docs.github.com/en/rest/commits/commits#compare-two-commits); `more` when GitHub may
 * have left some out.
 */
export async function changedSince(
  github: GitHub,
  repo: RepoId,
  base: string,
  head: string,
): Promise<{ paths: string[]; more: boolean }> {
  const { data } = await github.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1,
  });
  const files = data.files ?? [];
  return {
    paths: files.flatMap((file) =>
      file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
    ),
    more: files.length >= MAX_COMPARED_FILES,
  };
}
