import type { Probot } from "probot";
import {
  onPullRequestClosedForPicks,
  onPullRequestLabeledForPicks,
  onPullRequestUnlabeledForPicks,
} from "./handlers/cherry-pick.js";
import { onIssueComment } from "./handlers/commands.js";
import { onBranchCreated } from "./handlers/release-branch.js";
import { onReleasePullRequestClosed } from "./handlers/tag-merged-release-pull-request.js";

/** release-bot: wiring of webhook events to handlers, nothing else. */
export default function releaseBot(app: Probot): void {
  app.on("create", onBranchCreated);
  app.on("issue_comment.created", onIssueComment);
  app.on("pull_request.closed", onReleasePullRequestClosed);
  app.on("pull_request.closed", onPullRequestClosedForPicks);
  app.on("pull_request.labeled", onPullRequestLabeledForPicks);
  app.on("pull_request.unlabeled", onPullRequestUnlabeledForPicks);
}
