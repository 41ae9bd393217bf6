import { spawn } from "node:child_process";
import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPORARY_SUBJECT } from "../../src/github/pick/engine.js";
import { STALE_AFTER_MS, TEMPORARY_PREFIX } from "../../src/github/pick/temporary.js";
import { type Replica, type ReplicaRequest, startReplica, until } from "./processes.js";
import { replicaTestsHere, type TestRedis, testRedis } from "./redis.js";
import { type ReplicaBed, startReplicaBed } from "./release-lines.js";

const PICK_LABEL = "cherry-pick/release-1.5";

interface Outcome {
  pull: number;
  mergeSha: string;
  pickBranch: string;
  killed: string;
  /** From the kill to the survivor's first write. */
  stalledMs: number;
  /** What the killed replica left: its temporary branches' head messages, pick branches, pick pulls, status comments. */
  leftBehind: {
    temporaries: string[];
    pickBranches: string[];
    pickPulls: number;
    statusComments: number;
  };
  reconcileOutput: string;
}

/**
 * A replica killed (SIGKILL) in the middle of a pick, right after it created its temporary
 * branch (`release-bot/tmp/…`): the redelivery of the merge, which the load balancer sends to the
 * other replica, makes the pick on a temporary branch of its own, and the reconcile pass deletes
 * the one the killed replica left. The local GitHub's clock runs `STALE_AFTER_MS` behind while
 * the first replica picks, so its leftover is as old as one left by a crash that long ago.
 */
const redisHere = replicaTestsHere();

describe.skipIf(redisHere.kind === "skip")("a replica killed in the middle of a pick", () => {
  let redis: TestRedis;
  let bed: ReplicaBed;
  let replicas: Replica[] = [];
  let outcome: Outcome;

  beforeAll(async () => {
    redis = await testRedis(2);
    bed = await startReplicaBed(["1.5"]);
    const { sandbox, repo } = bed;
    await repo.createBranch("fix/timeout", "master", { as: CONTRIBUTOR });
    await repo.commit({
      branch: "fix/timeout",
      files: { "docs/timeout.md": "The executor start timeout is 120s.\n" },
      message: "Document the executor start timeout",
      author: CONTRIBUTOR,
    });
    const pr = await repo.openPullRequest({
      head: "fix/timeout",
      base: "master",
      title: "Document the executor start timeout",
      user: CONTRIBUTOR,
    });
    await repo.addLabels(pr.number, [PICK_LABEL], { as: MAINTAINER });
    await sandbox.idle();

    const seen: ReplicaRequest[] = [];
    replicas = await Promise.all(
      ["a", "b"].map((name) => startReplica({ name, sandbox, redisUrl: redis.url, seen })),
    );
    const balancer = sandbox.subscribe(replicas.map((r) => r.webhookUrl));
    sandbox.clearRequests();

    bed.setClockBehindMs(STALE_AFTER_MS + 60_000);
    const { sha: mergeSha } = await repo.mergePullRequest(pr.number, {
      method: "squash",
      as: MAINTAINER,
    });
    const pickBranch = `cherry-pick-${pr.number}-to-release-1.5`;
    const bot = sandbox.app.botLogin;
    // The temporary branch's creation, in the local GitHub's request log: the pick is under way.
    await until(
      () =>
        sandbox.requests.some(
          (r) =>
            r.actor === bot &&
            r.method === "POST" &&
            r.path.endsWith("/git/refs") &&
            r.status === 201,
        ),
      30_000,
    );
    const creator = seen.find((r) => r.method === "POST" && r.path.endsWith("/git/refs"));
    const victim = replicas.find((r) => r.name === creator?.replica);
    if (!victim) throw new Error("no replica created the temporary branch");
    await victim.kill();
    const killedAt = Date.now();
    const survivor = replicas.find((r) => r !== victim) as Replica;

    const closed = sandbox.webhooks.find({ event: "pull_request", action: "closed" })[0];
    if (!closed) throw new Error("no pull_request.closed delivery");
    await until(() => closed.state === "done", 10_000);
    const branches = await repo.branches();
    const temporaries = branches.filter((b) => b.startsWith(TEMPORARY_PREFIX));
    const leftBehind = {
      temporaries: await Promise.all(
        temporaries.map(async (b) => (await repo.readCommit(b))?.message ?? ""),
      ),
      pickBranches: branches.filter((b) => b.startsWith("cherry-pick-")),
      pickPulls: repo.pulls({ state: "all", base: "release-1.5" }).length,
      statusComments: repo.comments(pr.number).length,
    };

    // The load balancer drops the dead replica; five minutes on, someone presses "Redeliver".
    balancer.unsubscribe();
    sandbox.subscribe(survivor.webhookUrl);
    bed.setClockBehindMs(0);
    sandbox.webhooks.redeliver(closed.guid);
    await until(() => repo.comments(pr.number).length > 0, 75_000);
    await sandbox.idle();
    const firstWriteAfterKill = sandbox.requests.find(
      (r) => r.actor === bot && r.method !== "GET" && r.at > killedAt,
    );

    outcome = {
      pull: pr.number,
      mergeSha,
      pickBranch,
      killed: victim.name,
      stalledMs: (firstWriteAfterKill?.at ?? Number.NaN) - killedAt,
      leftBehind,
      reconcileOutput: await reconcile(bed),
    };
  }, 150_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await bed?.sandbox.close();
    await redis?.stop();
  });

  it("was killed holding a temporary branch, before any pick branch, pull request or comment", () => {
    expect(outcome.leftBehind).toEqual({
      temporaries: [expect.stringMatching(new RegExp(`^${TEMPORARY_SUBJECT}`))],
      pickBranches: [],
      pickPulls: 0,
      statusComments: 0,
    });
  });

  it("is finished by the redelivery on the other replica: one pick branch, one pick pull request", async () => {
    const { repo } = bed;
    const pickBranches = (await repo.branches()).filter((b) => b.startsWith("cherry-pick-"));
    expect(pickBranches).toEqual([outcome.pickBranch]);
    const head = await repo.readCommit(outcome.pickBranch);
    expect(head?.message).toContain(`(cherry picked from commit ${outcome.mergeSha})`);
    expect(head?.parents).toEqual([await repo.resolve("release-1.5")]);
    expect(await repo.readFile(outcome.pickBranch, "docs/timeout.md")).toBe(
      "The executor start timeout is 120s.\n",
    );
    const pulls = repo.pulls({ state: "all", base: "release-1.5" });
    expect(pulls).toHaveLength(1);
    const pick = await repo.pull(pulls[0] as number);
    expect(pick).toMatchObject({
      head: { ref: outcome.pickBranch },
      state: "open",
      title: "[release-1.5] Document the executor start timeout",
    });
  });

  it("says so in one status comment on the picked pull request", () => {
    const comments = bed.repo.comments(outcome.pull);
    expect(comments).toHaveLength(1);
    const pickNumber = bed.repo.pulls({ state: "all", base: "release-1.5" })[0];
    expect(comments[0]?.body).toContain(`🔀 Pick pull request #${pickNumber} is open.`);
  });

  it("holds up the installation's writes on the other replica for at most the throttle's one-minute job expiry", () => {
    // The killed replica had already taken the installation's next write turn in Redis (it
    // schedules each write as soon as the previous one returns); Bottleneck frees a dead client's
    // turn only when the job expires, which @octokit/plugin-throttling sets to 60 s with Redis.
    console.log(`first write after the kill: ${outcome.stalledMs} ms later`);
    expect(outcome.stalledMs).toBeLessThan(60_000 + 5_000);
  });

  it("leaves the reconcile pass only the killed replica's temporary branch to delete", async () => {
    const lines = outcome.reconcileOutput.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${bed.repo.fullName}: ${TEMPORARY_PREFIX}${outcome.pickBranch}/\\w+: done: Deleted the leftover temporary branch`,
        ),
      ),
    ]);
    expect((await bed.repo.branches()).filter((b) => b.startsWith(TEMPORARY_PREFIX))).toEqual([]);
  });
});

/** `npm run reconcile -- --repo ... --base-url ...` as an operator would run it after an incident. */
function reconcile(bed: ReplicaBed): Promise<string> {
  const { appId, privateKey } = bed.sandbox.probotOptions();
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      ["src/bin/reconcile.ts", "--repo", bed.repo.fullName, "--base-url", bed.sandbox.url],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          APP_ID: String(appId),
          PRIVATE_KEY: privateKey,
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`reconcile exited ${code}: ${stderr}${stdout}`)),
    );
  });
}
