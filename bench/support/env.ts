/** The benchmark's world: the test world with its repositories in the benchmark's temp dir. */
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProbotOctokit } from "probot";
import { startWorld, type World } from "../../test/world/index.js";

let key: string | undefined;

/** One RSA key for the App across the benchmark (registered with each sandbox that uses it). */
export function appPrivateKey(): string {
  key ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  }) as string;
  return key;
}

export interface BenchEnvironment extends World {
  /** The benchmark's temp dir: bare repositories, clones, git's HOME. Removed by close(). */
  workDir: string;
  homeDir: string;
}

/**
 * The test world (the demo operator, the real bot behind its webhook server), with the bare
 * repositories under a temp dir of the benchmark's own. The bot's Octokit is the world's (write
 * throttling off, the local GitHub has no rate limits) unless another is given.
 */
export async function startBenchEnvironment(
  options: { Octokit?: typeof ProbotOctokit } = {},
): Promise<BenchEnvironment> {
  const workDir = await mkdtemp(join(tmpdir(), "release-bot-bench-"));
  const homeDir = join(workDir, "home");
  await mkdir(homeDir, { recursive: true });
  const env = await startWorld({
    logLevel: "error",
    // Calls are put down to the delivery that was running when they were made: one at a time.
    sandbox: { baseDir: join(workDir, "sandbox"), deliveryMode: "sequential" },
    ...(options.Octokit ? { Octokit: options.Octokit } : {}),
  });
  const closeWorld = env.close;
  return Object.assign(env, {
    workDir,
    homeDir,
    async close() {
      await closeWorld();
      await rm(workDir, { recursive: true, force: true });
    },
  });
}

/** Bytes under a directory (a bare repository's size on disk). */
export async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await diskUsage(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/**
 * Waits until `done()` holds and the sandbox is idle. `idle()` alone is enough while a delivery
 * is open, but a handler that outlives the webhook's timeout (Probot answers 202 after 9 s and
 * keeps working, which production write throttling makes common) leaves gaps without any
 * request in flight.
 */
export async function settle(
  env: { sandbox: World["sandbox"] },
  done: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await env.sandbox.idle({ timeoutMs });
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await env.sandbox.idle({ timeoutMs });
  }
}
