import type { Probot } from "probot";
import { onIssueComment } from "./handlers/commands.js";
import { onBranchCreated } from "./handlers/release-branch.js";
import { onReleasePullRequestClosed } from "./handlers/release-pull-request.js";

/** release-bot: wiring of webhook events to handlers, nothing else. */
export default function releaseBot(app: Probot): void {
  app.on("create", onBranchCreated);
  app.on("issue_comment.created", onIssueComment);
  app.on("pull_request.closed", onReleasePullRequestClosed);
}
