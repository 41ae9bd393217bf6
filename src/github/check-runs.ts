import { randomUUID } from "node:crypto";
import type { CheckAnnotation, CheckResult } from "../core/checks/result.js";
import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

/** GitHub takes at most 50 annotations per request; the rest follow in updates of the run. */
const ANNOTATIONS_PER_REQUEST = 50;

/**
 * Reports a finished check on a commit: one request, plus one per further 50 annotations. A
 * redelivery reports it again; GitHub shows the newest run of each name on the pull request.
 * Each report carries an `external_id` of its own, so a run GitHub created without answering is
 * found, not created twice.
 */
export async function reportCheck(
  github: GitHub,
  repo: RepoId,
  options: { name: string; headSha: string; result: CheckResult },
): Promise<{ id: number; url: string }> {
  const { result } = options;
  const output = (annotations: readonly CheckAnnotation[]) => ({
    title: result.title,
    summary: result.summary,
    annotations: annotations.map((a) => ({
      path: a.path,
      start_line: a.line,
      end_line: a.endLine ?? a.line,
      annotation_level: a.level,
      title: a.title,
      message: a.message,
    })),
  });
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < result.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(result.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const [first = [], ...rest] = batches;
  const attempt = randomUUID();
  const data = await writeOnce(
    github,
    async (noRetry) => {
      const { data: created } = await github.rest.checks.create({
        ...repo,
        name: options.name,
        head_sha: options.headSha,
        status: "completed",
        conclusion: result.conclusion,
        external_id: attempt,
        output: output(first),
        ...noRetry,
      });
      return { id: created.id, html_url: created.html_url };
    },
    async () => {
      const { data: runs } = await github.rest.checks.listForRef({
        ...repo,
        ref: options.headSha,
        check_name: options.name,
        filter: "all",
        per_page: 100,
      });
      const found = runs.check_runs.find((run) => run.external_id === attempt);
      return found ? { id: found.id, html_url: found.html_url } : null;
    },
  );
  for (const batch of rest) {
    await github.rest.checks.update({ ...repo, check_run_id: data.id, output: output(batch) });
  }
  return { id: data.id, url: data.html_url ?? "" };
}
