import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

/**
 * The check run that records, on a bump commit, that its tag is the release workflow's to make
 * and where the command that asked for it was written (`external_id`: the issue number). It is
 * what the tag's arrival is matched against, and shows on the commit while the tag is awaited.
 */
export const AWAITED_TAG_CHECK = "release workflow tag";

export interface AwaitedTag {
  checkRunId: number;
  /** The issue or pull request holding the command's reply; null when an event started the bump. */
  issueNumber: number | null;
  /** The tag name the run waits for. */
  tag: string;
  startedAt: string;
  /** Still waiting: neither the tag's arrival nor the timeout closed the record. */
  waiting: boolean;
}

export async function recordAwaitedTag(
  github: GitHub,
  repo: RepoId,
  options: { commitSha: string; tag: string; issueNumber: number | undefined },
): Promise<void> {
  // A record GitHub created without answering is the waiting one found on the commit.
  await writeOnce(
    github,
    async (noRetry) => {
      await github.rest.checks.create({
        ...repo,
        name: AWAITED_TAG_CHECK,
        head_sha: options.commitSha,
        status: "in_progress",
        external_id: `${options.tag} ${options.issueNumber ?? ""}`.trim(),
        output: {
          title: `Waiting for the release workflow to tag ${options.tag}`,
          summary: `release-bot set the version to this commit; the repository's release workflow tags \`${options.tag}\` here and publishes the release.`,
        },
        ...noRetry,
      });
      return true;
    },
    async () => {
      const found = await readAwaitedTag(github, repo, options.commitSha);
      return found?.waiting && found.tag === options.tag ? true : null;
    },
  );
}

/** The newest awaited tag recorded on a commit, or null. */
export async function readAwaitedTag(
  github: GitHub,
  repo: RepoId,
  commitSha: string,
): Promise<AwaitedTag | null> {
  const { data } = await github.rest.checks.listForRef({
    ...repo,
    ref: commitSha,
    check_name: AWAITED_TAG_CHECK,
  });
  const run = data.check_runs[0];
  if (!run?.external_id) return null;
  const [tag = "", issue] = run.external_id.split(" ");
  return {
    checkRunId: run.id,
    issueNumber: issue ? Number(issue) : null,
    tag,
    startedAt: run.started_at ?? "",
    waiting: run.status !== "completed",
  };
}

/** Closes the record: the tag arrived (success) or is reported missing (failure). */
export async function completeAwaitedTag(
  github: GitHub,
  repo: RepoId,
  checkRunId: number,
  result: { conclusion: "success" | "failure"; title: string; summary: string },
): Promise<void> {
  await github.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion: result.conclusion,
    output: { title: result.title, summary: result.summary },
  });
}
