import type { ApplicationFunction, Context, Probot } from "probot";
import { type Clock, systemClock } from "./clock.js";
import type { PickSettlement } from "./flows/context.js";
import type { SignerCache } from "./github/signoff.js";
import { onPullRequestForChecks, onPushForConfigurationCheck } from "./handlers/checks.js";
import {
  onPullRequestClosedForPicks,
  onPullRequestLabeledForPicks,
  onPullRequestReopenedForPicks,
  onPullRequestUnlabeledForPicks,
} from "./handlers/cherry-pick.js";
import { onPullRequestForPreview, onPushForPreview } from "./handlers/cherry-pick-preview.js";
import { onIssueComment } from "./handlers/commands.js";
import {
  onPullRequestForDashboard,
  onPushForDashboard,
  onReleaseForDashboard,
  onStatusCommentForDashboard,
  onTagCreatedForDashboard,
} from "./handlers/dashboard.js";
import { type Delivery, openDelivery } from "./handlers/delivery.js";
import type { ConfigSource } from "./handlers/load-config.js";
import { onPushForOwners } from "./handlers/owners-changed.js";
import { onBranchCreated } from "./handlers/release-branch.js";
import { onReleasePullRequestClosed } from "./handlers/tag-merged-release-pull-request.js";
import { onWorkflowRunCompleted } from "./handlers/workflow-run.js";
import { onTagCreatedForWorkflow } from "./handlers/workflow-tag.js";
import { type DeliveryWrapper, observeDeliveries } from "./observability/delivery-observer.js";
import type { BotMetrics } from "./observability/metrics.js";

type EventName = Parameters<Probot["on"]>[0] & string;
// biome-ignore lint/suspicious/noExplicitAny: each handler takes the context of its own events
type AnyHandler = (context: any, delivery: Delivery) => Promise<void>;

/** Wraps each handler inside a delivery (the dashboard benchmark counts what each one costs). */
export type HandlerWrapper = (handler: AnyHandler) => AnyHandler;

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
    ],
    onPullRequestForChecks,
  ],
  [
    [
      "pull_request.opened",
      "pull_request.synchronize",
      "pull_request.reopened",
      "pull_request.labeled",
      "pull_request.unlabeled",
    ],
    onPullRequestForPreview,
  ],
  [
    ["pull_request.opened", "pull_request.reopened", "pull_request.closed"],
    onPullRequestForDashboard,
  ],
  [["push"], onPushForConfigurationCheck],
  [["push"], onPushForDashboard],
  [["release.created", "release.published", "release.deleted"], onReleaseForDashboard],
  [["workflow_run.completed"], onWorkflowRunCompleted],
  [["push"], onPushForPreview],
  [["push"], onPushForOwners],
];

export interface ReleaseBotOptions {
  /** The server's metrics registry: deliveries, API calls and what flows settled. */
  metrics?: BotMetrics | null;
  /**
   * Applied to each delivery as a whole (default: one log line when it acts or answers, and the
   * metrics); `false` runs the handlers bare (the intake benchmark's baseline).
   */
  observe?: DeliveryWrapper | false;
  /** Where the configuration is read from: the Action's inputs; `.github/release-bot.yml` else. */
  configSource?: ConfigSource;
  /** Applied to each handler inside a delivery. */
  eachHandler?: HandlerWrapper;
  /** The bot's time (real time by default; tests give the local GitHub's steppable clock). */
  clock?: Clock;
}

/**
 * release-bot: wiring of webhook events to handlers, nothing else. Each delivery opens one scope
 * (its configuration read, the metrics sink, the app's cache of commit identities) that every
 * handler of the event shares; they run side by side, one failing never stops the others, and
 * the delivery is observed as one (one log line, one count).
 */
export function createReleaseBot(options: ReleaseBotOptions = {}): ApplicationFunction {
  const metrics = options.metrics ?? null;
  const observe = options.observe ?? observeDeliveries(metrics);
  const eachHandler = options.eachHandler ?? ((handler) => handler);
  const clock = options.clock ?? systemClock;
  return (app: Probot) => {
    // The identity GitHub gives the App's commits is the same for every delivery of this app.
    const signers: SignerCache = new Map();
    const pickSettled = metrics
      ? (result: PickSettlement) => metrics.picks.inc({ result })
      : () => {};
    const byEvent = new Map<EventName, AnyHandler[]>();
    for (const [events, handler] of WIRING) {
      const wrapped = eachHandler(handler);
      for (const event of events) byEvent.set(event, [...(byEvent.get(event) ?? []), wrapped]);
    }
    for (const [event, handlers] of byEvent) {
      const run = async (context: Context) => {
        const delivery = openDelivery(
          context,
          { pickSettled, signers, clock, owners: new Map() },
          options.configSource,
        );
        await allOf(handlers, context, delivery);
      };
      app.on(event, observe === false ? run : observe(run));
    }
  };
}

/** Runs every handler; one failing does not stop the others, and the delivery fails. */
async function allOf(handlers: AnyHandler[], context: Context, delivery: Delivery): Promise<void> {
  const results = await Promise.allSettled(handlers.map((handler) => handler(context, delivery)));
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, "several handlers failed");
}

export default createReleaseBot();
