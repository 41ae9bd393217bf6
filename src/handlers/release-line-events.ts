import type { Context } from "probot";
import { onPullRequestForChecks, onPushForConfigurationCheck } from "./checks.js";
import { onPullRequestForDashboard, onPushForDashboard } from "./dashboard.js";

/**
 * One handler per event for the checks and the dashboard, so a delivery they both act on makes
 * one log line and counts once in the metrics. Each part drops what is not its business on the
 * payload, before any API call; the configuration is read once for both (`loadConfig`).
 */
export async function onPullRequestForReleaseLine(
  context: Context<
    | "pull_request.opened"
    | "pull_request.synchronize"
    | "pull_request.reopened"
    | "pull_request.labeled"
    | "pull_request.unlabeled"
    | "pull_request.closed"
  >,
): Promise<void> {
  const action = context.payload.action;
  if (action !== "closed") {
    await onPullRequestForChecks(context as Parameters<typeof onPullRequestForChecks>[0]);
  }
  if (action === "opened" || action === "reopened" || action === "closed") {
    await onPullRequestForDashboard(context as Parameters<typeof onPullRequestForDashboard>[0]);
  }
}

export async function onPushForReleaseLine(context: Context<"push">): Promise<void> {
  await onPushForConfigurationCheck(context);
  await onPushForDashboard(context);
}
