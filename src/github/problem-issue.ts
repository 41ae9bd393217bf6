import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

/** Label of the issues the bot opens when a flow no one asked for in a comment fails. */
export const PROBLEM_LABEL = "release-bot";

/**
 * Tells the maintainers about a failure that has no comment to reply to (a release branch
 * created by hand, a merged release pull request): an open issue, one per title, never a duplicate.
 */
export async function reportProblem(
  github: GitHub,
  repo: RepoId,
  title: string,
  body: string,
): Promise<string> {
  const find = async () => {
    const open = await github.paginate(github.rest.issues.listForRepo, {
      ...repo,
      state: "open",
      labels: PROBLEM_LABEL,
      per_page: 100,
    });
    return open.find((issue) => issue.title === title && !issue.pull_request)?.html_url ?? null;
  };
  const existing = await find();
  if (existing) return existing;
  // An issue GitHub opened without answering is found by its title, not opened twice.
  return writeOnce(
    github,
    async (noRetry) => {
      const { data } = await github.rest.issues.create({
        ...repo,
        title,
        body,
        labels: [PROBLEM_LABEL],
        ...noRetry,
      });
      return data.html_url;
    },
    find,
  );
}
