import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** What a delivery came to, for the deliveries counter and the log line. */
export type DeliveryOutcome = "acted" | "replied" | "ignored" | "failed";

/**
 * The bot's Prometheus metrics, in a registry of its own (one per server, so that several bots
 * in one process, as in the tests, do not share counters). docs/operations.md lists them with
 * example alerts.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly deliveries = new Counter({
    name: "release_bot_webhook_deliveries_total",
    help: "Webhook deliveries handled, by event and outcome (acted, replied, ignored, failed).",
    labelNames: ["event", "outcome"] as const,
    registers: [this.registry],
  });
  readonly handlerSeconds = new Histogram({
    name: "release_bot_delivery_duration_seconds",
    help: "Time from a delivery's arrival to the end of its handling, for deliveries not ignored.",
    labelNames: ["event"] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly githubRequests = new Counter({
    name: "release_bot_github_requests_total",
    help: "GitHub API requests, by method, route template and status (0: no answer).",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly rateLimitRemaining = new Gauge({
    name: "release_bot_github_rate_limit_remaining",
    help: "x-ratelimit-remaining of the latest GitHub answer, by rate-limit resource.",
    labelNames: ["resource"] as const,
    registers: [this.registry],
  });
  readonly tags = new Counter({
    name: "release_bot_tags_total",
    help: "Release tags the bot created, by kind (candidate, final).",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  readonly picks = new Counter({
    name: "release_bot_picks_total",
    help: "Cherry-pick targets settled, by result (opened, conflict, already_there).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  constructor() {
    this.registry.setDefaultLabels({ app: "release-bot" });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
