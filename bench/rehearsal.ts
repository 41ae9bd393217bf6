/**
 * The rehearsal's costs: seeding the local GitHub from a 100,000-commit repository on disk
 * (objects borrowed, not copied), and the calls a rehearsed `/rc` makes, against the same `/rc`
 * on a repository made on the local GitHub as GitHub holds one.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { RequestLogEntry, Sandbox, SandboxRepo } from "@release-bot/local-github";
import { startSandbox } from "@release-bot/local-github";
import { INITIAL_FILES } from "@release-bot/local-github/testing";
import { startRehearsalEnvironment } from "../packages/rehearse/src/environment.js";
import { startWorld } from "../test/world/index.js";
import type { Check } from "./report.js";
import { git } from "./support/git.js";
import { importHistory, maintainLikeGitHub } from "./support/history.js";
import { table } from "./support/stats.js";

export const SEED_TARGET_MS = 5000;

export interface RehearsalBenchResult {
  commits: number;
  seedMs: number;
  /** Bytes of objects in the source, and in the served repository right after seeding. */
  sourceObjectBytes: number;
  servedObjectBytes: number;
  /** The bot's calls for `/rc 1.6`, `METHOD route`, in the order they were made. */
  rehearsedRc: string[];
  githubRc: string[];
}

export async function runRehearsalBenchmark(options: {
  commits: number;
  log: (line: string) => void;
}): Promise<RehearsalBenchResult> {
  const scratch = await mkdtemp(join(tmpdir(), "bench-rehearsal-"));
  try {
    const work = join(scratch, "operator");
    options.log(`a ${options.commits.toLocaleString("en-US")}-commit work tree to rehearse on`);
    await sourceRepository(work, scratch, options.commits);

    const sandbox = await startSandbox({ webhookSecret: "bench" });
    let seedMs: number;
    let servedObjectBytes: number;
    try {
      const started = performance.now();
      const served = await sandbox.createRepo("kubeflow/rehearsed", { fromGitDir: work });
      seedMs = performance.now() - started;
      servedObjectBytes = await objectBytes(served.gitDir, scratch);
    } finally {
      await sandbox.close();
    }
    const sourceObjectBytes = await objectBytes(join(work, ".git"), scratch);

    options.log(
      "the calls of a rehearsed /rc, and of the same /rc on the local GitHub's own repository",
    );
    const rehearsal = await startRehearsalEnvironment({
      repoDir: work,
      configFile: null,
      throttle: false,
    });
    const rehearsedRc = await rcCalls(rehearsal.sandbox, rehearsal.repo).finally(() =>
      rehearsal.close(),
    );
    // The same tree on both sides: the history's 400 Go files are version-place candidates,
    // read in up to 3 batches by the tree's size, which is not what this row compares.
    const github = await startWorld({ logLevel: "warn" });
    const githubRc = await withTreeOf(work, scratch, github.repo)
      .then(() => rcCalls(github.sandbox, github.repo))
      .finally(() => github.close());
    return {
      commits: options.commits,
      seedMs,
      sourceObjectBytes,
      servedObjectBytes,
      rehearsedRc,
      githubRc,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The demo operator's files on `master`, then `commits` more commits, packed as GitHub keeps them. */
async function sourceRepository(work: string, homeDir: string, commits: number): Promise<void> {
  await mkdir(work, { recursive: true });
  const run = (...args: string[]) => git(args, { cwd: work, homeDir });
  await run("init", "--quiet", "--initial-branch=master");
  for (const [path, content] of Object.entries(INITIAL_FILES)) {
    await mkdir(join(work, path, ".."), { recursive: true });
    await writeFile(join(work, path), content);
  }
  await run("add", ".");
  await run("-c", "user.name=Ada", "-c", "user.email=ada@example.com", "commit", "-qm", "Initial");
  const from = (await run("rev-parse", "HEAD")).trim();
  await importHistory(join(work, ".git"), { branch: "master", from, commits, homeDir });
  await maintainLikeGitHub(join(work, ".git"), homeDir);
}

/** Commits to `repo`'s master every file of the work tree's HEAD that it lacks or holds otherwise. */
async function withTreeOf(work: string, homeDir: string, repo: SandboxRepo): Promise<void> {
  const run = (...args: string[]) => git(args, { cwd: work, homeDir });
  const paths = (await run("ls-tree", "-r", "--name-only", "-z", "HEAD"))
    .split("\0")
    .filter(Boolean);
  const files: Record<string, string> = {};
  for (const path of paths) files[path] = await run("show", `HEAD:${path}`);
  await repo.commit({
    branch: "master",
    files,
    message: "The rehearsed tree",
    author: "maintainer",
  });
}

async function objectBytes(gitDir: string, homeDir: string): Promise<number> {
  const out = await git(["--git-dir", gitDir, "count-objects", "-v"], { homeDir });
  const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, "m").exec(out)?.[1] ?? 0);
  return (kib("size") + kib("size-pack")) * 1024;
}

/**
 * `/branch 1.6`, a fix pushed to release-1.6, then `/rc 1.6`: the bot's calls for the `/rc`
 * delivery and what it caused.
 */
async function rcCalls(sandbox: Sandbox, repo: SandboxRepo): Promise<string[]> {
  const issue = await repo.openIssue({ title: "Release 1.6", user: "maintainer" });
  sandbox.setPermission(repo, "maintainer", "maintain");
  await repo.comment(issue, "/branch 1.6", { as: "maintainer" });
  await sandbox.idle({ timeoutMs: 60_000 });
  await repo.commit({
    branch: "release-1.6",
    files: { "main.go": `${INITIAL_FILES["main.go"]}// a fix\n` },
    message: "Fix the entry point",
    author: "maintainer",
  });
  await sandbox.idle({ timeoutMs: 60_000 });
  sandbox.clearRequests();
  await repo.comment(issue, "/rc 1.6", { as: "maintainer" });
  await sandbox.idle({ timeoutMs: 60_000 });
  if ((await repo.resolve("refs/tags/v1.6.0-rc.1")) === null) {
    throw new Error(`/rc 1.6 made no v1.6.0-rc.1 on ${repo.fullName}`);
  }
  return sandbox.requests.filter((r) => r.actor === sandbox.app.botLogin).map(describe);
}

function describe(entry: RequestLogEntry): string {
  return `${entry.method} ${entry.route ?? entry.path}`;
}

const sorted = (calls: readonly string[]) => [...calls].sort();
const sameCalls = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

export function rehearsalTable(result: RehearsalBenchResult): string {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return table(
    ["", "measured"],
    [
      ["commits in the repository", result.commits.toLocaleString("en-US")],
      ["seeding the local GitHub from it", `${Math.round(result.seedMs)} ms`],
      ["objects in the repository", mib(result.sourceObjectBytes)],
      ["objects copied into the local GitHub", mib(result.servedObjectBytes)],
      ["bot calls for a rehearsed /rc 1.6", String(result.rehearsedRc.length)],
      [
        "bot calls for /rc 1.6 on the local GitHub's own repository",
        String(result.githubRc.length),
      ],
      [
        "the same calls (method and route)",
        sameCalls(result.rehearsedRc, result.githubRc) ? "yes" : "no",
      ],
    ],
  );
}

export function rehearsalChecks(result: RehearsalBenchResult): Check[] {
  return [
    {
      target: `rehearsal seeding from ${result.commits.toLocaleString("en-US")} commits < ${SEED_TARGET_MS / 1000} s, objects borrowed`,
      measured: `${Math.round(result.seedMs)} ms, ${result.servedObjectBytes} bytes of objects copied`,
      pass: result.seedMs < SEED_TARGET_MS && result.servedObjectBytes === 0,
    },
    {
      target: "a rehearsed /rc makes the same calls as on GitHub",
      measured: `${result.rehearsedRc.length} calls rehearsed, ${result.githubRc.length} on the local GitHub's own repository`,
      pass: sameCalls(result.rehearsedRc, result.githubRc),
    },
  ];
}
