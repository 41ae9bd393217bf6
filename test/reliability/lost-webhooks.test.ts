import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileWorld } from "../world/index.js";
import { beginScenario, type ReliabilityEnv, startReliabilityEnv } from "./harness.js";

const run = promisify(execFile);

/**
 * GitHub sometimes does not deliver a webhook at all. The reconcile pass finds what was left
 * undone from GitHub's state alone and does it; a second pass does nothing.
 */
describe("lost webhooks and the reconcile pass", () => {
  let env: ReliabilityEnv;

  beforeAll(async () => {
    env = await startReliabilityEnv();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  const reconcile = () => reconcileWorld(env, [env.repo.fullName]);

  /** Writes the bot made (the reaction-free, token-free part of the request log). */
  function botWrites(): string[] {
    return env.sandbox.requests
      .filter((r) => r.method !== "GET" && !r.path.includes("access_tokens"))
      .map((r) => `${r.method} ${r.path}`);
  }

  it("a release branch whose create webhook was lost gets its first candidate", async () => {
    const row = await beginScenario(env, "lost create webhook + reconcile ×2");
    env.sandbox.webhooks.drop(
      { event: "create", match: (d) => d.payload.ref === "release-1.5" },
      1,
    );
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    expect((await env.repo.tags()).map((t) => t.name)).toEqual([]);

    const [first] = await reconcile();
    await env.sandbox.idle();
    expect(first).toMatchObject({
      ok: true,
      items: [{ subject: "release-1.5", result: { status: "done" } }],
    });
    expect((await env.repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);

    env.sandbox.clearRequests();
    const [second] = await reconcile();
    expect(second).toMatchObject({ ok: true, items: [] });
    expect(botWrites()).toEqual([]);
    const counts = await row.end({ releases: [{ tag: "v1.5.0-rc.0" }] });
    expect(counts).toMatchObject({
      // The branch's push arrived; its create did not.
      deliveries: 1,
      faults: 1,
      bumpCommits: { "v1.5.0-rc.0": 1 },
      tagObjects: { "v1.5.0-rc.0": 1 },
      releases: { "v1.5.0-rc.0": 1 },
      duplicates: 0,
      incomplete: 0,
    });
  });

  it("a merged labelled pull request whose webhook was lost gets its pick", async () => {
    await env.repo.createBranch("fix/leak", "master", { as: CONTRIBUTOR });
    await env.repo.commit({
      branch: "fix/leak",
      files: { "internal/controller/leak.go": "package controller\n\n// fixed\n" },
      message: "Fix the informer leak\n\nSigned-off-by: Contributor <contributor@example.com>",
      author: CONTRIBUTOR,
    });
    const pr = await env.repo.openPullRequest({
      head: "fix/leak",
      base: "master",
      title: "Fix the informer leak",
      user: CONTRIBUTOR,
      labels: ["cherry-pick/release-1.5"],
    });
    await env.sandbox.idle();
    const row = await beginScenario(env, "lost merge webhook + reconcile ×2");
    env.sandbox.webhooks.drop({ event: "pull_request", action: "closed" }, 1);
    await env.repo.mergePullRequest(pr.number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    expect(env.repo.pulls({ base: "release-1.5" })).toEqual([]);

    const [first] = await reconcile();
    await env.sandbox.idle();
    expect(first).toMatchObject({ ok: true, items: [{ subject: `#${pr.number} → release-1.5` }] });

    env.sandbox.clearRequests();
    const [second] = await reconcile();
    expect(second).toMatchObject({ ok: true, items: [] });
    expect(botWrites()).toEqual([]);
    const counts = await row.end({
      picks: [{ original: pr.number, base: "release-1.5" }],
      notes: [
        {
          issue: pr.number,
          includes: "release-bot:cherry-pick-status",
          text: /\| `release-1\.5` \| .*#\d+/,
        },
      ],
    });
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({
      // The merge's push to master arrived; its pull_request.closed did not.
      deliveries: 1,
      faults: 1,
      pickPulls: { [`#${pr.number}→release-1.5`]: 1 },
      duplicates: 0,
      incomplete: 0,
    });
  });

  it("npm run reconcile works from the command line", async () => {
    const options = env.sandbox.probotOptions();
    const { stdout } = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/bin/reconcile.ts",
        "--repo",
        env.repo.fullName,
        "--base-url",
        env.sandbox.url,
      ],
      {
        env: {
          ...process.env,
          APP_ID: String(options.appId),
          PRIVATE_KEY: options.privateKey,
          LOG_LEVEL: "error",
        },
      },
    );
    expect(stdout.trim()).toBe(`${env.repo.fullName}: nothing to do`);
  });
});
