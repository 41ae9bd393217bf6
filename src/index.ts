import type { ApplicationFunction, Probot } from "probot";
import {
  onPullRequestClosedForPicks,
  onPullRequestLabeledForPicks,
  onPullRequestUnlabeledForPicks,
} from "./handlers/cherry-pick.js";
import { onIssueComment } from "./handlers/commands.js";
import { onBranchCreated } from "./handlers/release-branch.js";
import { onReleasePullRequestClosed } from "./handlers/tag-merged-release-pull-request.js";
import { observeDeliveries } from "./observability/delivery-observer.js";
import type { BotMetrics } from "./observability/metrics.js";

/**
 * release-bot: wiring of webhook events to handlers, nothing else. Each handler is observed:
 * one log line per delivery it acts on or answers, and the metrics when a registry is given.
 */
export function createReleaseBot(metrics: BotMetrics | null = null): ApplicationFunction {
  const observed = observeDeliveries(metrics);
  return (app: Probot) => {
    app.on("create", observed(onBranchCreated));
    app.on("issue_comment.created", observed(onIssueComment));
    app.on("pull_request.closed", observed(onReleasePullRequestClosed));
    app.on("pull_request.closed", observed(onPullRequestClosedForPicks));
    app.on("pull_request.labeled", observed(onPullRequestLabeledForPicks));
    app.on("pull_request.unlabeled", observed(onPullRequestUnlabeledForPicks));
  };
}

export default createReleaseBot();
