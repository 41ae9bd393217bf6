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

/** The newest `count` commits of the history of `sha`, newest first. */
export async function listHistory(
  github: GitHub,
  repo: RepoId,
  sha: string,
  count: number,
): Promise<CommitInfo[]> {
  const { data } = await github.rest.repos.listCommits({
    ...repo,
    sha,
    per_page: Math.min(Math.max(count, 1), 100),
  });
  return data.map(commitInfo);
}

/** The paths changed on `head` since it and `base` diverged (first page: up to 300 files). */
export async function changedSince(
  github: GitHub,
  repo: RepoId,
  base: string,
  head: string,
): Promise<string[]> {
  const { data } = await github.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1,
  });
  return (data.files ?? []).flatMap((file) =>
    file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
  );
}
