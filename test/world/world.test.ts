/**
 * The test world binds the real bot to the local GitHub's clock: time a test steps passes for
 * both, and the world's data agrees with the bot's defaults.
 */
import { Octokit } from "@octokit/rest";
import { DEMO_DASHBOARD, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { dashboardTitle } from "../../src/flows/line/dashboard.js";
import { CLAIM_LEASE_MS } from "../../src/handlers/command-reply.js";
import { startWorld, type World } from "./index.js";

describe("the world's clock", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ logLevel: "silent" });
  });
  afterAll(async () => {
    await world?.close();
  });

  it("is the bot's too: a command whose claimer left no reply is run again only once its lease has passed", async () => {
    const { sandbox, repo, clock } = world;
    const issue = await repo.openIssue({ title: "Help", user: MAINTAINER });
    await sandbox.idle();
    // A replica took the comment (its eyes) and died before replying: its webhook never came.
    sandbox.webhooks.drop({ event: "issue_comment", action: "created" }, 1);
    const posted = await repo.comment(issue, "/help", { as: MAINTAINER });
    await sandbox.idle();
    const bot = new Octokit({ baseUrl: sandbox.url, auth: sandbox.installationToken() });
    await bot.rest.reactions.createForIssueComment({
      owner: repo.owner,
      repo: repo.name,
      comment_id: posted.id,
      content: "eyes",
    });
    const guid = sandbox.webhooks
      .find({ event: "issue_comment", action: "created" })
      .filter((d) => (d.payload.comment as { id: number }).id === posted.id)[0]?.guid;
    const replies = () =>
      repo.comments(issue).filter((c) => c.body.includes(`release-bot:reply-to:${posted.id} `));

    // Redelivered within the lease: the claimer may still be at work; nothing is run.
    sandbox.webhooks.redeliver(guid ?? "");
    await sandbox.idle();
    expect(replies()).toEqual([]);

    // Past the lease on the world's clock, a redelivery takes the comment over and answers it.
    await clock.advance(CLAIM_LEASE_MS);
    sandbox.webhooks.redeliver(guid ?? "");
    await sandbox.idle();
    expect(replies().map((c) => c.body)).toEqual([expect.stringContaining("/branch")]);
  });
});

describe("the world's data", () => {
  it("finds the dashboard by the bot's own label and title", () => {
    expect(DEMO_DASHBOARD.label).toBe(defaultConfig.dashboard.label);
    expect(DEMO_DASHBOARD.title("1.5")).toBe(dashboardTitle("1.5"));
  });
});
