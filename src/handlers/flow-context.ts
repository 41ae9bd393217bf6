import type { Context } from "probot";
import type { Config } from "../config.js";
import type { FlowContext } from "../flows/context.js";

/** The flow context of a webhook: its installation's Octokit, repository and logger. */
export function flowContext(
  context: Context<"issue_comment" | "create" | "pull_request" | "push">,
  config: Config,
): FlowContext {
  return {
    github: context.octokit,
    repo: context.repo(),
    repoUrl: context.payload.repository.html_url,
    config,
    log: context.log,
  };
}
