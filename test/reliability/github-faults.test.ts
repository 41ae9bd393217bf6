import { afterEach, describe, expect, it } from "vitest";
import { MAINTAINER } from "../../src/demo/scenario.js";
import { effects, type ReliabilityEnv, report, startReliabilityEnv, waitFor } from "./harness.js";

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
    await waitFor(async () => (await effects(env as ReliabilityEnv)).replies(issue, posted.id) > 0);
    const seen = await effects(env);
    report({
      scenario: "502 ×2 and a secondary rate limit",
      deliveries: 1,
      faults: flaky.hits + limited.hits,
      duplicates: Math.max(0, seen.replies(issue, posted.id) - 1),
      incomplete: seen.tags.includes("v1.5.0-rc.1") ? 0 : 1,
    });
    expect(flaky.hits).toBe(2);
    expect(limited.hits).toBe(1);
    expect(seen.tags).toContain("v1.5.0-rc.1");
    expect(seen.releases("v1.5.0-rc.1")).toBe(1);
    expect(seen.replies(issue, posted.id)).toBe(1);
    expect(seen.failedReplies(issue)).toBe(0);
  }, 60_000);

  it("a permanent failure ends in one clear reply and no half-applied release", async () => {
    env = await startReliabilityEnv({ throttled: true });
    const issue = await prepare();
    const down = env.sandbox.faults.inject({
      method: "POST",
      path: /\/git\/trees$/,
      status: 500,
      times: 100,
    });
    const posted = await env.repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    await waitFor(async () => (await effects(env as ReliabilityEnv)).replies(issue, posted.id) > 0);
    const seen = await effects(env);
    const reply =
      env.repo.comments(issue).find((c) => c.body.includes(`reply-to:${posted.id} `))?.body ?? "";
    report({
      scenario: "permanent 500",
      deliveries: 1,
      faults: down.hits,
      duplicates: 0,
      incomplete: 0,
    });
    expect(down.hits).toBe(4);
    expect(seen.replies(issue, posted.id)).toBe(1);
    expect(reply).toMatch(/^`\/rc 1\.5` failed: GitHub answered 500/);
    expect(seen.tags).toEqual(["v1.5.0-rc.0"]);
    expect(seen.bumpCommits("v1.5.0-rc.1")).toBe(0);
  }, 60_000);
});
