import { afterEach, describe, expect, it } from "vitest";
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
 * A flow interrupted after each of its steps in turn: GitHub performs the step and then fails to
 * answer, up to more times than the bot retries. Either the bot's retry finds the step done and
 * goes on, or it reports the failure once; a redelivery then finishes the flow. Either way the end
 * state is that of an uninterrupted run.
 */
const STEPS: Array<{ step: string; method: string; path: RegExp }> = [
  { step: "bump tree", method: "POST", path: /\/git\/trees$/ },
  { step: "bump commit", method: "POST", path: /\/git\/commits$/ },
  { step: "branch update", method: "PATCH", path: /\/git\/refs\/heads(%2F|\/)release-1\.5$/ },
  { step: "tag object", method: "POST", path: /\/git\/tags$/ },
  { step: "tag ref", method: "POST", path: /\/git\/refs$/ },
  { step: "release", method: "POST", path: /\/releases$/ },
];

/** More than the bot's retries (3), so the flow really stops. */
const FAULT_TIMES = 4;

describe("release flows interrupted after each step", () => {
  let env: ReliabilityEnv | undefined;

  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  for (const { step, method, path } of STEPS) {
    it(`/rc 1.5 finishes on redelivery after a failure past "${step}"`, async () => {
      env = await startReliabilityEnv();
      const { sandbox, repo } = env;
      await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
      await sandbox.idle();
      await repo.commit({
        branch: "release-1.5",
        files: { "internal/controller/fix.go": "package controller\n" },
        message: "Fix a leak",
        author: MAINTAINER,
      });
      const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
      const fault = sandbox.faults.inject({
        method,
        path,
        status: 502,
        times: FAULT_TIMES,
        when: "after",
      });
      const posted = await repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
      await sandbox.idle();
      expect(fault.hits).toBeGreaterThanOrEqual(1);
      const interrupted = await effects(env);
      expect(interrupted.replies(issue, posted.id)).toBe(1);

      await redeliver(env, commentDelivery(env, posted.id), 1, "sequential");
      const seen = await effects(env);
      const tag = "v1.5.0-rc.1";
      const duplicates =
        Math.max(0, seen.bumpCommits(tag) - 1) +
        Math.max(0, seen.releases(tag) - 1) +
        Math.max(0, seen.replies(issue, posted.id) - 1);
      const incomplete =
        seen.tags.includes(tag) && seen.releases(tag) === 1 && seen.failedReplies(issue) === 0
          ? 0
          : 1;
      report({
        scenario: `/rc interrupted after ${step}`,
        deliveries: 2,
        faults: FAULT_TIMES,
        duplicates,
        incomplete,
      });

      expect(seen.bumpCommits(tag)).toBe(1);
      expect(seen.tags).toContain(tag);
      const tagged = (await repo.git("rev-parse", `${tag}^{commit}`)).trim();
      expect(await repo.readFile(tagged, "VERSION")).toBe(`${tag}\n`);
      expect(seen.releases(tag)).toBe(1);
      expect(seen.replies(issue, posted.id)).toBe(1);
      expect(seen.failedReplies(issue)).toBe(0);
      // No stray branches: only master and the release branch.
      expect((await repo.branches()).sort()).toEqual(["master", "release-1.5"]);
    });
  }

  it("a branch whose create webhook failed mid-way gets its candidate from a redelivery", async () => {
    env = await startReliabilityEnv();
    const { sandbox, repo } = env;
    const fault = sandbox.faults.inject({
      method: "POST",
      path: /\/git\/refs$/,
      status: 502,
      times: FAULT_TIMES,
      when: "after",
    });
    await repo.createBranch("release-1.6", "master", { as: MAINTAINER });
    await sandbox.idle();
    expect(fault.hits).toBeGreaterThanOrEqual(1);
    await redeliver(
      env,
      lastDelivery(env, "create", undefined, (p) => p.ref === "release-1.6"),
      1,
      "sequential",
    );
    const seen = await effects(env, "release-1.6");
    report({
      scenario: "branch created, interrupted after tag ref",
      deliveries: 2,
      faults: fault.hits,
      duplicates: Math.max(0, seen.bumpCommits("v1.6.0-rc.0") - 1),
      incomplete: seen.releases("v1.6.0-rc.0") === 1 ? 0 : 1,
    });
    expect(seen.bumpCommits("v1.6.0-rc.0")).toBe(1);
    expect(seen.tags).toEqual(["v1.6.0-rc.0"]);
    expect(seen.releases("v1.6.0-rc.0")).toBe(1);
  });
});
