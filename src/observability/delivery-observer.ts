import type { Context } from "probot";
import { prerelease } from "semver";
import type { BotMetrics, DeliveryOutcome } from "./metrics.js";

/** What one handler did with one delivery, read from the GitHub requests it made. */
interface DeliveryRecord {
  calls: number;
  /** Writes other than the eyes reaction and comments: the delivery changed the repository. */
  changes: number;
  effects: string[];
  reply: string | null;
}

/** One delivery's handlers, as the app's wiring runs them. */
type DeliveryRun = (context: Context) => Promise<void>;

/** What the app's wiring applies to each delivery as a whole. */
export type DeliveryWrapper = (run: DeliveryRun) => DeliveryRun;

/**
 * Wraps a handler so that each delivery it acts on, or answers, gets one info line (delivery,
 * event, repository, person, what was done or the reply saying why not, GitHub calls, duration)
 * and its metrics. The effects are read from the requests the handler's own Octokit made, so
 * handlers and flows stay unaware of logging; an ignored delivery (no GitHub call) stays at debug.
 */
export function observeDeliveries(metrics: BotMetrics | null): DeliveryWrapper {
  return (handler) => async (context) => {
    const started = performance.now();
    const record: DeliveryRecord = { calls: 0, changes: 0, effects: [], reply: null };
    watchRequests(context, record, metrics);
    const event =
      "action" in context.payload && context.payload.action
        ? `${context.name}.${String(context.payload.action)}`
        : context.name;
    let outcome: DeliveryOutcome = "ignored";
    let failure: unknown = null;
    try {
      await handler(context);
      outcome = record.changes > 0 ? "acted" : record.reply !== null ? "replied" : "ignored";
    } catch (error) {
      outcome = "failed";
      failure = error;
    }
    const seconds = (performance.now() - started) / 1000;
    metrics?.deliveries.inc({ event: context.name, outcome });
    // Most deliveries are events the bot has no business with: below the log level their line
    // is not even built, so observing them costs a counter and a clock read.
    if (outcome === "ignored") {
      if (context.log.isLevelEnabled("debug")) {
        context.log.debug(
          deliveryLine(context, event, outcome, record, seconds),
          `delivery ${event} ignored`,
        );
      }
      return;
    }
    metrics?.handlerSeconds.observe({ event: context.name }, seconds);
    const line = deliveryLine(context, event, outcome, record, seconds);
    if (outcome === "failed") {
      context.log.error({ ...line, err: failure }, `delivery ${event} failed`);
      throw failure;
    }
    context.log.info(line, `delivery ${event} ${outcome}`);
  };
}

/** The one log line of a delivery: who, what, and what it did or answered. */
function deliveryLine(
  context: Context,
  event: string,
  outcome: DeliveryOutcome,
  record: DeliveryRecord,
  seconds: number,
) {
  const payload = context.payload as {
    repository?: { full_name?: string };
    sender?: { login?: string };
  };
  return {
    delivery: context.id,
    event,
    repository: payload.repository?.full_name,
    person: payload.sender?.login,
    outcome,
    effects: record.effects,
    reply: record.reply,
    githubCalls: record.calls,
    durationMs: Math.round(seconds * 1000),
  };
}

/** Counts this delivery's requests and names its writes, and feeds the API metrics. */
function watchRequests(context: Context, record: DeliveryRecord, metrics: BotMetrics | null): void {
  context.octokit.hook.wrap("request", async (request, options) => {
    record.calls++;
    const method = options.method.toUpperCase();
    const route = String(options.url);
    let status = 0;
    try {
      const response = await request(options);
      status = response.status;
      const remaining = response.headers["x-ratelimit-remaining"];
      if (remaining !== undefined) {
        const resource = String(response.headers["x-ratelimit-resource"] ?? "core");
        metrics?.rateLimitRemaining.set({ resource }, Number(remaining));
      }
      if (method !== "GET") describeWrite(record, metrics, method, route, options, response.data);
      return response;
    } catch (error) {
      status = (error as { status?: number }).status ?? 0;
      throw error;
    } finally {
      metrics?.githubRequests.inc({ method, route, status: String(status) });
    }
  });
}

/** Objects a flow writes on its way to a ref (trees, commits, tag objects, merges): not named. */
const INTERMEDIATE = /\/git\/(trees|commits|tags|blobs)$|\/merges$/;

function describeWrite(
  record: DeliveryRecord,
  metrics: BotMetrics | null,
  method: string,
  route: string,
  options: Record<string, unknown>,
  data: unknown,
): void {
  const body = data as { number?: number; tag_name?: string; name?: string } | undefined;
  // Installation tokens and reactions (the eyes) change nothing in the repository.
  if (!route.startsWith("/repos/") || route.endsWith("/reactions")) return;
  if (route.includes("/comments")) {
    record.reply = firstSentence(String(options.body ?? ""));
    return;
  }
  record.changes++;
  if (INTERMEDIATE.test(route)) return;
  const path = route.replace(/^\/repos\/\{owner\}\/\{repo\}/, "");
  if (path === "/git/refs" && method === "POST") {
    const ref = String(options.ref ?? "");
    record.effects.push(`created ${ref.replace(/^refs\//, "")}`);
    if (ref.startsWith("refs/tags/")) {
      const tag = ref.slice("refs/tags/".length);
      metrics?.tags.inc({ kind: prerelease(tag.replace(/^[^\d]*/, "")) ? "candidate" : "final" });
    }
  } else if (path === "/git/refs/{ref}") {
    record.effects.push(
      `${method === "DELETE" ? "deleted" : "moved"} ${String(options.ref ?? "")}`,
    );
  } else if (path === "/pulls" && method === "POST") {
    record.effects.push(`opened pull request #${body?.number}`);
  } else if (path === "/releases" && method === "POST") {
    record.effects.push(`published release ${body?.tag_name}`);
  } else if (path === "/issues" && method === "POST") {
    record.effects.push(`opened issue #${body?.number}`);
  } else if (path === "/issues/{issue_number}" && method === "PATCH") {
    record.effects.push(`edited issue #${String(options.issue_number)}`);
  } else if (path === "/check-runs" && method === "POST") {
    record.effects.push(`check run ${String(options.name)}`);
  } else {
    const number = options.issue_number ?? options.pull_number;
    record.effects.push(`${method} ${path}${number === undefined ? "" : ` #${String(number)}`}`);
  }
}

/** The comment's first line as plain text (links by their words), the log's one-line answer. */
function firstSentence(text: string): string {
  const line = text.split("\n").find((l) => l.trim() && !l.startsWith("<!--")) ?? "";
  return line
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_]/g, "")
    .trim()
    .slice(0, 240);
}
