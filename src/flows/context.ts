import type { Logger } from "probot";
import { type Clock, systemClock } from "../clock.js";
import type { Config } from "../config.js";
import type { OwnersRead } from "../core/owners/approvers.js";
import type { SignerCache } from "../github/signoff.js";
import type { GitHub, RepoId } from "../github/types.js";

/** How a pick target was settled, as the server's metrics count it. */
export type PickSettlement = "opened" | "conflict" | "already_there";

/**
 * What the flows of one delivery (or one reconcile pass) share beyond their arguments: where
 * they report what they settled, and what they learnt that later writes reuse. Made by whoever
 * starts the flows (the app for each delivery, the reconcile pass), never held in module state.
 */
export interface DeliveryScope {
  /** Counts a settled pick target (the server's metrics; nothing in tests and the Action). */
  pickSettled(result: PickSettlement): void;
  /** The identity GitHub records for the bot's commits, per repository (`commits.signoff`). */
  signers: SignerCache;
  /** The time: leases, staleness and timeouts are read, and waits made, on it. */
  clock: Clock;
  /** The OWNERS files read in this delivery, by repository and path (`flows/owners`). */
  owners: Map<string, Promise<OwnersRead>>;
}

/** A scope that counts nothing and learns afresh: for one-off runs (reconcile, tests). */
export function standaloneScope(clock: Clock = systemClock): DeliveryScope {
  return { pickSettled: () => {}, signers: new Map(), owners: new Map(), clock };
}

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
  delivery: DeliveryScope;
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
