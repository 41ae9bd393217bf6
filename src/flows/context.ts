import type { Logger } from "probot";
import type { Config } from "../config.js";
import type { GitHub, RepoId } from "../github/types.js";

/** What every flow needs: where it acts, with which rights, under which configuration. */
export interface FlowContext {
  github: GitHub;
  repo: RepoId;
  /** The repository's web address (`repository.html_url`), for links in replies. */
  repoUrl: string;
  /** The repository's GraphQL node id (`repository.node_id`), when known. */
  repoNodeId?: string;
  config: Config;
  log: Logger;
  /**
   * When the request was made on GitHub (a command comment's `created_at`): a tag the bot made
   * since is this request's own work, found again by a redelivery. Unknown for events.
   */
  requestedAt?: Date;
  /** The issue or pull request a command was written on; unknown for events. */
  issueNumber?: number;
}

/**
 * The result of a flow as the user reads it. `message` is Markdown, one or two sentences
 * with links: what was done, or why not and what to do instead.
 */
export interface Outcome {
  status: "done" | "unchanged" | "pending" | "refused" | "failed" | "planned";
  message: string;
}

export const outcome = (status: Outcome["status"], message: string): Outcome => ({
  status,
  message,
});
