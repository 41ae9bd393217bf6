import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAINTAINER } from "../../src/demo/scenario.js";
import {
  commentDelivery,
  effects,
  lastDelivery,
  type ReliabilityEnv,
  redeliver,
  report,
  startReliabilityEnv,
} from "./harness.js";

/**
 * GitHub redelivers webhooks (its "Redeliver" button, its own retries) and runs several replicas:
 * each release flow's delivery is sent 50 times in a row and 10 times at once, to 3 replicas, and
 * every effect must exist exactly once.
 */
describe("redelivery of release flows to 3 racing replicas", () => {
  let env: ReliabilityEnv;
  let tracking: number;
  const REPLICAS = 3;

  beforeAll(async () => {
    env = await startReliabilityEnv({ replicas: REPLICAS });
    tracking = await env.repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  async function hammer(guid: string): Promise<number> {
    await redeliver(env, guid, 50, "sequential");
    await redeliver(env, guid, 10, "concurrent");
    return (1 + 50 + 10) * REPLICAS;
  }

  it("a release branch created by hand gets one bump commit, one tag, one release", async () => {
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    const deliveries = await hammer(
      lastDelivery(env, "create", undefined, (p) => p.ref === "release-1.5"),
    );
    const seen = await effects(env);
    const duplicates =
      Math.max(0, seen.bumpCommits("v1.5.0-rc.0") - 1) +
      Math.max(0, seen.tags.filter((t) => t === "v1.5.0-rc.0").length - 1) +
      Math.max(0, seen.releases("v1.5.0-rc.0") - 1);
    const incomplete =
      seen.tags.includes("v1.5.0-rc.0") && seen.releases("v1.5.0-rc.0") === 1 ? 0 : 1;
    report({ scenario: "branch created", deliveries, faults: 0, duplicates, incomplete });
    expect(seen.bumpCommits("v1.5.0-rc.0")).toBe(1);
    expect(seen.tags).toEqual(["v1.5.0-rc.0"]);
    expect(seen.releases("v1.5.0-rc.0")).toBe(1);
    expect(env.repo.pulls({ state: "all" })).toEqual([]);
  });

  for (const [command, tag] of [
    ["/rc 1.5", "v1.5.0-rc.1"],
    ["/release 1.5", "v1.5.0"],
  ] as const) {
    it(`${command}: one tag, one release, one reply, no error shown`, async () => {
      // Something new on the branch so that the candidate is not refused.
      if (command === "/rc 1.5") {
        await env.repo.commit({
          branch: "release-1.5",
          files: { "internal/controller/fix.go": "package controller\n" },
          message: "Fix a leak",
          author: MAINTAINER,
        });
      }
      const posted = await env.repo.comment(tracking, command, { as: MAINTAINER });
      await env.sandbox.idle();
      const deliveries = await hammer(commentDelivery(env, posted.id));
      const seen = await effects(env);
      const replies = seen.replies(tracking, posted.id);
      const duplicates =
        Math.max(0, seen.bumpCommits(tag) - 1) +
        Math.max(0, seen.releases(tag) - 1) +
        Math.max(0, replies - 1);
      const incomplete = seen.tags.includes(tag) && replies === 1 ? 0 : 1;
      report({ scenario: `${command} comment`, deliveries, faults: 0, duplicates, incomplete });
      expect(seen.bumpCommits(tag)).toBe(1);
      expect(seen.tags.filter((t) => t === tag)).toEqual([tag]);
      expect(seen.releases(tag)).toBe(1);
      expect(replies).toBe(1);
      expect(seen.failedReplies(tracking)).toBe(0);
    });
  }

  it("no replica logged an error for losing a race", () => {
    const errors = env.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
