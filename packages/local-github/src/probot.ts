import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApplicationFunction, createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import type { Sandbox } from "./sandbox.js";
import type { Subscription } from "./webhooks.js";

export interface RunProbotOptions {
  /** How many app instances (replicas) behind one load-balanced webhook subscription (default 1). */
  replicas?: number;
  /**
   * Keep Probot's throttling plugin (default false). It allows one write per second and one
   * notification-triggering write (comments, issues, PRs) per three seconds per installation,
   * which makes end-to-end tests slow; turn it on to test behaviour under it.
   */
  throttle?: boolean;
  /** Keep Probot's retry plugin (default true). */
  retry?: boolean;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** Webhook path (Probot's default `/api/github/webhooks`). */
  webhookPath?: string;
}

export interface RunningProbot {
  probots: Probot[];
  /** Webhook URLs of the replicas (127.0.0.1). */
  urls: string[];
  subscription: Subscription;
  close(): Promise<void>;
}

/**
 * ProbotOctokit with the throttling / retry plugins switched on or off. It has to be the
 * function form of `defaults()`: Probot passes its own `throttle` options to the constructor,
 * which replace a `throttle: { enabled: false }` given as plain defaults (Probot would then
 * throttle writes to one per second).
 */
export function probotOctokitFor(
  options: { throttle?: boolean; retry?: boolean } = {},
): typeof ProbotOctokit {
  const throttle = options.throttle ?? false;
  const retry = options.retry ?? true;
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
    ...instanceOptions,
    throttle: { ...(instanceOptions.throttle as object | undefined), enabled: throttle },
    retry: { ...(instanceOptions.retry as object | undefined), enabled: retry },
  })) as typeof ProbotOctokit;
}

/**
 * Run an unmodified Probot app against the sandbox the way GitHub would: each replica is a real
 * HTTP server with Probot's webhook middleware (signature check included), configured with the
 * sandbox as `baseUrl`, an App id, a private key and the webhook secret, and subscribed to the
 * sandbox's deliveries.
 */
export async function runProbotApp(
  sandbox: Sandbox,
  appFn: ApplicationFunction,
  options: RunProbotOptions = {},
): Promise<RunningProbot> {
  const replicas = Math.max(1, options.replicas ?? 1);
  const Octokit = probotOctokitFor(options);
  const probots: Probot[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];
  const path = options.webhookPath ?? "/api/github/webhooks";
  for (let i = 0; i < replicas; i++) {
    const probot = new Probot({
      ...sandbox.probotOptions(),
      Octokit,
      logLevel: options.logLevel ?? "warn",
      webhookPath: path,
    });
    const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: path });
    const server = createServer((req, res) => {
      void middleware(req, res, () => {
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    probots.push(probot);
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
  }
  const subscription = sandbox.subscribe(urls);
  return {
    probots,
    urls,
    subscription,
    close: async () => {
      subscription.unsubscribe();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
