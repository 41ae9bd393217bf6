/**
 * The one builder of "local GitHub + bot": a local GitHub on a steppable clock, repositories
 * seeded before any bot listens, N replicas of a bot started by the caller's factory (this
 * package does not know the bot) and subscribed behind one load-balanced webhook subscription,
 * their log lines collected. The demo, the rehearsal, the end-to-end, reliability and benchmark
 * beds are each a few options of it.
 */
import { randomBytes } from "node:crypto";
import { type ClockInput, type ClockOptions, SteppableClock, toClock } from "../clock.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../sandbox.js";
import type { SandboxRepo } from "../script.js";
import type { SubscribeOptions, Subscription } from "../webhooks.js";

/** What one replica of the bot is started with. */
export interface ReplicaStart {
  /** 0 for the first replica. */
  index: number;
  /** The App on this local GitHub: `new Probot({ appId, privateKey, secret, baseUrl })`. */
  appId: number;
  privateKey: string;
  secret: string;
  baseUrl: string;
  /** The local GitHub's clock: give it to the bot so both read the same time. */
  clock: SteppableClock;
  /** Where the replica writes its log lines (a pino destination takes it as it is). */
  log: { write(line: string): void };
}

/** A started replica: where the local GitHub sends its webhooks, and how it stops. */
export interface Replica {
  webhookUrl: string;
  close(): Promise<void>;
}

export interface LocalBotOptions<R extends Replica> {
  /** Starts one replica of the bot; called `replicas` times, one after another. */
  startReplica(start: ReplicaStart): Promise<R>;
  /** How many replicas share the webhooks (default 1). */
  replicas?: number;
  /** Makes the world's repository before any replica listens: the seed is no event for the bot. */
  seed?: (sandbox: Sandbox) => Promise<SandboxRepo>;
  /**
   * The clock: one to share, a function of time (steps add to it; waits take real time), or
   * where a new one starts and whether it is frozen. Default: real time, steppable.
   */
  clock?: ClockInput | ClockOptions;
  /**
   * Options of the local GitHub. Defaults differ from `startSandbox`'s in two ways: webhooks go
   * out concurrently (as GitHub sends them) and a delivery may take 60 s (a busy machine must not
   * cut a delivery GitHub would have let finish).
   */
  sandbox?: Partial<Omit<SandboxOptions, "clock">>;
  /**
   * Which replicas get a delivery: `one` (default) behind a load balancer (`subscribe` says how
   * it picks), or `every` replica, each its own subscription (the same delivery racing itself).
   */
  deliverTo?: "one" | "every";
  subscribe?: SubscribeOptions;
  /** Each log line also goes here as it comes (the rehearsal shows them on stderr). */
  echo?: (line: string) => void;
}

export interface LocalBot<R extends Replica> {
  sandbox: Sandbox;
  /** `clock.advance(ms)`: time passes for the local GitHub and for the bot given it. */
  clock: SteppableClock;
  replicas: R[];
  /** The seeded repository; reading it without a `seed` throws. */
  readonly repo: SandboxRepo;
  /** Every log line the replicas wrote, in order. */
  logs: string[];
  /** One subscription for `deliverTo: "one"`, one per replica for `every`. */
  subscriptions: Subscription[];
  /** Stops the replicas, then the local GitHub. */
  close(): Promise<void>;
}

export async function startLocalBot<R extends Replica>(
  options: LocalBotOptions<R>,
): Promise<LocalBot<R>> {
  const clock =
    options.clock instanceof SteppableClock || typeof options.clock === "function"
      ? toClock(options.clock)
      : new SteppableClock(options.clock);
  const secret = options.sandbox?.webhookSecret ?? randomBytes(16).toString("hex");
  const sandbox = await startSandbox({
    deliveryMode: "concurrent",
    deliveryTimeoutMs: 60_000,
    ...options.sandbox,
    webhookSecret: secret,
    clock,
  });
  const replicas: R[] = [];
  const close = async () => {
    for (const replica of replicas) await replica.close();
    await sandbox.close();
  };
  try {
    const repo = options.seed ? await options.seed(sandbox) : null;
    const logs: string[] = [];
    const log = {
      write(line: string) {
        logs.push(line);
        options.echo?.(line);
      },
    };
    const { appId, privateKey, baseUrl } = sandbox.probotOptions();
    for (let index = 0; index < (options.replicas ?? 1); index++) {
      const start = { index, appId, privateKey, secret, baseUrl, clock, log };
      replicas.push(await options.startReplica(start));
    }
    const urls = replicas.map((r) => r.webhookUrl);
    const subscriptions =
      options.deliverTo === "every"
        ? urls.map((url) => sandbox.subscribe(url, options.subscribe))
        : [sandbox.subscribe(urls, options.subscribe)];
    return {
      sandbox,
      clock,
      replicas,
      get repo(): SandboxRepo {
        if (!repo) throw new Error("this local bot was started without a seed: no repository");
        return repo;
      },
      logs,
      subscriptions,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
