/**
 * Webhook intake: how many deliveries of events release-bot ignores its real server (src/server.ts:
 * HTTP, signature check, Probot) accepts per second, that they cost no API call, how long the
 * handlers take per event, and whether memory stays flat over many deliveries.
 *
 * The bot is pointed at a sandbox it is not subscribed to, so any API call it made would show in
 * `sandbox.requests`; the deliveries are real payloads the sandbox produced for real actions.
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { type DeliveryRequest, signWebhookBody, startSandbox } from "@release-bot/local-github";
import { DEFAULT_BRANCH, INITIAL_FILES } from "@release-bot/local-github/testing";
import { startWorld } from "../test/world/index.js";
import { appPrivateKey } from "./support/env.js";
import { mean, percentile } from "./support/stats.js";

export interface IntakeOptions {
  /** Total deliveries over HTTP (the RSS is read after `warmup` and after all of them). */
  deliveries: number;
  /** Deliveries before the first memory reading (default 100); another reading at 1,000. */
  warmup?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** In-process handler calls per event kind for the handler time (default 2,000). */
  handlerIterations?: number;
  /** The bot's per-delivery log lines and metrics (default true); false is the baseline. */
  observe?: boolean;
}

export interface EventKind {
  /** What the event is, for the tables: `push`, `issue_comment.created (no command)`. */
  label: string;
  name: string;
  body: string;
  payload: Record<string, unknown>;
}

export interface KindResult {
  label: string;
  bytes: number;
  /** API requests the bot makes per delivery of this event (steady state, token cached). */
  apiCalls: number;
  /** Probot's dispatch and every release-bot handler of the event, in process (no HTTP). */
  meanMs: number;
  p99Ms: number;
}

export interface MemoryReading {
  /** Deliveries received so far. */
  after: number;
  rss: number;
  heap: number;
}

export interface IntakeResult {
  /** Every event kind tried, with its API calls and handler time. */
  kinds: KindResult[];
  /** The kinds that make no API call: those the HTTP run delivers. */
  delivered: string[];
  deliveries: number;
  concurrency: number;
  /** Deliveries answered per second over HTTP, after the warm-up. */
  perSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Answers that were not 200. */
  failures: number;
  /** API requests the bot made during the HTTP run. */
  apiCalls: number;
  /** Memory after a forced GC, idle (after 0 deliveries) and at each checkpoint. */
  memory: MemoryReading[];
  gcAvailable: boolean;
}

/** Real payloads of events release-bot has no business with, made by acting in a sandbox. */
async function ignoredEvents(): Promise<{ kinds: EventKind[]; close(): Promise<void> }> {
  const sandbox = await startSandbox({ webhookSecret: "intake-secret" });
  const seen: DeliveryRequest[] = [];
  sandbox.subscribe(async (delivery) => {
    seen.push(delivery);
  });
  const repo = await sandbox.createRepo("kubeflow/demo-operator", {
    defaultBranch: DEFAULT_BRANCH,
    files: INITIAL_FILES,
  });
  sandbox.setPermission(repo, "maintainer", "maintain");
  await repo.commit({
    branch: "feature/queues",
    from: DEFAULT_BRANCH,
    files: { "internal/controller/queue.go": "package controller\n\nconst Queue = 1\n" },
    message: "Support queues\n\nSigned-off-by: Ana <ana@example.com>",
    author: "ana",
  });
  const pr = await repo.openPullRequest({
    head: "feature/queues",
    title: "Support queues",
    body: "Adds queue support.",
    user: "ana",
  });
  await repo.addLabels(pr.number, ["kind/feature", "lgtm"], { as: "maintainer" });
  await repo.comment(pr.number, "Thanks! This looks good to me.", { as: "maintainer" });
  await repo.comment(pr.number, "/lgtm\n/approve", { as: "maintainer" });
  await repo.createTag("v1.4.1", DEFAULT_BRANCH, { as: "maintainer" });
  await repo.closePullRequest(pr.number, { as: "maintainer" });
  await sandbox.idle();

  const pick = (label: string, test: (d: DeliveryRequest) => boolean): EventKind => {
    const found = seen.find(test);
    if (!found) throw new Error(`the sandbox sent no ${label} webhook`);
    return { label, name: found.name, body: found.body, payload: found.payload };
  };
  const action = (d: DeliveryRequest) => d.payload.action;
  const labeled = (d: DeliveryRequest) =>
    d.name === "pull_request" && action(d) === "labeled"
      ? (d.payload.label as { name?: string } | undefined)?.name
      : undefined;
  const kinds = [
    pick("push (feature branch)", (d) => d.name === "push"),
    pick("create (feature branch)", (d) => d.name === "create" && d.payload.ref_type === "branch"),
    pick("create (tag)", (d) => d.name === "create" && d.payload.ref_type === "tag"),
    pick("pull_request.opened", (d) => d.name === "pull_request" && action(d) === "opened"),
    pick("pull_request.labeled (kind/feature)", (d) => labeled(d) === "kind/feature"),
    pick("pull_request.labeled (lgtm)", (d) => labeled(d) === "lgtm"),
    pick(
      "pull_request.closed (not merged, no pick label)",
      (d) => d.name === "pull_request" && action(d) === "closed",
    ),
    pick(
      "issue_comment.created (no command)",
      (d) =>
        d.name === "issue_comment" &&
        !String((d.payload.comment as { body?: string }).body).includes("/"),
    ),
    pick(
      "issue_comment.created (/lgtm, Prow's)",
      (d) =>
        d.name === "issue_comment" &&
        String((d.payload.comment as { body?: string }).body).includes("/lgtm"),
    ),
  ];
  return { kinds, close: () => sandbox.close() };
}

function readMemory(after: number): MemoryReading {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { after, rss: usage.rss, heap: usage.heapUsed };
}

export async function runIntakeBenchmark(options: IntakeOptions): Promise<IntakeResult> {
  const warmup = Math.min(options.warmup ?? 100, options.deliveries);
  const concurrency = options.concurrency ?? 8;
  const handlerIterations = options.handlerIterations ?? 2000;
  const events = await ignoredEvents();
  const secret = "intake-secret";
  // The bot's API is a local GitHub of its own that no one else calls: every request in its log
  // is one the bot made. The benchmark sends the webhooks; the local GitHub sends none.
  const world = await startWorld({
    seed: false,
    logLevel: "warn",
    observe: options.observe ?? true,
    sandbox: { webhookSecret: secret, appPrivateKey: appPrivateKey() },
  });
  for (const subscription of world.subscriptions) subscription.unsubscribe();
  const { sandbox: api, bot } = world;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(bot.webhookUrl);
  const signatures = new Map<string, string>();
  for (const kind of events.kinds) signatures.set(kind.label, signWebhookBody(secret, kind.body));

  const asEvent = (kind: EventKind) =>
    ({ id: "bench", name: kind.name, payload: kind.payload }) as Parameters<
      typeof bot.probot.receive
    >[0];
  const callsOf = async (kind: EventKind) => {
    const before = api.requests.length;
    await bot.probot.receive(asEvent(kind));
    return api.requests.length - before;
  };
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  let delivered: EventKind[] = [];
  const deliverOne = (kind: EventKind) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(kind.body),
            "user-agent": "GitHub-Hookshot/bench",
            "x-github-event": kind.name,
            "x-github-delivery": randomUUID(),
            "x-github-hook-id": "1",
            "x-hub-signature-256": signatures.get(kind.label) ?? "",
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) failures++;
            resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(kind.body);
    });
  const deliverUpTo = async (count: number) => {
    const workers = Array.from({ length: concurrency }, async () => {
      while (sent < count) {
        const kind = delivered[sent % delivered.length] as EventKind;
        sent++;
        await deliverOne(kind);
      }
    });
    await Promise.all(workers);
  };

  try {
    // Which events really cost nothing: each is received twice (the first may fetch a token).
    const calls = new Map<string, number>();
    for (const kind of events.kinds) {
      await callsOf(kind);
      calls.set(kind.label, await callsOf(kind));
    }
    delivered = events.kinds.filter((kind) => calls.get(kind.label) === 0);
    if (delivered.length === 0) throw new Error("every event kind made API calls");

    const memory = [readMemory(0)];
    const apiBefore = api.requests.length;
    await deliverUpTo(warmup);
    memory.push(readMemory(warmup));
    latencies.length = 0;
    // Throughput after the warm-up; the GC of a memory reading is not timed.
    let elapsed = 0;
    const checkpoints = [1000, options.deliveries].filter(
      (n, i, all) => n > warmup && n <= options.deliveries && all.indexOf(n) === i,
    );
    for (const checkpoint of checkpoints) {
      const started = performance.now();
      await deliverUpTo(checkpoint);
      elapsed += performance.now() - started;
      memory.push(readMemory(checkpoint));
    }
    const apiCalls = api.requests.length - apiBefore;
    const perSecond = ((options.deliveries - warmup) / elapsed) * 1000;

    const kinds: KindResult[] = [];
    for (const kind of events.kinds) {
      const event = asEvent(kind);
      // Events that call the API are timed a few times only: their time is the API's.
      const iterations = calls.get(kind.label) === 0 ? handlerIterations : 20;
      for (let i = 0; i < Math.min(50, iterations); i++) await bot.probot.receive(event);
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        await bot.probot.receive(event);
        times.push(performance.now() - t);
      }
      kinds.push({
        label: kind.label,
        bytes: Buffer.byteLength(kind.body),
        apiCalls: calls.get(kind.label) ?? 0,
        meanMs: mean(times),
        p99Ms: percentile(times, 99),
      });
    }
    return {
      kinds,
      delivered: delivered.map((kind) => kind.label),
      deliveries: options.deliveries,
      concurrency,
      perSecond,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      failures,
      apiCalls,
      memory,
      gcAvailable: typeof (globalThis as { gc?: unknown }).gc === "function",
    };
  } finally {
    agent.destroy();
    await world.close();
    await events.close();
  }
}

export interface ObservationCost {
  /** Deliveries per second with the per-delivery log lines and metrics, one per pair. */
  observed: number[];
  /** The same without them, measured right after each observed run. */
  plain: number[];
  apiCalls: number;
}

/**
 * What logging and metrics cost on the hot path: intake of ignored events with and without
 * them, in alternating runs of the same process so that the machine's noise falls on both.
 */
export async function runObservationCost(
  deliveries: number,
  pairs: number,
): Promise<ObservationCost> {
  const result: ObservationCost = { observed: [], plain: [], apiCalls: 0 };
  for (let i = 0; i < pairs; i++) {
    // ABBA: which side goes first alternates, so neither is always the one that meets the
    // garbage of the run before it; each run starts from a collected heap (`--expose-gc`).
    const order = i % 2 === 0 ? [true, false] : [false, true];
    for (const observe of order) {
      (globalThis as { gc?: () => void }).gc?.();
      const run = await runIntakeBenchmark({ deliveries, handlerIterations: 1, observe });
      (observe ? result.observed : result.plain).push(run.perSecond);
      result.apiCalls += run.apiCalls;
    }
  }
  return result;
}
