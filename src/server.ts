import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { createNodeMiddleware, type Logger, Probot, type ProbotOctokit } from "probot";
import type { Clock } from "./clock.js";
import { ReleaseBotOctokit } from "./github/octokit.js";
import { createReleaseBot, type HandlerWrapper } from "./index.js";
import { type DeliveryWrapper, observeDeliveries } from "./observability/delivery-observer.js";
import { BotMetrics } from "./observability/metrics.js";
import { appReadiness } from "./observability/readiness.js";

/** GitHub caps webhook payloads at 25 MB; anything larger is not GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
export const WEBHOOK_PATH = "/api/github/webhooks";

export interface BotServerOptions {
  appId: number | string;
  privateKey: string;
  secret: string;
  /** GitHub's API root; another for GitHub Enterprise Server or the local sandbox. */
  baseUrl?: string;
  port?: number;
  host?: string;
  log?: Logger;
  Octokit?: typeof ProbotOctokit;
  maxBodyBytes?: number;
  /** `REDIS_URL`: replicas of one installation share GitHub's rate limits through Redis. */
  redisConfig?: string;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /**
   * Per-delivery log lines and metrics (default true); `false` runs the handlers bare (the intake
   * benchmark's baseline), a wrapper replaces them (the dashboard benchmark counts calls).
   */
  observe?: boolean | DeliveryWrapper;
  /** Applied to each handler inside a delivery (the dashboard benchmark). */
  eachHandler?: HandlerWrapper;
  /** The bot's time (default: real time; tests give the local GitHub's steppable clock). */
  clock?: Clock;
}

export interface BotServer {
  url: string;
  webhookUrl: string;
  probot: Probot;
  server: Server;
  metrics: BotMetrics;
  close(): Promise<void>;
}

/**
 * The bot's HTTP server: Probot's webhook middleware behind two guards Probot lacks (a body size
 * limit, and 401 rather than 400 for a bad signature, checked before any JSON parsing), plus
 * `/healthz` (liveness), `/readyz` (readiness: the App can authenticate with GitHub) and
 * Prometheus `/metrics`.
 */
export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.secret,
    Octokit: options.Octokit ?? ReleaseBotOctokit,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.redisConfig ? { redisConfig: options.redisConfig } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  const metrics = new BotMetrics();
  const app = createReleaseBot({
    metrics,
    observe:
      typeof options.observe === "function"
        ? options.observe
        : options.observe === false
          ? false
          : observeDeliveries(metrics),
    ...(options.eachHandler ? { eachHandler: options.eachHandler } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const middleware = await createNodeMiddleware(app, {
    probot,
    webhooksPath: WEBHOOK_PATH,
  });
  const readiness = appReadiness(probot);
  const maxBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BYTES;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      probot.log.error({ err: error }, "webhook server error");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?", 1)[0];
    if (request.method === "GET" && path === "/healthz") {
      response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return;
    }
    if (request.method === "GET" && path === "/readyz") {
      const { ready, reason } = await readiness();
      response.writeHead(ready ? 200 : 503, { "content-type": "text/plain" }).end(`${reason}\n`);
      return;
    }
    if (request.method === "GET" && path === "/metrics") {
      const text = await metrics.text();
      response.writeHead(200, { "content-type": metrics.contentType }).end(text);
      return;
    }
    if (request.method !== "POST" || path !== WEBHOOK_PATH) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const body = await readBody(request, maxBytes);
    if (body === null) {
      response.writeHead(413, { "content-type": "application/json", connection: "close" });
      response.end('{"error":"payload too large"}');
      return;
    }
    const signature = request.headers["x-hub-signature-256"];
    if (
      typeof signature !== "string" ||
      !(await verify(options.secret, body, signature).catch(() => false))
    ) {
      probot.log.warn(
        { delivery: request.headers["x-github-delivery"] },
        "webhook with a bad signature refused",
      );
      response
        .writeHead(401, { "content-type": "application/json" })
        .end('{"error":"bad signature"}');
      return;
    }
    request.body = body;
    await middleware(request, response, () => {
      response.writeHead(404).end();
    });
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  const url = `http://${host}:${port}`;
  return {
    url,
    webhookUrl: `${url}${WEBHOOK_PATH}`,
    probot,
    server,
    metrics,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The request body as text, or null past the limit (the rest is not read). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
