import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./processes.js";

export interface TestRedis {
  /** Where replicas find it: `REDIS_URL`. */
  url: string;
  stop(): Promise<void>;
}

/** Whether the replica tests run here: with a Redis, skipped without one, failing on CI without. */
export type RedisRequirement =
  | { kind: "run" }
  | { kind: "skip"; line: string }
  | { kind: "fail"; message: string };

const WHY =
  "the replica tests need a Redis server (redis-server on PATH, or REDIS_URL), through which separate bot processes share Probot's write throttle";

/**
 * The decision, from the environment and whether redis-server is installed: with `REDIS_URL` or
 * redis-server, they run; without either they are skipped with one line saying which server and
 * why, except under `CI=true`, where `.ci/run` installs redis-server and its absence is a fault.
 */
export function redisRequirement(
  env: Readonly<Record<string, string | undefined>>,
  redisServerInstalled: boolean,
): RedisRequirement {
  if (env.REDIS_URL || redisServerInstalled) return { kind: "run" };
  if (env.CI === "true") {
    return {
      kind: "fail",
      message: `CI=true and no Redis: ${WHY}; .ci/run installs redis-server and sets REDIS_URL, so this CI did not run it.`,
    };
  }
  return {
    kind: "skip",
    line: `Skipped: ${WHY}; install redis-server (apt-get install redis-server) or set REDIS_URL to run them.`,
  };
}

/** The decision for this machine; a skip prints its one line (once per test file). */
export function replicaTestsHere(): RedisRequirement {
  const requirement = redisRequirement(
    process.env,
    !spawnSync("redis-server", ["--version"]).error,
  );
  if (requirement.kind === "skip") console.warn(requirement.line);
  return requirement;
}

/**
 * The Redis the replica tests share: `REDIS_URL` when set (CI starts redis-server), else a
 * redis-server of the test's own on a free loopback port, without persistence. Without either
 * the tests are skipped (`replicaTestsHere`), or fail under `CI=true`: they never pass silently.
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
  const requirement = redisRequirement(
    process.env,
    !spawnSync("redis-server", ["--version"]).error,
  );
  if (requirement.kind === "fail") throw new Error(requirement.message);
  if (requirement.kind === "skip") throw new Error(requirement.line);
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
