import { Writable } from "node:stream";
import { sign } from "@octokit/webhooks-methods";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotServer, startBotServer } from "../../src/server.js";
import { testPrivateKey } from "../helpers/app-key.js";
import { github } from "../helpers/github.js";
import { commentPayload, examplePayload } from "../helpers/payloads.js";
import { TestOctokit } from "../helpers/probot.js";

const SECRET = "intake-secret";
const PRIVATE_KEY = testPrivateKey();
let bot: BotServer;
const logs: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  bot = await startBotServer({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: SECRET,
    Octokit: TestOctokit,
    log: pino({ level: "debug" }, sink),
    maxBodyBytes: 1024 * 1024,
  });
});

afterAll(async () => {
  await bot.close();
});

async function deliver(event: string, body: string, signature?: string) {
  return fetch(bot.webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": crypto.randomUUID(),
      "x-hub-signature-256": signature ?? (await sign(SECRET, body)),
    },
    body,
  });
}

describe("webhook intake", () => {
  it("answers events it ignores with 200 and no API call", async () => {
    const scope = github();
    const push = examplePayload("push");
    const star = examplePayload("star");
    const chatter = commentPayload(`${"Thanks! ".repeat(8000)}\n/lgtm`);
    expect((await deliver("push", JSON.stringify(push))).status).toBe(200);
    expect((await deliver("star", JSON.stringify(star))).status).toBe(200);
    expect((await deliver("issue_comment", JSON.stringify(chatter))).status).toBe(200);
    scope.done();
  });

  it("refuses a bad signature with 401 before reading the payload", async () => {
    const scope = github();
    const body = JSON.stringify(commentPayload("/rc 1.5"));
    const forged = await sign("not-the-secret", body);
    const response = await deliver("issue_comment", body, forged);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "bad signature" });
    expect((await deliver("issue_comment", body, "sha256=zz")).status).toBe(401);
    scope.done();
  });

  it("refuses a body over the limit with 413", async () => {
    const response = await deliver(
      "issue_comment",
      JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) }),
      "sha256=00",
    );
    expect(response.status).toBe(413);
  });

  it("answers malformed JSON with a client error and keeps serving", async () => {
    const response = await deliver("issue_comment", "{not json");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it("serves a health check and 404 elsewhere", async () => {
    expect(await (await fetch(`${bot.url}/healthz`)).text()).toBe("ok\n");
    expect((await fetch(`${bot.url}/nope`)).status).toBe(404);
  });

  it("never logs the App's private key or the webhook secret", () => {
    const all = logs.join("");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain("PRIVATE KEY");
    expect(all).not.toContain(PRIVATE_KEY.split("\n")[1]);
    expect(all).not.toContain(SECRET);
  });
});
