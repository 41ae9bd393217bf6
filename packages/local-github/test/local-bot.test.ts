import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import {
  DEMO_REPO,
  MAINTAINER,
  type ReplicaStart,
  seedDemoRepository,
  startLocalBot,
} from "../src/testing/index.js";

/** A stand-in bot: an HTTP server that checks each delivery's signature and notes its event. */
async function fakeBot(start: ReplicaStart, seen: string[], closed: number[]) {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signed = await verify(
        start.secret,
        body,
        String(request.headers["x-hub-signature-256"]),
      );
      seen.push(`${start.index}:${request.headers["x-github-event"]}:${signed ? "signed" : "bad"}`);
      start.log.write(`replica ${start.index} got ${request.headers["x-github-event"]}\n`);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    start,
    close: () =>
      new Promise<void>((resolve) => {
        closed.push(start.index);
        server.close(() => resolve());
      }),
  };
}

describe("startLocalBot", () => {
  it("seeds before the replicas listen, balances deliveries over them, and closes them first", async () => {
    const seen: string[] = [];
    const closed: number[] = [];
    const bot = await startLocalBot({
      replicas: 2,
      seed: seedDemoRepository,
      startReplica: (start) => fakeBot(start, seen, closed),
    });
    expect(bot.repo.fullName).toBe(DEMO_REPO);
    // The seed's pushes went to no one.
    expect(seen).toEqual([]);
    const issue = await bot.repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await bot.repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    await bot.sandbox.idle();
    expect(seen.sort()).toEqual(["0:issues:signed", "1:issue_comment:signed"]);
    expect([...bot.logs].sort()).toEqual([
      "replica 0 got issues\n",
      "replica 1 got issue_comment\n",
    ]);
    // Each replica has the App's credentials and the local GitHub's own clock.
    const [first] = bot.replicas;
    expect(first?.start).toMatchObject({ appId: bot.sandbox.app.id, baseUrl: bot.sandbox.url });
    expect(first?.start.clock).toBe(bot.sandbox.clock);
    expect(first?.start.clock).toBe(bot.clock);
    await bot.close();
    expect(closed).toEqual([0, 1]);
  });

  it("delivers to every replica when asked, and has no repository without a seed", async () => {
    const seen: string[] = [];
    const bot = await startLocalBot({
      replicas: 2,
      deliverTo: "every",
      startReplica: (start) => fakeBot(start, seen, []),
    });
    try {
      expect(() => bot.repo).toThrow("this local bot was started without a seed: no repository");
      const repo = await bot.sandbox.createRepo("kubeflow/other");
      await repo.createBranch("release-1.5", "main");
      await bot.sandbox.idle();
      expect(seen.sort()).toEqual([
        "0:create:signed",
        "0:push:signed",
        "1:create:signed",
        "1:push:signed",
      ]);
    } finally {
      await bot.close();
    }
  });

  it("closes what it started when a replica cannot start", async () => {
    const closed: number[] = [];
    const starting = startLocalBot({
      replicas: 2,
      startReplica: async (start) => {
        if (start.index === 1) throw new Error("port in use");
        return fakeBot(start, [], closed);
      },
    });
    await expect(starting).rejects.toThrow("port in use");
    expect(closed).toEqual([0]);
  });
});
