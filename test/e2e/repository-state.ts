import type { SandboxRepo } from "@release-bot/local-github";

/** One comment as the test compares it: who wrote what, where. */
export interface StateComment {
  id: number;
  issue: number;
  user: string;
  body: string;
}

/**
 * Everything a bot could write on the local GitHub, read the way a maintainer would check it:
 * every ref (branches, tags, the bot's temporary and claim branches) with what it points to,
 * releases, issues and pull requests (state, labels, assignees, title, body, heads), the
 * repository's labels, and every comment.
 */
export interface RepositoryState {
  refs: string[];
  releases: unknown[];
  issues: unknown[];
  labels: string[];
  comments: StateComment[];
}

export async function readRepositoryState(repo: SandboxRepo): Promise<RepositoryState> {
  const refs = (await repo.git("for-each-ref", "--format=%(refname) %(objectname)"))
    .split("\n")
    .filter(Boolean);
  const issues: unknown[] = [];
  const comments: StateComment[] = [];
  // Issues and pull requests share one numbering without gaps.
  for (let number = 1; exists(repo, number); number++) {
    const issue = repo.issue(number) as Record<string, unknown>;
    const pull = issue.pull_request ? ((await repo.pull(number)) as Record<string, unknown>) : null;
    issues.push({
      number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: repo.labels(number),
      assignees: (issue.assignees as Array<{ login: string }>).map((a) => a.login),
      ...(pull
        ? {
            head: (pull.head as { ref: string; sha: string }).ref,
            headSha: (pull.head as { sha: string }).sha,
            base: (pull.base as { ref: string }).ref,
            merged: pull.merged,
          }
        : {}),
    });
    for (const c of repo.comments(number)) {
      const user = (c.user as { login?: string } | undefined)?.login ?? "";
      comments.push({ id: c.id, issue: number, user, body: c.body });
    }
  }
  return {
    refs,
    releases: repo.releases(),
    issues,
    // The repository's label definitions: the local GitHub has no route to list them.
    labels: [...repo.record.labels.keys()].sort(),
    comments,
  };
}

function exists(repo: SandboxRepo, number: number): boolean {
  try {
    repo.issue(number);
    return true;
  } catch {
    return false;
  }
}
