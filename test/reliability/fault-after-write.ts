/**
 * The fault-after-write matrix: every write a flow makes (each POST, PATCH, PUT and DELETE on a
 * repository, each GraphQL mutation, the writes of the handlers of the events it causes:
 * dashboard edits, check runs) is done by the local GitHub and then answered with a 502, a 504,
 * or no answer at all (the connection dropped), once each: a retry of the same request goes
 * through, as GitHub would answer it. The end state must be exactly the one the same flow leaves
 * without faults in a twin repository (`end-state.ts`), and the counters (`counters.ts`) must
 * find no duplicate and nothing missing. A flow's rows: "<flow>: <fault> after every write".
 */
import { type LostAnswer, lostAnswer } from "@release-bot/local-github";
import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Expected } from "./counters.js";
import { diffStates, endState } from "./end-state.js";
import {
  beginScenario,
  type ReliabilityEnv,
  repliesTo,
  startReliabilityEnv,
  waitFor,
} from "./harness.js";

const KINDS: readonly LostAnswer[] = ["502", "504", "dropped"];
const WRITES = ["POST", "PATCH", "PUT", "DELETE"] as const;

/** One flow: its setting up (no faults), its trigger, and the effects the counters expect. */
export interface Flow<Setup> {
  name: string;
  setUp(env: ReliabilityEnv): Promise<Setup>;
  run(env: ReliabilityEnv, setup: Setup): Promise<void>;
  expected(env: ReliabilityEnv, setup: Setup): Expected;
}

/** The writes the bot made since `since`: what the faults hit. */
function botWrites(env: ReliabilityEnv, since: number): string[] {
  return env.sandbox.requests
    .slice(since)
    .filter(
      (r) =>
        r.actor === env.sandbox.app.botLogin &&
        r.method !== "GET" &&
        r.graphql !== "query" &&
        !r.path.endsWith("/generate-notes"),
    )
    .map((r) => `${r.method} ${r.route ?? r.path}${r.graphql ? " (mutation)" : ""}`);
}

/** The flow's rows: the uninterrupted run first, then one run per fault kind. */
export function faultAfterWriteRows<Setup>(flow: Flow<Setup>): void {
  describe(`${flow.name}: a fault after every write`, () => {
    let uninterrupted: string[] = [];
    let writes: string[] = [];

    beforeAll(async () => {
      const env = await startReliabilityEnv();
      try {
        const setup = await flow.setUp(env);
        await env.sandbox.idle();
        const since = env.sandbox.requests.length;
        await flow.run(env, setup);
        await env.sandbox.idle();
        writes = botWrites(env, since);
        uninterrupted = await endState(env.sandbox, env.repo);
      } finally {
        await env.close();
      }
    }, 60_000);

    for (const kind of KINDS) {
      it(`${kind === "dropped" ? "a dropped connection" : kind} after each write leaves the uninterrupted end state`, async () => {
        const env = await startReliabilityEnv();
        try {
          const setup = await flow.setUp(env);
          await env.sandbox.idle();
          const label = kind === "dropped" ? "connection dropped" : kind;
          const scenario = await beginScenario(
            env,
            `${flow.name}: ${label} after each write (fault after write)`,
          );
          const faults = WRITES.map((method) =>
            env.sandbox.faults.inject({
              method,
              path: /^\/(repos\/|graphql$)/,
              distinct: true,
              ...lostAnswer(kind),
            }),
          );
          await flow.run(env, setup);
          await env.sandbox.idle();
          for (const fault of faults) fault.cancel();
          const diff = diffStates(uninterrupted, await endState(env.sandbox, env.repo));
          const counts = await scenario.end(flow.expected(env, setup), {
            duplicates: diff.extra.length,
            missing: diff.missing.map((line) => `missing: ${line}`),
          });
          expect(diff).toEqual({ extra: [], missing: [] });
          expect(counts.missing).toEqual([]);
          expect(counts).toMatchObject({ duplicates: 0, incomplete: 0 });
          // Every write of the uninterrupted run was hit once (and a few reads sent as POST).
          const hit = faults.reduce((n, fault) => n + fault.hits, 0);
          expect(hit).toBeGreaterThanOrEqual(writes.length);
        } finally {
          await env.close();
        }
      });
    }
  });
}

/** A fix pull request of `commits` commits, labelled, ready to be merged. */
async function openFix(
  env: ReliabilityEnv,
  name: string,
  commits: number,
  labels: string[],
): Promise<number> {
  const { repo } = env;
  await repo.createBranch(`fix/${name}`, "master", { as: CONTRIBUTOR });
  for (let i = 1; i <= commits; i++) {
    await repo.commit({
      branch: `fix/${name}`,
      files: { [`internal/controller/${name}-${i}.go`]: `package controller\n\n// ${name} ${i}\n` },
      message: `Fix ${name}, part ${i}\n\nSigned-off-by: Contributor <contributor@example.com>`,
      author: CONTRIBUTOR,
    });
  }
  const pr = await repo.openPullRequest({
    head: `fix/${name}`,
    base: "master",
    title: `Fix ${name}`,
    user: CONTRIBUTOR,
    labels,
  });
  return pr.number as number;
}

/** Posts a command and waits for its reply (past 9 s Probot answers 202 and works on). */
async function command(env: ReliabilityEnv, issue: number, body: string): Promise<number> {
  const posted = await env.repo.comment(issue, body, { as: MAINTAINER });
  await waitFor(async () => repliesTo(env, issue, posted.id).length > 0);
  return posted.id;
}

const STATUS = "release-bot:cherry-pick-status";

export const FIRST_CANDIDATE: Flow<null> = {
  name: "first candidate",
  setUp: async () => null,
  run: async (env) => {
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
  },
  expected: () => ({ releases: [{ tag: "v1.5.0-rc.0" }] }),
};

/** release-1.5 cut, a fix on it, an issue to command on. */
async function lineWithFix(env: ReliabilityEnv): Promise<{ issue: number; command: number }> {
  await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
  await env.sandbox.idle();
  await env.repo.commit({
    branch: "release-1.5",
    files: { "internal/controller/fix.go": "package controller\n" },
    message: "Fix a leak",
    author: MAINTAINER,
  });
  return {
    issue: await env.repo.openIssue({ title: "Release 1.5", user: MAINTAINER }),
    command: 0,
  };
}

export const CANDIDATE: Flow<{ issue: number; command: number }> = {
  name: "/rc",
  setUp: lineWithFix,
  run: async (env, setup) => {
    setup.command = await command(env, setup.issue, "/rc 1.5");
  },
  expected: (_env, { issue, command: id }) => ({
    releases: [{ tag: "v1.5.0-rc.1" }],
    replies: [{ issue, commentId: id, text: /^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/ }],
  }),
};

export const FINAL: Flow<{ issue: number; command: number }> = {
  name: "/release",
  setUp: async (env) => {
    const setup = await lineWithFix(env);
    await command(env, setup.issue, "/rc 1.5");
    return setup;
  },
  run: async (env, setup) => {
    setup.command = await command(env, setup.issue, "/release 1.5");
  },
  expected: (_env, { issue, command: id }) => ({
    releases: [{ tag: "v1.5.0" }],
    replies: [{ issue, commentId: id, text: /^Tagged release \[`v1\.5\.0`\]/ }],
  }),
};

export const MERGED_RELEASE_PULL_REQUEST: Flow<{ pull: number }> = {
  name: "merged release pull request",
  setUp: async (env) => {
    await env.repo.commit({
      branch: "master",
      files: { ".github/release-bot.yml": "release:\n  mode: pull-request\n" },
      message: "Land version bumps through pull requests",
      author: MAINTAINER,
    });
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    const [pull] = env.repo.pulls({ base: "release-1.5" });
    if (pull === undefined) throw new Error("no release pull request was opened");
    return { pull };
  },
  run: async (env, { pull }) => {
    await env.repo.mergePullRequest(pull, { method: "squash", as: MAINTAINER });
  },
  expected: (_env, { pull }) => ({
    releases: [{ tag: "v1.5.0-rc.0" }],
    notes: [{ issue: pull, includes: "release-bot:release-pr-tag" }],
  }),
};

function pickFlow(
  name: string,
  commits: number,
  method: "squash" | "rebase",
): Flow<{ pr: number }> {
  return {
    name,
    setUp: async (env) => {
      await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
      await env.sandbox.idle();
      return { pr: await openFix(env, "leak", commits, ["cherry-pick/release-1.5", "kind/bug"]) };
    },
    run: async (env, { pr }) => {
      await env.repo.mergePullRequest(pr, { method, as: MAINTAINER });
    },
    expected: (_env, { pr }) => ({
      picks: [{ original: pr, base: "release-1.5" }],
      notes: [{ issue: pr, includes: STATUS }],
    }),
  };
}

export const ONE_COMMIT_PICK = pickFlow("1-commit pick", 1, "squash");
export const THREE_COMMIT_PICK = pickFlow("3-commit pick", 3, "rebase");
