import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  beginScenario,
  commentDelivery,
  lastDelivery,
  type ReliabilityEnv,
  redeliver,
  repliesTo,
  startReliabilityEnv,
} from "./harness.js";

/**
 * GitHub redelivers webhooks (its "Redeliver" button, its own retries) and runs several replicas:
 * each release flow's delivery is sent 50 times in a row and 10 times at once, to 3 replicas, and
 * every effect must exist exactly once.
 */
// 183 deliveries a scenario: 12–18 s on a quiet machine, several times that on a busy one.
describe("redelivery of release flows to 3 racing replicas", { timeout: 120_000 }, () => {
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

  async function hammer(guid: string): Promise<void> {
    await redeliver(env, guid, 50, "sequential");
    await redeliver(env, guid, 10, "concurrent");
  }

  it("a release branch created by hand gets one bump commit, one tag, one release", async () => {
    const scenario = await beginScenario(env, "branch created");
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    await hammer(lastDelivery(env, "create", undefined, (p) => p.ref === "release-1.5"));
    const counts = await scenario.end({ releases: [{ tag: "v1.5.0-rc.0" }] });
    expect(counts).toMatchObject({
      // The branch's `create`, sent 61 times, and its `push`, to each replica.
      deliveries: (1 + 50 + 10 + 1) * REPLICAS,
      bumpCommits: { "v1.5.0-rc.0": 1 },
      tagObjects: { "v1.5.0-rc.0": 1 },
      releases: { "v1.5.0-rc.0": 1 },
      duplicates: 0,
      incomplete: 0,
    });
    expect((await env.repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
    expect(env.repo.pulls({ state: "all" })).toEqual([]);
  });

  for (const [command, tag, reply, allTags] of [
    [
      "/rc 1.5",
      "v1.5.0-rc.1",
      /^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/,
      ["v1.5.0-rc.0", "v1.5.0-rc.1"],
    ],
    [
      "/release 1.5",
      "v1.5.0",
      /^Tagged release \[`v1\.5\.0`\]/,
      ["v1.5.0", "v1.5.0-rc.0", "v1.5.0-rc.1"],
    ],
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
      const scenario = await beginScenario(env, `${command} comment`);
      const posted = await env.repo.comment(tracking, command, { as: MAINTAINER });
      await env.sandbox.idle();
      await hammer(commentDelivery(env, posted.id));
      const counts = await scenario.end({
        releases: [{ tag }],
        replies: [{ issue: tracking, commentId: posted.id, text: reply }],
      });
      expect(counts).toMatchObject({
        deliveries: (1 + 50 + 10) * REPLICAS,
        bumpCommits: { [tag]: 1 },
        tagObjects: { [tag]: 1 },
        releases: { [tag]: 1 },
        duplicates: 0,
        incomplete: 0,
      });
      // Every redelivery found the release made: none went on to cut the next one (rc.2, 1.5.1).
      expect((await env.repo.tags()).map((t) => t.name).sort()).toEqual(allTags);
      expect(repliesTo(env, tracking, posted.id)).toHaveLength(1);
    });
  }

  it("no replica logged an error for losing a race", () => {
    const errors = env.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
