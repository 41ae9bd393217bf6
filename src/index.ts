import type { ApplicationFunction, Probot } from "probot";
import { onPullRequestForChecks, onPushForConfigurationCheck } from "./handlers/checks.js";
import {
  onPullRequestClosedForPicks,
  onPullRequestLabeledForPicks,
  onPullRequestUnlabeledForPicks,
} from "./handlers/cherry-pick.js";
import { onIssueComment } from "./handlers/commands.js";
import {
  onPullRequestForDashboard,
  onPushForDashboard,
  onStatusCommentForDashboard,
  onTagCreatedForDashboard,
} from "./handlers/dashboard.js";
import { onBranchCreated } from "./handlers/release-branch.js";
import { onReleasePullRequestClosed } from "./handlers/tag-merged-release-pull-request.js";
import { onTagCreatedForWorkflow } from "./handlers/workflow-tag.js";
import { type HandlerWrapper, observeDeliveries } from "./observability/delivery-observer.js";

/**
 * release-bot: wiring of webhook events to handlers, nothing else. Each handler goes through
 * `observed`: by default one log line per delivery it acts on or answers (the server adds its
 * metrics registry; the benchmark compares with no wrapper at all).
 */
export function createReleaseBot(
  observed: HandlerWrapper = observeDeliveries(null),
): ApplicationFunction {
  return (app: Probot) => {
    app.on("create", observed(onBranchCreated));
    app.on("issue_comment.created", observed(onIssueComment));
    app.on("pull_request.closed", observed(onReleasePullRequestClosed));
    app.on("pull_request.closed", observed(onPullRequestClosedForPicks));
    app.on("pull_request.labeled", observed(onPullRequestLabeledForPicks));
    app.on("pull_request.unlabeled", observed(onPullRequestUnlabeledForPicks));
    app.on("create", observed(onTagCreatedForDashboard));
    app.on("create", observed(onTagCreatedForWorkflow));
    app.on(
      ["pull_request.opened", "pull_request.reopened", "pull_request.closed"],
      observed(onPullRequestForDashboard),
    );
    app.on(
      ["issue_comment.created", "issue_comment.edited"],
      observed(onStatusCommentForDashboard),
    );
    app.on(
      [
        "pull_request.opened",
        "pull_request.synchronize",
        "pull_request.reopened",
        "pull_request.labeled",
        "pull_request.unlabeled",
      ],
      observed(onPullRequestForChecks),
    );
    app.on("push", observed(onPushForConfigurationCheck));
    app.on("push", observed(onPushForDashboard));
  };
}

export default createReleaseBot();
