import type { ApplicationFunction, Context, Probot } from "probot";
import {
  onPullRequestClosedForPicks,
  onPullRequestLabeledForPicks,
  onPullRequestReopenedForPicks,
  onPullRequestUnlabeledForPicks,
} from "./handlers/cherry-pick.js";
import { onIssueComment } from "./handlers/commands.js";
import { onStatusCommentForDashboard, onTagCreatedForDashboard } from "./handlers/dashboard.js";
import { onBranchCreated } from "./handlers/release-branch.js";
import {
  onPullRequestForReleaseLine,
  onPushForReleaseLine,
} from "./handlers/release-line-events.js";
import { onReleasePullRequestClosed } from "./handlers/tag-merged-release-pull-request.js";
import { onTagCreatedForWorkflow } from "./handlers/workflow-tag.js";
import { type HandlerWrapper, observeDeliveries } from "./observability/delivery-observer.js";

type EventName = Parameters<Probot["on"]>[0] & string;
// biome-ignore lint/suspicious/noExplicitAny: each handler takes the context of its own events
type AnyHandler = (context: any) => Promise<void>;

/** Which handlers each webhook event runs. */
const WIRING: Array<[EventName[], AnyHandler]> = [
  [["create"], onBranchCreated],
  [["create"], onTagCreatedForDashboard],
  [["create"], onTagCreatedForWorkflow],
  [["issue_comment.created"], onIssueComment],
  [["issue_comment.created", "issue_comment.edited"], onStatusCommentForDashboard],
  [["pull_request.closed"], onReleasePullRequestClosed],
  [["pull_request.closed"], onPullRequestClosedForPicks],
  [["pull_request.labeled"], onPullRequestLabeledForPicks],
  [["pull_request.unlabeled"], onPullRequestUnlabeledForPicks],
  [["pull_request.reopened"], onPullRequestReopenedForPicks],
  [
    [
      "pull_request.opened",
      "pull_request.synchronize",
      "pull_request.reopened",
      "pull_request.labeled",
      "pull_request.unlabeled",
      "pull_request.closed",
    ],
    onPullRequestForReleaseLine,
  ],
  [["push"], onPushForReleaseLine],
];

/**
 * release-bot: wiring of webhook events to handlers, nothing else. An event's handlers run
 * side by side on one context (one Octokit, one configuration read), observed as one delivery:
 * by default one log line when it acts or answers (the server adds its metrics registry; the
 * benchmark compares with no wrapper at all).
 */
export function createReleaseBot(
  observed: HandlerWrapper = observeDeliveries(null),
  /** Applied to each handler inside a delivery (the dashboard benchmark counts per handler). */
  eachHandler: HandlerWrapper = (handler) => handler,
): ApplicationFunction {
  return (app: Probot) => {
    const byEvent = new Map<EventName, AnyHandler[]>();
    for (const [events, handler] of WIRING) {
      const wrapped = eachHandler(handler) as AnyHandler;
      for (const event of events) byEvent.set(event, [...(byEvent.get(event) ?? []), wrapped]);
    }
    for (const [event, handlers] of byEvent) app.on(event, observed(allOf(handlers)));
  };
}

/** Runs every handler; one failing does not stop the others, and the delivery fails. */
function allOf(handlers: AnyHandler[]): (context: Context) => Promise<void> {
  return async (context) => {
    const results = await Promise.allSettled(handlers.map((handler) => handler(context)));
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, "several handlers failed");
  };
}

export default createReleaseBot();
