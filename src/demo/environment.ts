/** The demo's world: the local GitHub, the real bot behind its webhook server, the seeded repository. */
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { startSandbox } from "@release-bot/local-github";
import { pino } from "pino";
import type { Logger, ProbotOctokit } from "probot";
import { ReleaseBotOctokit } from "../github/octokit.js";
import { type BotServer, startBotServer } from "../server.js";
import { DEFAULT_BRANCH, DEMO_REPO, INITIAL_FILES, MASTER_HISTORY } from "./seed.js";

export const MAINTAINER = "maintainer";
export const CONTRIBUTOR = "contributor";

/**
 * The sandbox imposes no rate limits, so the bot's write throttling (a second between writes)
 * only slows the demo down; retries stay on.
 */
export const SandboxOctokit = ReleaseBotOctokit.defaults(
  (options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => ({
    ...options,
    throttle: { ...options.throttle, enabled: false },
  }),
);

export interface DemoEnvironment {
  sandbox: Sandbox;
  bot: BotServer;
  repo: SandboxRepo;
  close(): Promise<void>;
}

/** Sandbox + the real bot behind its real webhook server, wired together on loopback. */
export async function startDemoEnvironment(
  options: {
    botLogLevel?: "warn" | "error" | "info" | "silent";
    latencyMs?: number;
    /** Where the bare repositories go; kept after close when given. */
    baseDir?: string;
    /** The bot's Octokit (tests add response checks); the sandbox default otherwise. */
    Octokit?: typeof ProbotOctokit;
    /** The bot's logger (tests read its lines); pino at `botLogLevel` otherwise. */
    log?: Logger;
    /** The local GitHub's clock; a fixed one makes every commit and tag sha reproducible. */
    clock?: () => Date;
    /** How webhooks go out: all at once as GitHub sends them (default), or one at a time. */
    deliveryMode?: "concurrent" | "sequential";
    /** Turns rules of the local GitHub on for the seeded repository (rulesets, permissions…). */
    rules?: (repo: SandboxRepo) => void;
  } = {},
): Promise<DemoEnvironment> {
  const secret = "demo-webhook-secret";
  const sandbox = await startSandbox({
    webhookSecret: secret,
    latencyMs: options.latencyMs ?? 0,
    deliveryMode: options.deliveryMode ?? "concurrent",
    deliveryTimeoutMs: 60_000,
    ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const bot = await startBotServer({
    appId: sandbox.app.id,
    privateKey: sandbox.probotOptions().privateKey,
    secret,
    baseUrl: sandbox.url,
    Octokit: options.Octokit ?? (SandboxOctokit as typeof ProbotOctokit),
    log: options.log ?? pino({ level: options.botLogLevel ?? "warn" }),
  });
  sandbox.subscribe(bot.webhookUrl);
  const repo = await seedDemoRepository(sandbox);
  options.rules?.(repo);
  return {
    sandbox,
    bot,
    repo,
    async close() {
      await bot.close();
      await sandbox.close();
    },
  };
}

export async function seedDemoRepository(sandbox: Sandbox): Promise<SandboxRepo> {
  const repo = await sandbox.createRepo(DEMO_REPO, {
    defaultBranch: DEFAULT_BRANCH,
    files: INITIAL_FILES,
    message: "Initial commit: demo-operator 1.4",
  });
  sandbox.setPermission(repo, MAINTAINER, "maintain");
  sandbox.setPermission(repo, CONTRIBUTOR, "read");
  for (const change of MASTER_HISTORY) {
    await repo.commit({
      branch: DEFAULT_BRANCH,
      files: change.files,
      message: change.message,
      author: MAINTAINER,
    });
  }
  await sandbox.idle();
  return repo;
}
