import { type ChildProcess, spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { createServer as createNetServer } from "node:net";
import type { Sandbox } from "@release-bot/local-github";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One API request as a replica sent it, seen on its way to the local GitHub. */
export interface ReplicaRequest {
  replica: string;
  method: string;
  path: string;
  at: number;
}

export interface Replica {
  name: string;
  webhookUrl: string;
  /** stdout and stderr of the process, for a failing test's message. */
  output: string[];
  /** Ends the process at once, as the kernel's OOM killer or a lost node would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A bot replica as an operator runs it: `tsx src/bin/start.ts` in a process of its own, with
 * the App's credentials in the environment, production throttling, `REDIS_URL` when given.
 * `GITHUB_API_URL` points it at a forwarder to the local GitHub that notes which replica sent
 * each request (the local GitHub sees one bot user for all of them).
 */
export async function startReplica(options: {
  name: string;
  sandbox: Sandbox;
  redisUrl: string | undefined;
  seen: ReplicaRequest[];
}): Promise<Replica> {
  const { name, sandbox } = options;
  const forwarder = await startForwarder(name, sandbox.url, options.seen);
  const port = await freePort();
  const { appId, privateKey, secret } = sandbox.probotOptions();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ID: String(appId),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: secret,
    PORT: String(port),
    HOST: "127.0.0.1",
    GITHUB_API_URL: forwarder.url,
    LOG_LEVEL: "warn",
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  // Its own process group: tsx runs the bot in a child process, and a kill must reach both.
  const child = spawn("node_modules/.bin/tsx", ["src/bin/start.ts"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk) => output.push(String(chunk)));
  child.stderr?.on("data", (chunk) => output.push(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const replica: Replica = {
    name,
    webhookUrl: `${url}/api/github/webhooks`,
    output,
    kill: async () => {
      await signalGroup(child, "SIGKILL");
      await forwarder.close();
    },
    stop: async () => {
      await signalGroup(child, "SIGTERM");
      await forwarder.close();
    },
  };
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await replica.kill();
    throw error;
  }
  return replica;
}

async function waitUntilReady(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`replica exited with ${child.exitCode}:\n${output.join("")}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`replica not ready at ${url} after 30 s:\n${output.join("")}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, signal);
  return exited;
}

/** Forwards every request to the local GitHub unchanged, noting it as the replica's. */
async function startForwarder(
  replica: string,
  target: string,
  seen: ReplicaRequest[],
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const url = incoming.url ?? "/";
    seen.push({
      replica,
      method: incoming.method ?? "GET",
      path: url.split("?", 1)[0] ?? url,
      at: Date.now(),
    });
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `done()` holds, checking every 100 ms; fails after `timeoutMs`. */
export async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
