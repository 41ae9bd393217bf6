import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer } from "../../src/server.js";
import { testPrivateKey } from "../helpers/app-key.js";
import { startWorld, type World } from "../world/index.js";

/**
 * What an operator sees of a running bot, on the local GitHub: readiness that tells a wrong key
 * apart, one log line per delivery acted on or answered (and never a secret), Prometheus metrics
 * counted from what happened.
 */
describe("operating the App", () => {
  let env: World;
  const logs = () =>
    env.logs
      .flatMap((chunk) => chunk.split("\n").filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    env = await startWorld();
    const issue = await env.repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await env.repo.comment(issue, "/branch 1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    await env.repo.comment(issue, "/release 1.5", { as: CONTRIBUTOR });
    await env.sandbox.idle();
    // A fix labelled for the line, merged: the bot opens its pick.
    await env.repo.createBranch("fix-nil", "master", { as: CONTRIBUTOR });
    await env.repo.commit({
      branch: "fix-nil",
      files: { "internal/controller/nil.go": "package controller\n" },
      message: "Fix a nil pointer",
      author: CONTRIBUTOR,
    });
    const pr = await env.repo.openPullRequest({
      head: "fix-nil",
      base: "master",
      title: "Fix a nil pointer",
      user: CONTRIBUTOR,
    });
    await env.repo.addLabels(pr.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await env.repo.mergePullRequest(pr.number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("is ready when the App authenticates, and says why not with another key", async () => {
    const ready = await fetch(`${env.bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe(`authenticated as the App ${env.sandbox.app.slug}\n`);

    const wrongKey = await startBotServer({
      appId: env.sandbox.app.id,
      privateKey: testPrivateKey(),
      secret: "s",
      baseUrl: env.sandbox.url,
      log: pino({ level: "silent" }),
    });
    try {
      const notReady = await fetch(`${wrongKey.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.text()).toBe(
        "GitHub refused the App's credentials (401): A JSON web token could not be decoded - https://docs.github.com/rest\n",
      );
      expect((await fetch(`${wrongKey.url}/healthz`)).status).toBe(200);
    } finally {
      await wrongKey.close();
    }
  });

  it("logs one line per delivery acted on or answered, naming repository and person", () => {
    const deliveries = logs().filter((l) => typeof l.delivery === "string");
    const branch = deliveries.find(
      (l) => l.event === "issue_comment.created" && l.person === MAINTAINER,
    );
    expect(branch).toMatchObject({
      level: 30,
      repository: env.repo.fullName,
      outcome: "acted",
      effects: expect.arrayContaining(["created heads/release-1.5"]),
      reply: expect.stringMatching(
        /^Created release-1\.5 from master at [0-9a-f]{7}\. Tagged release candidate v1\.5\.0-rc\.0/,
      ),
    });
    expect(branch?.githubCalls).toBeGreaterThan(3);
    expect(branch?.durationMs).toBeGreaterThanOrEqual(0);

    const refused = deliveries.filter((l) => l.person === CONTRIBUTOR);
    expect(refused).toEqual([
      expect.objectContaining({
        event: "issue_comment.created",
        outcome: "replied",
        effects: [],
        reply: expect.stringContaining(`@${CONTRIBUTOR}`),
      }),
    ]);
    // The bot's own comments and the create event of its branch: each at most one line.
    const ids = deliveries.map((l) => `${l.delivery}:${l.event}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never logs a key, a token or the webhook secret", () => {
    const text = env.logs.join("");
    const key = env.sandbox.probotOptions().privateKey;
    const keyBody = key.split("\n")[1] ?? "";
    expect(keyBody.length).toBeGreaterThan(20);
    expect(text).not.toContain(keyBody);
    expect(text).not.toContain(env.sandbox.webhookSecret);
    expect(text).not.toMatch(/gh[sp]_[A-Za-z0-9_-]{10,}/);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("exposes Prometheus metrics counted from what happened", async () => {
    const response = await fetch(`${env.bot.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
    // Each delivery the log names as acted on or answered is counted once, under its outcome
    // (the bot's own comments and pull requests are events too: the dashboard follows them).
    const deliveries = (event: string, outcome: string) =>
      value(
        new RegExp(
          `release_bot_webhook_deliveries_total\\{event="${event}",outcome="${outcome}",app="release-bot"\\} (\\d+)`,
        ),
      );
    const logged = (event: string, outcome: string) =>
      logs().filter((l) => String(l.event).split(".")[0] === event && l.outcome === outcome).length;
    for (const event of ["issue_comment", "pull_request", "create"]) {
      for (const outcome of ["acted", "replied"]) {
        expect(deliveries(event, outcome) || 0, `${event} ${outcome}`).toBe(logged(event, outcome));
      }
    }
    expect(deliveries("issue_comment", "replied")).toBe(1);
    expect(deliveries("issue_comment", "acted")).toBeGreaterThanOrEqual(1);
    expect(value(/release_bot_tags_total\{kind="candidate",app="release-bot"\} (\d+)/)).toBe(1);
    expect(text).not.toMatch(/release_bot_tags_total\{kind="final"/);
    expect(value(/release_bot_picks_total\{result="opened",app="release-bot"\} (\d+)/)).toBe(1);
    expect(text).not.toMatch(/release_bot_picks_total\{result="conflict"/);
    // Refs created over REST: release-1.5, the claim on its first candidate, the tag
    // v1.5.0-rc.0, the pick's temporary branch; the pick branch in the GraphQL request that
    // also deletes the temporary branch.
    expect(
      value(
        /release_bot_github_requests_total\{method="POST",route="\/repos\/\{owner\}\/\{repo\}\/git\/refs",status="201",app="release-bot"\} (\d+)/,
      ),
    ).toBe(4);
    expect(
      value(
        /release_bot_github_requests_total\{method="POST",route="\/graphql",status="200",app="release-bot"\} (\d+)/,
      ),
    ).toBe(1);
    expect(
      value(
        /release_bot_delivery_duration_seconds_count\{app="release-bot",event="issue_comment"\} (\d+)/,
      ),
    ).toBe(logged("issue_comment", "acted") + logged("issue_comment", "replied"));
    expect(text).toMatch(
      /release_bot_github_rate_limit_remaining\{resource="core",app="release-bot"\} \d+/,
    );
  });
});
