import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  beginScenario,
  type ReliabilityEnv,
  repliesTo,
  startReliabilityEnv,
  waitFor,
} from "./harness.js";

/**
 * GitHub answers 5xx and rate limits. The bot's Octokit (retry and throttling plugins, configured
 * in src/github/octokit.ts) waits them out; a permanent failure ends in one clear reply and
 * nothing half-written.
 */
describe("GitHub faults on the local GitHub", () => {
  let env: ReliabilityEnv | undefined;

  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  async function prepare(): Promise<number> {
    if (!env) throw new Error("no env");
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    await env.repo.commit({
      branch: "release-1.5",
      files: { "internal/controller/fix.go": "package controller\n" },
      message: "Fix a leak",
      author: MAINTAINER,
    });
    return env.repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
  }

  it("502s and a secondary rate limit are waited out: the candidate is cut, no error shown", async () => {
    env = await startReliabilityEnv({ throttled: true });
    const issue = await prepare();
    const scenario = await beginScenario(env, "502 ×2 and a secondary rate limit");
    const flaky = env.sandbox.faults.inject({
      method: "GET",
      path: /\/git\/matching-refs\//,
      status: 502,
      times: 2,
    });
    const limited = env.sandbox.faults.secondaryRateLimit({
      method: "POST",
      path: /\/git\/tags$/,
      retryAfterSeconds: 1,
    });
    const posted = await env.repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    // Past 9 s Probot answers the webhook 202 and works on, so wait for the reply itself.
    const replies = () => repliesTo(env as ReliabilityEnv, issue, posted.id);
    await waitFor(async () => replies().length > 0);
    await env.sandbox.idle();
    const counts = await scenario.end({
      releases: [{ tag: "v1.5.0-rc.1" }],
      replies: [
        { issue, commentId: posted.id, text: /^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/ },
      ],
    });
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({
      deliveries: 1,
      faults: 3,
      bumpCommits: { "v1.5.0-rc.1": 1 },
      tagObjects: { "v1.5.0-rc.1": 1 },
      releases: { "v1.5.0-rc.1": 1 },
      duplicates: 0,
      incomplete: 0,
    });
    expect(flaky.hits).toBe(2);
    expect(limited.hits).toBe(1);
  }, 60_000);

  it("a permanent failure ends in one clear reply and no half-applied release", async () => {
    env = await startReliabilityEnv({ throttled: true });
    const issue = await prepare();
    const scenario = await beginScenario(env, "permanent 500");
    const down = env.sandbox.faults.inject({
      method: "POST",
      path: /\/git\/trees$/,
      status: 500,
      times: 100,
    });
    const posted = await env.repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    await waitFor(async () => repliesTo(env as ReliabilityEnv, issue, posted.id).length > 0);
    await env.sandbox.idle();
    // The one expected effect is the reply saying the command failed; any commit, tag or
    // release would be an effect nobody asked for.
    const counts = await scenario.end({
      replies: [
        {
          issue,
          commentId: posted.id,
          text: /^`\/rc 1\.5` failed: GitHub answered 500/,
          fails: true,
        },
      ],
    });
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({ deliveries: 1, faults: 4, duplicates: 0, incomplete: 0 });
    expect([counts.bumpCommits, counts.tagObjects, counts.releases]).toEqual([{}, {}, {}]);
    expect(down.hits).toBe(4);
    expect(repliesTo(env, issue, posted.id)).toEqual([
      expect.stringMatching(/^`\/rc 1\.5` failed: GitHub answered 500/),
    ]);
    expect((await env.repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
  }, 60_000);
});
