import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./processes.js";

export interface TestRedis {
  /** Where replicas find it: `REDIS_URL`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The Redis the replica tests share: `REDIS_URL` when set (CI starts redis-server), else a
 * redis-server of the test's own on a free loopback port, without persistence. Without either the
 * tests fail, never pass silently: what they show needs a real Redis.
 *
 * Each test file names its own logical `database`: test files run side by side, and the throttle
 * state of one file's installation (a killed replica's turn stalls it for 60 s) must not hold up
 * another file's replicas, which use the same installation id.
 */
export async function testRedis(database: number): Promise<TestRedis> {
  const given = process.env.REDIS_URL;
  if (given) {
    const url = new URL(given);
    url.pathname = `/${database}`;
    await ping(url.href);
    return { url: url.href, stop: async () => undefined };
  }
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error(
      "The replica tests need Redis: install redis-server (apt-get install redis-server; CI installs it) or set REDIS_URL",
    );
  }
  const port = await freePort();
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}/${database}`;
  try {
    await ping(url);
  } catch (error) {
    await stopProcess(server);
    throw error;
  }
  return { url, stop: () => stopProcess(server) };
}

async function ping(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 20 });
  // Refused connections while redis-server starts are retried; the last one rejects the ping.
  client.on("error", () => undefined);
  try {
    await client.ping();
  } catch (error) {
    throw new Error(`Redis at ${url} does not answer: ${String(error)}`);
  } finally {
    client.disconnect();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
