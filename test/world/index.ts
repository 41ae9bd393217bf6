/**
 * The test world bound to the real bot: `startLocalBot` of the local GitHub's testing entry, each
 * replica the bot's own webhook server (`startBotServer`, signatures checked) on the local
 * GitHub's clock, the demo operator seeded unless told otherwise. Every end-to-end, reliability,
 * dashboard and benchmark bed starts here.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { DeliveryRequest, Sandbox, SandboxRepo } from "@release-bot/local-github";
import { assertValidWebhook } from "@release-bot/local-github/conformance";
import {
  type LocalBot,
  type LocalBotOptions,
  seedDemoRepository,
  startLocalBot,
} from "@release-bot/local-github/testing";
import { pino } from "pino";
import { Probot, type ProbotOctokit } from "probot";
import { UnthrottledOctokit } from "../../src/github/octokit.js";
import { type RepositoryReconcile, reconcileInstallations } from "../../src/reconcile.js";
import { type BotServer, type BotServerOptions, startBotServer } from "../../src/server.js";

export interface WorldOptions {
  /** Bot replicas (default 1); `deliverTo` says whether a delivery reaches one or every one. */
  replicas?: number;
  deliverTo?: "one" | "every";
  /** The bot's Octokit (default: the production one without the write throttle). */
  Octokit?: typeof ProbotOctokit;
  /** How each delivery and handler is wrapped (the benchmarks count and time them). */
  observe?: BotServerOptions["observe"];
  eachHandler?: BotServerOptions["eachHandler"];
  /** The bot's log level (default `info`: tests read the lines in `world.logs`). */
  logLevel?: "debug" | "info" | "warn" | "error" | "silent";
  /** The repository made before the bot listens: the demo operator (default), none, or another. */
  seed?: "demo-operator" | false | ((sandbox: Sandbox) => Promise<SandboxRepo>);
  /** GitHub's rules turned on for the seeded repository, before the bot listens. */
  rules?: (repo: SandboxRepo) => void;
  /** The clock of the local GitHub and the bot (see `startLocalBot`); default real time. */
  clock?: LocalBotOptions<BotServer>["clock"];
  sandbox?: LocalBotOptions<BotServer>["sandbox"];
  /**
   * Also check every delivery as a client would: its signature and its body against
   * @octokit/webhooks-schemas; what fails is in `world.webhookProblems`.
   */
  checkWebhooks?: boolean;
}

export interface World extends LocalBot<BotServer> {
  /** The first replica. */
  bot: BotServer;
  /** Deliveries whose signature or body was wrong (with `checkWebhooks`). */
  webhookProblems: string[];
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const Octokit = options.Octokit ?? (UnthrottledOctokit as typeof ProbotOctokit);
  const level = options.logLevel ?? "info";
  const seed = options.seed ?? "demo-operator";
  const local = await startLocalBot({
    replicas: options.replicas ?? 1,
    deliverTo: options.deliverTo ?? "one",
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    ...(seed === false
      ? {}
      : {
          seed: async (sandbox: Sandbox) => {
            const repo = await (seed === "demo-operator" ? seedDemoRepository : seed)(sandbox);
            options.rules?.(repo);
            return repo;
          },
        }),
    startReplica: ({ index: _index, log, ...credentials }) =>
      startBotServer({
        ...credentials,
        Octokit,
        log: pino({ level }, log),
        ...(options.observe !== undefined ? { observe: options.observe } : {}),
        ...(options.eachHandler ? { eachHandler: options.eachHandler } : {}),
      }),
  });
  const webhookProblems: string[] = [];
  if (options.checkWebhooks) {
    local.sandbox.subscribe(checkDelivery(local.sandbox.webhookSecret, webhookProblems));
  }
  return Object.assign(local, { bot: local.replicas[0] as BotServer, webhookProblems });
}

/** A subscriber that checks each delivery's signature and body, as a careful client would. */
function checkDelivery(secret: string, problems: string[]) {
  return async function checkWebhook(request: DeliveryRequest): Promise<void> {
    const expected = `sha256=${createHmac("sha256", secret).update(request.body).digest("hex")}`;
    const actual = request.headers["x-hub-signature-256"] ?? "";
    if (
      actual.length !== expected.length ||
      !timingSafeEqual(Buffer.from(actual), Buffer.from(expected))
    ) {
      problems.push(`${request.name}: bad signature`);
    }
    try {
      assertValidWebhook(request.name, JSON.parse(request.body));
    } catch (error) {
      problems.push((error as Error).message);
    }
  };
}

/** The reconcile pass (`npm run reconcile`) over some of the world's repositories, on its clock. */
export function reconcileWorld(
  world: Pick<World, "sandbox" | "clock">,
  repos: readonly string[],
  options: { maxPullRequests?: number } = {},
): Promise<RepositoryReconcile[]> {
  const reconciler = new Probot({
    ...world.sandbox.probotOptions(),
    Octokit: UnthrottledOctokit as typeof ProbotOctokit,
    log: pino({ level: "silent" }),
  });
  return reconcileInstallations(reconciler, {
    repos,
    maxPullRequests: options.maxPullRequests ?? 50,
    clock: world.clock,
  });
}
