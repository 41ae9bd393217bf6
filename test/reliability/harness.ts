import { appendFileSync } from "node:fs";
import { Writable } from "node:stream";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { startSandbox } from "@release-bot/local-github";
import Bottleneck from "bottleneck";
import { pino } from "pino";
import type { ProbotOctokit } from "probot";
import { SandboxOctokit, seedDemoRepository } from "../../src/demo/scenario.js";
import { ReleaseBotOctokit } from "../../src/github/octokit.js";
import { type BotServer, startBotServer } from "../../src/server.js";
import { testPrivateKey } from "../helpers/app-key.js";
import { type Counts, countEffects, type Expected, visibleText } from "./counters.js";
import { takeSnapshot } from "./snapshot.js";

/**
 * The reliability bed: the local GitHub, delivering every webhook to N real bot servers at once
 * (replicas racing), with retries that wait milliseconds instead of seconds.
 */
const FastRetryOctokit = SandboxOctokit.defaults(
  (options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => ({
    ...options,
    retry: { ...options.retry, retryAfterBaseValue: 5 },
  }),
) as unknown as typeof ProbotOctokit;

export interface ReliabilityEnv {
  sandbox: Sandbox;
  repo: SandboxRepo;
  bots: BotServer[];
  logs: string[];
  close(): Promise<void>;
}

const PRIVATE_KEY = testPrivateKey();
const SECRET = "reliability-secret";

/**
 * The production Octokit, throttling on (rate limits waited out), its waits in ms instead of
 * seconds: a retry-after of 1 s waits 5 ms, a secondary limit without retry-after waits GitHub's
 * minute as 300 ms, and writes are spaced 5 ms apart instead of a second (3 s for comments and
 * issues).
 */
const ThrottledOctokit = ReleaseBotOctokit.defaults(
  (options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => ({
    ...options,
    retry: { ...options.retry, retryAfterBaseValue: 5 },
    throttle: {
      ...options.throttle,
      retryAfterBaseValue: 5,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 5 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 5 }),
    } as NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>["throttle"],
  }),
) as unknown as typeof ProbotOctokit;

export async function startReliabilityEnv(
  options: {
    replicas?: number;
    throttled?: boolean;
    /** How far the local GitHub's clock (commit and comment dates) runs from the bot's. */
    clockOffsetMs?: number;
    /** The local GitHub's clock itself (a stopped one puts everything in the same second). */
    clock?: () => Date;
  } = {},
): Promise<ReliabilityEnv> {
  const offset = options.clockOffsetMs ?? 0;
  const sandbox = await startSandbox({
    webhookSecret: SECRET,
    deliveryMode: "concurrent",
    appPrivateKey: PRIVATE_KEY,
    clock: options.clock ?? (() => new Date(Date.now() + offset)),
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const bots: BotServer[] = [];
  for (let i = 0; i < (options.replicas ?? 1); i++) {
    const bot = await startBotServer({
      appId: sandbox.app.id,
      privateKey: PRIVATE_KEY,
      secret: SECRET,
      baseUrl: sandbox.url,
      Octokit: options.throttled ? ThrottledOctokit : FastRetryOctokit,
      log: pino({ level: "info" }, sink),
    });
    sandbox.subscribe(bot.webhookUrl);
    bots.push(bot);
  }
  const repo = await seedDemoRepository(sandbox);
  return {
    sandbox,
    repo,
    bots,
    logs,
    async close() {
      for (const bot of bots) await bot.close();
      await sandbox.close();
    },
  };
}

export const PRIVATE_KEY_LINE = PRIVATE_KEY.split("\n")[1] ?? "";

/** Sends a past delivery again `times` times: one after another, or all at once. */
export async function redeliver(
  env: ReliabilityEnv,
  guid: string,
  times: number,
  mode: "sequential" | "concurrent",
): Promise<void> {
  for (let i = 0; i < times; i++) {
    env.sandbox.webhooks.redeliver(guid);
    if (mode === "sequential") await env.sandbox.idle();
  }
  await env.sandbox.idle();
}

/** The GUID of the newest delivery of this event (and action), optionally matching a test. */
export function lastDelivery(
  env: ReliabilityEnv,
  event: string,
  action?: string,
  match: (payload: Record<string, unknown>) => boolean = () => true,
): string {
  const found = env.sandbox.webhooks
    .find({ event, ...(action ? { action } : {}) })
    .filter((d) => !d.redelivery && match(d.payload))
    .at(-1);
  if (!found) throw new Error(`no ${event} delivery`);
  return found.guid;
}

/** The delivery of a user's comment (the bot's own replies are comments too). */
export function commentDelivery(env: ReliabilityEnv, commentId: number): string {
  return lastDelivery(
    env,
    "issue_comment",
    "created",
    (p) => (p.comment as { id?: number }).id === commentId,
  );
}

export interface ReliabilityRow {
  scenario: string;
  deliveries: number;
  faults: number;
  duplicates: number;
  incomplete: number;
}

/**
 * Rows for the table `npm run test:reliability` prints; written to a file named by the
 * environment so that rows from every test file (vitest runs them in separate workers) meet.
 */
function report(row: ReliabilityRow): void {
  const file = process.env.RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export interface Scenario {
  /**
   * Counts what the scenario did against what it should have done, and writes its row. `also`:
   * duplicates and missing effects the caller found itself (an end state compared with an
   * uninterrupted run's), added to the counts.
   */
  end(expected: Expected, also?: { duplicates: number; missing: string[] }): Promise<Counts>;
}

/**
 * Starts a row of the table: the local GitHub's state now is the baseline, so the row counts
 * only what happened from here on (deliveries, faults, and the effects of `countEffects`).
 */
export async function beginScenario(env: ReliabilityEnv, scenario: string): Promise<Scenario> {
  const before = await takeSnapshot(env.sandbox, env.repo);
  return {
    async end(expected, also) {
      const counts = countEffects(before, await takeSnapshot(env.sandbox, env.repo), expected);
      if (also) {
        counts.duplicates += also.duplicates;
        counts.missing.push(...also.missing);
        counts.incomplete = counts.missing.length;
      }
      const { deliveries, faults, duplicates, incomplete } = counts;
      report({ scenario, deliveries, faults, duplicates, incomplete });
      return counts;
    },
  };
}

/** The bot's replies to a command comment, as their reader sees them. */
export function repliesTo(env: ReliabilityEnv, issue: number, commentId: number): string[] {
  return env.repo
    .comments(issue)
    .filter(
      (c) =>
        (c.user as { login?: string } | undefined)?.login === env.sandbox.app.botLogin &&
        c.body.includes(`release-bot:reply-to:${commentId} `),
    )
    .map((c) => visibleText(c.body));
}

/** Polls until the condition holds; fails after the timeout. */
export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs = 40_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
