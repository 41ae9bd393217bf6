/**
 * Cherry-pick latency and API calls, release-bot against the clone-based way, on repositories of
 * growing history.
 *
 * release-bot: the real bot behind its real webhook server receives `pull_request.closed` of a
 * fix labelled `cherry-pick/release-1.5`; timed from the merge to the pick pull request existing
 * (the answer to its `POST /pulls`), and to the end of the delivery (status comment written).
 *
 * Baseline, what Prow's cherrypicker and backport Actions do: `git clone` of the same bare
 * repository over git's transport (objects really are packed and copied), `git checkout -b`,
 * `git cherry-pick -x`, `git push`. It does not even open the pull request, so it is the
 * clone-based way's lower bound.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { SandboxRepo } from "@release-bot/local-github";
import {
  CONTRIBUTOR,
  DEFAULT_BRANCH,
  INITIAL_FILES,
  MAINTAINER,
} from "@release-bot/local-github/testing";
import { botRequests, endOf, type RequestEntry, sequentialSteps } from "./support/calls.js";
import { type BenchEnvironment, diskUsage, settle } from "./support/env.js";
import { git } from "./support/git.js";
import { importHistory, maintainLikeGitHub } from "./support/history.js";

export const RELEASE_BRANCH = "release-1.5";
export const PICK_LABEL = `cherry-pick/${RELEASE_BRANCH}`;

/** What one triggering action cost the bot: its delivery, and the deliveries that one caused. */
export interface FlowSample {
  /** The bot's API requests (installation tokens aside), in the order they started. */
  calls: RequestEntry[];
  /** The calls made while the bot handled the triggering delivery. */
  delivery: RequestEntry[];
  deliveryCalls: number;
  /** Of those, the pick or release itself: all but configuration reads and the status comment. */
  pickCalls: number;
  /** Of those, configuration reads and the status comment's reads and writes. */
  overheadCalls: number;
  /** Calls made for the events the flow caused (its own branch's `create`, labels it set...). */
  followUpCalls: number;
  /** `POST /app/installations/{id}/access_tokens` (Probot caches the token for an hour). */
  tokenCalls: number;
  /** From the triggering action to the pick pull request's `POST /pulls` answered (picks only). */
  toPullMs: number;
  /** From the triggering action to the bot's last answered request. */
  totalMs: number;
  /** From the triggering action to the last answered request of the triggering delivery. */
  deliveryMs: number;
  /** Sequential round-trips of the triggering delivery (see `sequentialSteps`). */
  steps: number;
}

/** Where the request and delivery logs stood before an action. */
export interface Mark {
  requests: number;
  deliveries: number;
}

export function mark(env: BenchEnvironment): Mark {
  return {
    requests: env.sandbox.requests.length,
    deliveries: env.sandbox.webhooks.deliveries.length,
  };
}

export interface BaselineSample {
  totalMs: number;
  cloneMs: number;
  checkoutMs: number;
  pickMs: number;
  pushMs: number;
  /** Tree of the picked head, to compare with release-bot's result. */
  tree: string;
}

export interface PickCase {
  size: number;
  /** Commits of the fix pull request. */
  commits: number;
  method: "squash" | "rebase";
  bot: FlowSample[];
  baseline: BaselineSample[];
  /** Every baseline pick produced the same tree as release-bot's pick of the same pull request. */
  sameTree: boolean;
}

export interface RepoInfo {
  size: number;
  /** Commits on the default branch after generation (`git rev-list --count`). */
  commits: number;
  diskBytes: number;
  /** `git fast-import` of the history. */
  generateMs: number;
  /** Repack with a bitmap and a commit-graph, as GitHub stores repositories. */
  maintainMs: number;
  /** The first candidate the bot cut when `release-1.5` was created. */
  firstCandidate: FlowSample;
}

export interface PickBenchOptions {
  sizes: readonly number[];
  /** release-bot picks per repository and pull request size. */
  iterations: number;
  /** Clone-based picks per repository and pull request size (fewer on big repositories). */
  baselineIterations: (size: number) => number;
  /** Commits per fix pull request (default 1 and 10). */
  prSizes?: readonly number[];
  log?: (line: string) => void;
}

export interface PickBenchResult {
  repos: RepoInfo[];
  cases: PickCase[];
}

/**
 * Overhead around the pick: configuration reads, the status comment, and the release line's
 * dashboard, which the same delivery brings up to date (its cost is measured by
 * bench/dashboard.ts): listing dashboards and requested picks, comparing the line, listing its
 * pull requests, editing the dashboard issue.
 */
function isOverhead(entry: RequestEntry, original: number | null, repo: SandboxRepo): boolean {
  const edited = /\/issues\/(\d+)$/.exec(entry.path);
  return (
    entry.path.includes("/contents/") ||
    entry.path.includes("/issues/comments/") ||
    (original !== null && entry.path.endsWith(`/issues/${original}/comments`)) ||
    /[?&]labels=/.test(entry.url) ||
    entry.path.includes("/compare/") ||
    (entry.path.endsWith("/pulls") && /[?&]sort=created/.test(entry.url)) ||
    (entry.method === "PATCH" &&
      edited !== null &&
      repo.labels(Number(edited[1])).includes("release-bot/dashboard"))
  );
}

/**
 * The bot's calls since `since`, timed from `t0`; those made while it handled the first
 * `trigger` delivery after the mark are the delivery's (deliveries go one at a time).
 */
export function flowSample(
  env: BenchEnvironment,
  repo: SandboxRepo,
  since: Mark,
  t0: number,
  trigger: { event: string; action?: string },
  original: number | null,
): FlowSample {
  const all = botRequests(env.sandbox, since.requests);
  const calls = all.filter((r) => !r.path.startsWith("/app/"));
  const delivery = env.sandbox.webhooks.deliveries
    .slice(since.deliveries)
    .find((d) => d.event === trigger.event && (!trigger.action || d.action === trigger.action));
  const attempt = delivery?.attempts[0];
  if (!attempt) throw new Error(`no ${trigger.event} delivery to the bot`);
  const during = calls.filter(
    (r) => r.at >= attempt.at && endOf(r) <= attempt.at + attempt.durationMs,
  );
  const overheadCalls = during.filter((r) => isOverhead(r, original, repo)).length;
  const pull = calls.find((r) => r.method === "POST" && /\/pulls$/.test(r.path));
  return {
    calls,
    delivery: during,
    deliveryCalls: during.length,
    pickCalls: during.length - overheadCalls,
    overheadCalls,
    followUpCalls: calls.length - during.length,
    tokenCalls: all.length - calls.length,
    toPullMs: pull ? endOf(pull) - t0 : Number.NaN,
    totalMs: calls.length > 0 ? Math.max(...calls.map(endOf)) - t0 : 0,
    deliveryMs: during.length > 0 ? Math.max(...during.map(endOf)) - t0 : 0,
    steps: sequentialSteps(during),
  };
}

/**
 * A repository shaped like the demo operator with `size` commits on master (all but the first
 * written by `git fast-import`), and `release-1.5` branched 10 commits back, which makes the
 * bot cut `v1.5.0-rc.0` on it.
 */
export async function prepareRepo(
  env: BenchEnvironment,
  size: number,
): Promise<{ repo: SandboxRepo; info: RepoInfo }> {
  const { sandbox } = env;
  const repo = await sandbox.createRepo(`kubeflow/operator-${size}`, {
    defaultBranch: DEFAULT_BRANCH,
    files: INITIAL_FILES,
    message: "Initial commit: demo-operator 1.4",
  });
  sandbox.setPermission(repo, MAINTAINER, "maintain");
  sandbox.setPermission(repo, CONTRIBUTOR, "read");
  const initial = (await repo.resolve(DEFAULT_BRANCH)) as string;
  const started = performance.now();
  if (size > 1) {
    await importHistory(repo.gitDir, {
      branch: DEFAULT_BRANCH,
      from: initial,
      commits: size - 1,
      homeDir: env.homeDir,
    });
  }
  const generateMs = performance.now() - started;
  await maintainLikeGitHub(repo.gitDir, env.homeDir);
  const maintainMs = performance.now() - started - generateMs;
  const commits = Number((await repo.git("rev-list", "--count", DEFAULT_BRANCH)).trim());
  const base = (await repo.git("rev-parse", `${DEFAULT_BRANCH}~${Math.min(10, size - 1)}`)).trim();

  const since = mark(env);
  await repo.createBranch(RELEASE_BRANCH, base, { as: MAINTAINER });
  const t0 = Date.now();
  await settle(env, () => repo.release("v1.5.0-rc.0") !== null, `v1.5.0-rc.0 on ${repo.fullName}`);
  const firstCandidate = flowSample(env, repo, since, t0, { event: "create" }, null);
  return {
    repo,
    info: {
      size,
      commits,
      diskBytes: await diskUsage(repo.gitDir),
      generateMs,
      maintainMs,
      firstCandidate,
    },
  };
}

/** Bodies of the bot's comments on an issue or pull request. */
export function botComments(env: BenchEnvironment, repo: SandboxRepo, number: number): string[] {
  const bot = env.sandbox.app.botLogin;
  return repo
    .comments(number)
    .filter((c) => (c.user as { login?: string } | undefined)?.login === bot)
    .map((c) => c.body);
}

let fixes = 0;

/** A fix pull request of `commits` commits on master, labelled for release-1.5 (not merged). */
export async function openFix(
  env: BenchEnvironment,
  repo: SandboxRepo,
  commits: number,
): Promise<number> {
  fixes += 1;
  const branch = `fix/bench-${fixes}`;
  const path = `internal/fixes/fix${fixes}.go`;
  let content = `package fixes\n\n// Fix${fixes} holds the fix's changes.\n`;
  for (let j = 1; j <= commits; j++) {
    content += `\n// Step${j} of fix ${fixes}.\nconst Fix${fixes}Step${j} = ${j}\n`;
    await repo.commit({
      branch,
      from: DEFAULT_BRANCH,
      files: { [path]: content },
      message: `Fix ${fixes}, step ${j}\n\nSigned-off-by: Contributor <contributor@example.com>`,
      author: CONTRIBUTOR,
    });
  }
  const pr = await repo.openPullRequest({
    head: branch,
    base: DEFAULT_BRANCH,
    title: `Fix executor cleanup (${fixes})`,
    body: `Fixes a bug users hit.\n\n\`\`\`release-note\nFixed executor cleanup (${fixes}).\n\`\`\`\n`,
    user: CONTRIBUTOR,
  });
  await repo.addLabels(pr.number, ["kind/bug", PICK_LABEL], { as: MAINTAINER });
  await settle(
    env,
    () => botComments(env, repo, pr.number).length > 0,
    `the status of #${pr.number}`,
  );
  return pr.number;
}

export interface BotPick {
  sample: FlowSample;
  /** The commits picked, oldest first. */
  shas: string[];
  tree: string;
}

/** Merges the fix and lets the bot pick it; checks the pick pull request exists. */
export async function botPick(
  env: BenchEnvironment,
  repo: SandboxRepo,
  number: number,
  commits: number,
  method: "squash" | "rebase",
): Promise<BotPick> {
  const since = mark(env);
  const { sha } = await repo.mergePullRequest(number, { method, as: MAINTAINER });
  const t0 = Date.now();
  const pickBranch = `cherry-pick-${number}-to-${RELEASE_BRANCH}`;
  // Done when the status comment names the pick pull request: the flow's last write.
  await settle(
    env,
    () => {
      const [pick] = repo.pulls({ head: pickBranch, base: RELEASE_BRANCH });
      return (
        pick !== undefined &&
        botComments(env, repo, number).some((body) => body.includes(`#${pick} is open`))
      );
    },
    `the pick of #${number}`,
  );
  const sample = flowSample(
    env,
    repo,
    since,
    t0,
    { event: "pull_request", action: "closed" },
    number,
  );
  const shas = (await repo.git("rev-list", "--first-parent", `--max-count=${commits}`, sha))
    .trim()
    .split("\n")
    .reverse();
  const picked = Number(
    (await repo.git("rev-list", "--count", `${RELEASE_BRANCH}..${pickBranch}`)).trim(),
  );
  if (picked !== commits) {
    throw new Error(`#${number}: the pick branch has ${picked} commits, expected ${commits}`);
  }
  const tree = (await repo.git("rev-parse", `${pickBranch}^{tree}`)).trim();
  return { sample, shas, tree };
}

/** The clone-based pick of the same commits, as Prow's cherrypicker or a backport Action does it. */
export async function clonePick(
  env: BenchEnvironment,
  repo: SandboxRepo,
  shas: readonly string[],
  name: string,
): Promise<BaselineSample> {
  const dir = join(env.workDir, `clone-${name}`);
  const branch = `backport-${name}-to-${RELEASE_BRANCH}`;
  const homeDir = env.homeDir;
  const t0 = performance.now();
  await git(["clone", "--no-local", "--quiet", repo.gitDir, dir], { homeDir });
  const t1 = performance.now();
  await git(["checkout", "--quiet", "-b", branch, `origin/${RELEASE_BRANCH}`], {
    cwd: dir,
    homeDir,
  });
  const t2 = performance.now();
  await git(
    [
      "-c",
      "user.name=Backport Bot",
      "-c",
      "user.email=backport@example.com",
      "cherry-pick",
      "-x",
      ...shas,
    ],
    { cwd: dir, homeDir },
  );
  const t3 = performance.now();
  await git(["push", "--quiet", "origin", branch], { cwd: dir, homeDir });
  const t4 = performance.now();
  const tree = (await git(["rev-parse", "HEAD^{tree}"], { cwd: dir, homeDir })).trim();
  await rm(dir, { recursive: true, force: true });
  await git(["--git-dir", repo.gitDir, "update-ref", "-d", `refs/heads/${branch}`], { homeDir });
  return {
    totalMs: t4 - t0,
    cloneMs: t1 - t0,
    checkoutMs: t2 - t1,
    pickMs: t3 - t2,
    pushMs: t4 - t3,
    tree,
  };
}

export async function runPickBenchmark(
  env: BenchEnvironment,
  options: PickBenchOptions,
): Promise<PickBenchResult> {
  const log = options.log ?? (() => undefined);
  const prSizes = options.prSizes ?? [1, 10];
  const repos: RepoInfo[] = [];
  const cases: PickCase[] = [];
  for (const size of options.sizes) {
    log(`pick: preparing a repository of ${size.toLocaleString("en-US")} commits`);
    const { repo, info } = await prepareRepo(env, size);
    repos.push(info);
    log(
      `pick: ${info.commits.toLocaleString("en-US")} commits generated in ${Math.round(info.generateMs)} ms, repacked in ${Math.round(info.maintainMs)} ms`,
    );
    // Warm-up, not measured: the first pick on a repository starts its git processes.
    const warm = await openFix(env, repo, 1);
    const warmPick = await botPick(env, repo, warm, 1, "squash");
    await clonePick(env, repo, warmPick.shas, `warm-${warm}`);

    const bySize = prSizes.map(
      (commits): PickCase => ({
        size,
        commits,
        method: commits === 1 ? "squash" : "rebase",
        bot: [],
        baseline: [],
        sameTree: true,
      }),
    );
    cases.push(...bySize);
    const baselineRuns = options.baselineIterations(size);
    for (let i = 0; i < options.iterations; i++) {
      for (const c of bySize) {
        const number = await openFix(env, repo, c.commits);
        const pick = await botPick(env, repo, number, c.commits, c.method);
        c.bot.push(pick.sample);
        let line = `pick: ${size} commits, ${c.commits}-commit PR #${number}: release-bot ${Math.round(pick.sample.toPullMs)} ms, ${pick.sample.calls.length} calls`;
        if (i < baselineRuns) {
          const base = await clonePick(env, repo, pick.shas, String(number));
          c.baseline.push(base);
          if (base.tree !== pick.tree) c.sameTree = false;
          line += `; clone-based ${Math.round(base.totalMs)} ms`;
        }
        log(line);
      }
    }
  }
  return { repos, cases };
}
