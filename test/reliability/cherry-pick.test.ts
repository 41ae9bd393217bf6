import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONTRIBUTOR, MAINTAINER } from "../../src/demo/scenario.js";
import {
  commentDelivery,
  effects,
  lastDelivery,
  type ReliabilityEnv,
  redeliver,
  report,
  startReliabilityEnv,
} from "./harness.js";

async function mergedFix(env: ReliabilityEnv, name: string, labels: string[], hold = false) {
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
  const held = hold ? sandbox.webhooks.hold({ event: "pull_request" }) : null;
  await repo.mergePullRequest(pr.number, { method: "squash", as: MAINTAINER });
  if (!held) await sandbox.idle();
  return { number: pr.number as number, held };
}

describe("cherry-picks redelivered to 3 racing replicas", () => {
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
    const pr = await mergedFix(env, "leak", ["cherry-pick/release-1.5"]);
    const guid = lastDelivery(
      env,
      "pull_request",
      "closed",
      (p) => (p.number as number) === pr.number,
    );
    await redeliver(env, guid, 50, "sequential");
    await redeliver(env, guid, 10, "concurrent");
    const seen = await effects(env);
    const picks = seen.pickPulls(pr.number);
    const comments = seen.botComments(pr.number);
    report({
      scenario: "merged labelled PR",
      deliveries: 61 * REPLICAS,
      faults: 0,
      duplicates: Math.max(0, picks - 1) + Math.max(0, comments - 1),
      incomplete: picks === 1 ? 0 : 1,
    });
    expect(picks).toBe(1);
    expect(comments).toBe(1);
  });

  it("/cherry-pick on a merged pull request: one pick PR, one reply", async () => {
    const pr = await mergedFix(env, "race", []);
    const posted = await env.repo.comment(pr.number, "/cherry-pick release-1.5", {
      as: MAINTAINER,
    });
    await env.sandbox.idle();
    const guid = commentDelivery(env, posted.id);
    await redeliver(env, guid, 50, "sequential");
    await redeliver(env, guid, 10, "concurrent");
    const seen = await effects(env);
    const picks = seen.pickPulls(pr.number);
    const replies = seen.replies(pr.number, posted.id);
    report({
      scenario: "/cherry-pick comment",
      deliveries: 61 * REPLICAS,
      faults: 0,
      duplicates: Math.max(0, picks - 1) + Math.max(0, replies - 1),
      incomplete: picks === 1 && replies === 1 ? 0 : 1,
    });
    expect(picks).toBe(1);
    expect(replies).toBe(1);
    expect(seen.failedReplies(pr.number)).toBe(0);
  });

  it("label and merge events in reverse order: one pick PR", async () => {
    const pr = await mergedFix(env, "order", [], true);
    await env.repo.addLabels(pr.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    pr.held?.release("reverse");
    // The rule would hold every later pull_request event too.
    pr.held?.remove();
    await env.sandbox.idle();
    const picks = (await effects(env)).pickPulls(pr.number);
    report({
      scenario: "label/merge reordered",
      deliveries: 2 * REPLICAS,
      faults: 0,
      duplicates: Math.max(0, picks - 1),
      incomplete: picks === 1 ? 0 : 1,
    });
    expect(picks).toBe(1);
  });

  it("a label removed before the merge: the request is withdrawn, nothing is picked", async () => {
    const { repo, sandbox } = env;
    await repo.createBranch("fix/withdrawn", "master", { as: CONTRIBUTOR });
    await repo.commit({
      branch: "fix/withdrawn",
      files: { "internal/controller/withdrawn.go": "package controller\n\n// withdrawn\n" },
      message: "Fix withdrawn\n\nSigned-off-by: Contributor <contributor@example.com>",
      author: CONTRIBUTOR,
    });
    const pr = await repo.openPullRequest({
      head: "fix/withdrawn",
      base: "master",
      title: "Fix withdrawn",
      user: CONTRIBUTOR,
    });
    await repo.addLabels(pr.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await sandbox.idle();
    const status = () =>
      repo
        .comments(pr.number)
        .filter((c) => c.body.includes("release-bot:cherry-pick-status"))
        .map((c) => c.body);
    expect(status()).toHaveLength(1);
    expect(status()[0]).toContain("| `release-1.5` | ⏳ Pending");

    await repo.removeLabel(pr.number, "cherry-pick/release-1.5", { as: MAINTAINER });
    await sandbox.idle();
    await repo.mergePullRequest(pr.number, { method: "squash", as: MAINTAINER });
    await sandbox.idle();
    const picks = (await effects(env)).pickPulls(pr.number);
    report({
      scenario: "pick label removed before merge",
      deliveries: 3 * REPLICAS,
      faults: 0,
      duplicates: picks + Math.max(0, status().length - 1),
      incomplete: status()[0]?.includes("No pick is requested") ? 0 : 1,
    });
    expect(status()).toHaveLength(1);
    expect(status()[0]).toContain("No pick is requested: the cherry-pick labels were removed.");
    expect(picks).toBe(0);
  });

  it("no replica logged an error for losing a race", () => {
    expect(env.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});

/** The pick's steps, each made to fail after GitHub performed it, more often than the bot retries. */
const PICK_STEPS: Array<{ step: string; method: string; path: RegExp }> = [
  { step: "temporary commit", method: "POST", path: /\/git\/commits$/ },
  { step: "pick branch", method: "POST", path: /\/git\/refs$/ },
  { step: "merge", method: "POST", path: /\/merges$/ },
  { step: "temporary branch deletion", method: "DELETE", path: /\/git\/refs\/heads%2Frelease-bot/ },
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
      const fault = env.sandbox.faults.inject({
        method,
        path,
        status: 502,
        times: 4,
        when: "after",
      });
      const pr = await mergedFix(env, "step", ["cherry-pick/release-1.5"]);
      expect(fault.hits).toBeGreaterThanOrEqual(1);
      fault.cancel();
      const guid = lastDelivery(
        env,
        "pull_request",
        "closed",
        (p) => (p.number as number) === pr.number,
      );
      await redeliver(env, guid, 1, "sequential");
      // An interrupted pick older than the lease is taken over; a fresh one is left to its owner.
      // Either way a /cherry-pick asks again explicitly, as a maintainer would.
      const seen = await effects(env);
      let picks = seen.pickPulls(pr.number);
      if (picks === 0) {
        await env.repo.comment(pr.number, "/cherry-pick release-1.5", { as: MAINTAINER });
        await env.sandbox.idle();
        picks = (await effects(env)).pickPulls(pr.number);
      }
      const branches = (await env.repo.branches()).filter((b) => b.startsWith("cherry-pick-"));
      report({
        scenario: `pick interrupted after ${step}`,
        deliveries: 2,
        faults: fault.hits,
        duplicates: Math.max(0, picks - 1),
        incomplete: picks === 1 && branches.length === 1 ? 0 : 1,
      });
      expect(picks).toBe(1);
      expect(branches).toEqual([`cherry-pick-${pr.number}-to-release-1.5`]);
      const head = await env.repo.readCommit(branches[0] ?? "");
      expect(head?.message).toContain("(cherry picked from commit");
    });
  }
});
