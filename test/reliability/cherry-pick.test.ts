import type { RuleHandle } from "@release-bot/local-github";
import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Expected } from "./counters.js";
import {
  beginScenario,
  commentDelivery,
  lastDelivery,
  type ReliabilityEnv,
  redeliver,
  repliesTo,
  startReliabilityEnv,
} from "./harness.js";

/** A contributor's fix, opened against master with these labels. */
async function openFix(env: ReliabilityEnv, name: string, labels: string[]): Promise<number> {
  const { repo, sandbox } = env;
  await repo.createBranch(`fix/${name}`, "master", { as: CONTRIBUTOR });
  await repo.commit({
    branch: `fix/${name}`,
    files: { [`internal/controller/${name}.go`]: `package controller\n\n// ${name}\n` },
    message: `Fix ${name}\n\nSigned-off-by: Contributor <contributor@example.com>`,
    author: CONTRIBUTOR,
  });
  const pr = await repo.openPullRequest({
    head: `fix/${name}`,
    base: "master",
    title: `Fix ${name}`,
    user: CONTRIBUTOR,
    labels,
  });
  await sandbox.idle();
  return pr.number as number;
}

const squash = (env: ReliabilityEnv, pr: number) =>
  env.repo.mergePullRequest(pr, { method: "squash", as: MAINTAINER });

/** The bot's status comment on a pull request, and what its row for release-1.5 says. */
const STATUS = "release-bot:cherry-pick-status";
const pickOpen = (pick: number | string) =>
  new RegExp(`\\| \`release-1\\.5\` \\| 🔀 Pick pull request #${pick} is open\\. \\|`);

/** The pick pull requests of `original` onto release-1.5. */
function picksOf(env: ReliabilityEnv, original: number): number[] {
  return env.repo
    .pulls({ base: "release-1.5" })
    .filter((n) =>
      String((env.repo.issue(n) as { body?: string | null }).body ?? "").startsWith(
        `Cherry-pick of #${original} onto release-1.5`,
      ),
    );
}

const expectPick = (original: number, extra: Expected = {}): Expected => ({
  picks: [{ original, base: "release-1.5" }],
  notes: [{ issue: original, includes: STATUS, text: pickOpen("\\d+") }],
  ...extra,
});

// 60 redeliveries to 3 replicas a scenario: 10–16 s on a quiet machine, far more on a busy one.
describe("cherry-picks redelivered to 3 racing replicas", { timeout: 120_000 }, () => {
  let env: ReliabilityEnv;
  const REPLICAS = 3;

  beforeAll(async () => {
    env = await startReliabilityEnv({ replicas: REPLICAS });
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("a merged labelled pull request: one pick PR, one status comment", async () => {
    const pr = await openFix(env, "leak", ["cherry-pick/release-1.5"]);
    const scenario = await beginScenario(env, "merged labelled PR");
    await squash(env, pr);
    await env.sandbox.idle();
    const guid = lastDelivery(env, "pull_request", "closed", (p) => (p.number as number) === pr);
    await redeliver(env, guid, 50, "sequential");
    await redeliver(env, guid, 10, "concurrent");
    const counts = await scenario.end(expectPick(pr));
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({
      pickPulls: { [`#${pr}→release-1.5`]: 1 },
      notes: { [`note on #${pr} with ${JSON.stringify(STATUS)}`]: 1 },
      duplicates: 0,
      incomplete: 0,
    });
    // The pull_request.closed, sent 61 times, beside the merge's push, to each replica.
    expect(counts.deliveries).toBe((61 + 1) * REPLICAS);
    expect(picksOf(env, pr)).toHaveLength(1);
  });

  it("/cherry-pick on a merged pull request: one pick PR, one reply", async () => {
    const pr = await openFix(env, "race", []);
    await squash(env, pr);
    await env.sandbox.idle();
    const scenario = await beginScenario(env, "/cherry-pick comment");
    const posted = await env.repo.comment(pr, "/cherry-pick release-1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    const guid = commentDelivery(env, posted.id);
    await redeliver(env, guid, 50, "sequential");
    await redeliver(env, guid, 10, "concurrent");
    const [pick] = picksOf(env, pr);
    const counts = await scenario.end(
      expectPick(pr, {
        replies: [{ issue: pr, commentId: posted.id, text: new RegExp(`#${pick}\\b`) }],
      }),
    );
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({
      deliveries: 61 * REPLICAS,
      pickPulls: { [`#${pr}→release-1.5`]: 1 },
      duplicates: 0,
      incomplete: 0,
    });
    expect(repliesTo(env, pr, posted.id)).toHaveLength(1);
  });

  it("label and merge events in reverse order: one pick PR", async () => {
    const pr = await openFix(env, "order", []);
    const scenario = await beginScenario(env, "label/merge reordered");
    const held: RuleHandle = env.sandbox.webhooks.hold({ event: "pull_request" });
    await squash(env, pr);
    await env.repo.addLabels(pr, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    // The hold caught both events, merge first: releasing them reversed sends the label first.
    expect(held.held.map((d) => d.action)).toEqual(["closed", "labeled"]);
    const [closed, labeled] = held.held;
    held.release("reverse");
    // The rule would hold every later pull_request event too.
    held.remove();
    await env.sandbox.idle();
    const sentAt = (d: typeof closed) => d?.attempts[0]?.at ?? Number.NaN;
    expect(sentAt(labeled)).toBeLessThanOrEqual(sentAt(closed));
    const counts = await scenario.end(expectPick(pr));
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({
      pickPulls: { [`#${pr}→release-1.5`]: 1 },
      duplicates: 0,
      incomplete: 0,
    });
  });

  it("a label removed before the merge: the request is withdrawn, nothing is picked", async () => {
    const { repo, sandbox } = env;
    const pr = await openFix(env, "withdrawn", []);
    const scenario = await beginScenario(env, "pick label removed before merge");
    await repo.addLabels(pr, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await sandbox.idle();
    const status = () =>
      repo
        .comments(pr)
        .filter((c) => c.body.includes(STATUS))
        .map((c) => c.body);
    expect(status()).toHaveLength(1);
    expect(status()[0]).toContain("| `release-1.5` | ⏳ Pending");

    await repo.removeLabel(pr, "cherry-pick/release-1.5", { as: MAINTAINER });
    await sandbox.idle();
    await squash(env, pr);
    await sandbox.idle();
    // Expected: the status comment saying so, and no pick (any pick PR would be a duplicate).
    const counts = await scenario.end({
      notes: [
        {
          issue: pr,
          includes: STATUS,
          text: /^### Cherry-picks\n\nNo pick is requested: the cherry-pick labels were removed\./,
        },
      ],
    });
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({ pickPulls: {}, duplicates: 0, incomplete: 0 });
    expect(picksOf(env, pr)).toEqual([]);
  });

  it("no replica logged an error for losing a race", () => {
    expect(env.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});

/** The pick's steps, each made to fail after GitHub performed it, more often than the bot retries. */
const PICK_STEPS: Array<{ step: string; method: string; path: RegExp }> = [
  { step: "temporary commit", method: "POST", path: /\/git\/commits$/ },
  { step: "temporary branch", method: "POST", path: /\/git\/refs$/ },
  { step: "merge", method: "POST", path: /\/merges$/ },
  { step: "pick branch and temporary branch deletion", method: "POST", path: /^\/graphql$/ },
  { step: "pull request", method: "POST", path: /\/pulls$/ },
  { step: "labels", method: "PATCH", path: /\/issues\/\d+$/ },
];

describe("a pick interrupted after each step", () => {
  let env: ReliabilityEnv | undefined;

  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  for (const { step, method, path } of PICK_STEPS) {
    it(`finishes on redelivery after a failure past "${step}", leaving no stray branch`, async () => {
      env = await startReliabilityEnv();
      await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
      await env.sandbox.idle();
      const pr = await openFix(env, "step", ["cherry-pick/release-1.5", "kind/bug"]);
      const scenario = await beginScenario(env, `pick interrupted after ${step}`);
      const fault = env.sandbox.faults.inject({
        method,
        path,
        status: 502,
        times: 4,
        when: "after",
      });
      await squash(env, pr);
      await env.sandbox.idle();
      expect(fault.hits).toBeGreaterThanOrEqual(1);
      fault.cancel();
      // Ten minutes later, what the interrupted run left (its claim, its temporary branch) is as
      // old as the limit past which a run is taken to have died.
      await env.clock.advance(10 * 60 * 1000);
      const guid = lastDelivery(env, "pull_request", "closed", (p) => (p.number as number) === pr);
      await redeliver(env, guid, 1, "sequential");

      // Nothing else was asked: what is there now, the redelivery left.
      const counts = await scenario.end(expectPick(pr));
      expect(counts.missing).toEqual([]);
      expect(counts).toMatchObject({
        deliveries: 3,
        faults: fault.hits,
        pickPulls: { [`#${pr}→release-1.5`]: 1 },
        duplicates: 0,
        incomplete: 0,
      });
      const [pick] = picksOf(env, pr);
      const status = env.repo.comments(pr).filter((c) => c.body.includes(STATUS));
      expect(status.map((c) => c.body)).toEqual([expect.stringMatching(pickOpen(pick ?? 0))]);
      const all = await env.repo.branches();
      const branches = all.filter((b) => b.startsWith("cherry-pick-"));
      expect(branches).toEqual([`cherry-pick-${pr}-to-release-1.5`]);
      // Besides it, at most the interrupted run's scratch branch, which reconcile deletes.
      const others = all.filter(
        (b) => !["master", "release-1.5", "fix/step", ...branches].includes(b),
      );
      expect(others.filter((b) => !b.startsWith("release-bot/tmp/cherry-pick-"))).toEqual([]);
      const head = await env.repo.readCommit(branches[0] ?? "");
      expect(head?.message).toContain("(cherry picked from commit");
      // The pick pull request carries the original's labels, except in one known gap: when
      // GitHub made the pull request but lost the answer, the redelivery finds it and does not
      // label it.
      expect(env.repo.labels(pick ?? 0)).toEqual(step === "pull request" ? [] : ["kind/bug"]);
    });
  }
});
