import { appendFileSync } from "node:fs";
import type { ProbotOctokit } from "probot";
import { onTestFinished } from "vitest";
import { ReleaseBotOctokit, UnthrottledOctokit } from "../../src/github/octokit.js";
import { testPrivateKey } from "../helpers/app-key.js";
import { startWorld, type World } from "../world/index.js";
import { type Counts, countEffects, type Expected, visibleText } from "./counters.js";
import { type ReliabilityRow, recordScenario } from "./rows.js";
import { takeSnapshot } from "./snapshot.js";

/**
 * The reliability bed: the test world with every webhook delivered to each of N real bot servers
 * (replicas racing), retries that wait milliseconds instead of seconds, and the bot's log kept.
 */
const retryInMs = (Octokit: typeof ProbotOctokit) =>
  Octokit.defaults((options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => ({
    ...options,
    retry: { ...options.retry, retryAfterBaseValue: 5 },
  })) as unknown as typeof ProbotOctokit;

/** Without the write throttle (the local GitHub has no rate limits). */
const FastRetryOctokit = retryInMs(UnthrottledOctokit as typeof ProbotOctokit);
/** The production Octokit, throttling on (secondary rate limits waited out). */
const ThrottledOctokit = retryInMs(ReleaseBotOctokit as typeof ProbotOctokit);

export type ReliabilityEnv = World;

const PRIVATE_KEY = testPrivateKey();

export function startReliabilityEnv(
  options: { replicas?: number; throttled?: boolean } = {},
): Promise<ReliabilityEnv> {
  return startWorld({
    replicas: options.replicas ?? 1,
    deliverTo: "every",
    Octokit: options.throttled ? ThrottledOctokit : FastRetryOctokit,
    sandbox: { appPrivateKey: PRIVATE_KEY },
  });
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

/**
 * Rows for the table `npm run test:reliability` prints; written to a file named by the
 * environment so that rows from every test file (vitest runs them in separate workers) meet.
 */
function report(row: ReliabilityRow): void {
  const file = process.env.RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export interface Scenario {
  /** Counts what the scenario did against what it should have done, and keeps its row. */
  end(expected: Expected): Promise<Counts>;
}

/**
 * Starts a row of the table: the local GitHub's state now is the baseline, so the row counts
 * only what happened from here on (deliveries, faults, and the effects of `countEffects`). The
 * row is written when the test ends: with the figures if the scenario counted them before, else
 * as "did not finish" (a test that timed out goes on in the background, and what it counts then
 * would be the next scenario's effects too).
 */
export async function beginScenario(env: ReliabilityEnv, scenario: string): Promise<Scenario> {
  const record = recordScenario(scenario, report);
  onTestFinished(({ task }) => {
    const error = task.result?.errors?.[0]?.message?.split("\n", 1)[0];
    record.testEnded({ passed: task.result?.state === "pass", ...(error ? { error } : {}) });
  });
  const before = await takeSnapshot(env.sandbox, env.repo);
  return {
    async end(expected) {
      const counts = countEffects(before, await takeSnapshot(env.sandbox, env.repo), expected);
      const { deliveries, faults, duplicates, incomplete } = counts;
      record.counted({ deliveries, faults, duplicates, incomplete });
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
