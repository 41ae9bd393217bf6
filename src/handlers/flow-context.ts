import type { Context } from "probot";
import type { Config } from "../config.js";
import type { FlowContext } from "../flows/context.js";
import type { Delivery } from "./delivery.js";

/** The flow context of a webhook: its installation's Octokit, repository, logger and scope. */
export function flowContext(
  context: Context<
    "issue_comment" | "create" | "pull_request" | "push" | "workflow_run" | "release"
  >,
  config: Config,
  delivery: Delivery,
): FlowContext {
  const comment = "comment" in context.payload ? context.payload.comment : undefined;
  const issue = "issue" in context.payload ? context.payload.issue : undefined;
  return {
    github: context.octokit,
    repo: context.repo(),
    repoUrl: context.payload.repository.html_url,
    repoNodeId: context.payload.repository.node_id,
    config,
    log: context.log,
    delivery: delivery.scope,
    ...(comment?.created_at ? { requestedAt: new Date(comment.created_at) } : {}),
    ...(issue?.number ? { issueNumber: issue.number } : {}),
  };
}
