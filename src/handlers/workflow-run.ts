import type { Context } from "probot";
import { isPublishAfterWorkflow } from "../core/release/publishing.js";
import { publishAfterRun } from "../flows/release/publish.js";
import { reportProblem } from "../github/problem-issue.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/**
 * A workflow run completed: with `release.publish: draft` and `release.publishAfter`, a
 * successful run of that workflow publishes the draft releases of the tags on its commit (the
 * workflow attached their assets). Failed runs cost no API call; every successful run costs the
 * configuration read, since only the configuration names the workflow.
 */
export async function onWorkflowRunCompleted(
  context: Context<"workflow_run.completed">,
  delivery: Delivery,
): Promise<void> {
  const run = context.payload.workflow_run;
  if (run.conclusion !== "success") return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const { publish, publishAfter } = loaded.config.release;
  if (publish !== "draft" || publishAfter === null) return;
  if (!isPublishAfterWorkflow(publishAfter, run.path)) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const result = await publishAfterRun(ctx, {
    headSha: run.head_sha,
    headBranch: run.head_branch ?? "",
    url: run.html_url,
  });
  context.log.info({ run: run.id, status: result.status }, result.message);
  if (result.status === "failed") {
    await reportProblem(
      context.octokit,
      context.repo(),
      `release-bot: could not publish the release after ${publishAfter}`,
      `${result.message}\n\nThe run: ${run.html_url}`,
    );
  }
}
