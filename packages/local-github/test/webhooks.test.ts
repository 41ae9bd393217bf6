import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { assertValidWebhook } from "../src/conformance/webhook-schema.js";
import type { DeliveryRequest, Sandbox, SandboxRepo } from "../src/index.js";
import { startSandbox } from "../src/index.js";
import { octokitFor, SECRET, startTestSandbox } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
const owner = "kubeflow";
const name = "spark-operator";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  repo = await sandbox.createRepo(`${owner}/${name}`, { defaultBranch: "master" });
});

afterEach(async () => {
  await sandbox.idle();
  sandbox.webhooks.clearRules();
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
      });
    });
  });
}

describe("webhook delivery", () => {
  it("POSTs signed JSON to URL subscribers with GitHub's headers", async () => {
    const got: Array<{
      headers: Record<string, string | string[] | undefined>;
      body: string;
      valid: boolean;
    }> = [];
    const { server, url } = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const valid = await verify(SECRET, body, String(req.headers["x-hub-signature-256"]));
        got.push({ headers: req.headers, body, valid });
        res.writeHead(200).end("ok");
      });
    });
    const sub = sandbox.subscribe(url);
    await repo.createBranch("release-1.5", "master", { as: "alice" });
    await sandbox.idle();
    sub.unsubscribe();
    server.close();
    const create = got.find((g) => g.headers["x-github-event"] === "create");
    expect(create?.valid).toBe(true);
    expect(create?.headers["content-type"]).toBe("application/json");
    expect(create?.headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(create?.headers["x-hub-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    const payload = JSON.parse(create?.body ?? "{}");
    assertValidWebhook("create", payload);
    expect(payload).toMatchObject({
      ref: "release-1.5",
      ref_type: "branch",
      master_branch: "master",
      installation: { id: sandbox.installationId },
      sender: { login: "alice", type: "User" },
      repository: { full_name: "kubeflow/spark-operator" },
    });
    const delivery = sandbox.webhooks.find({ event: "create" }).at(-1);
    expect(delivery?.attempts.map((a) => a.status)).toContain(200);
  });

  it("sends create/push for refs made through the API, with the bot as sender, after the response", async () => {
    const bot = octokitFor(sandbox, sandbox.installationToken());
    let sawResponseFirst = false;
    const sub = sandbox.subscribe(async (req: DeliveryRequest) => {
      if (req.name === "create") {
        sawResponseFirst = sandbox.requests.some(
          (r) => r.method === "POST" && r.path.endsWith("/git/refs") && r.status === 201,
        );
      }
    });
    const sha = (await repo.resolve("master")) as string;
    await bot.rest.git.createRef({ owner, repo: name, ref: "refs/tags/v1.5.0-rc.0", sha });
    await sandbox.idle();
    sub.unsubscribe();
    expect(sawResponseFirst).toBe(true);
    const create = t.events("create").at(-1)?.payload;
    expect(create).toMatchObject({
      ref: "v1.5.0-rc.0",
      ref_type: "tag",
      sender: { login: "release-bot[bot]", type: "Bot" },
    });
    const push = t.events("push").at(-1)?.payload;
    expect(push).toMatchObject({
      ref: "refs/tags/v1.5.0-rc.0",
      created: true,
      deleted: false,
      after: sha,
    });
  });

  it("sends no create or push for tags when more than three are pushed at once", async () => {
    const sha = (await repo.resolve("master")) as string;
    const tagEvents = (names: string[]) =>
      [...t.events("create"), ...t.events("push")].filter((e) => {
        const ref = String((e.payload as { ref?: string }).ref ?? "");
        return names.some((n) => ref === n || ref === `refs/tags/${n}`);
      });
    const three = ["v2.0.0", "v2.0.1", "v2.0.2"];
    await repo.pushTags(three.map((name) => ({ name, ref: sha })));
    await sandbox.idle();
    expect(tagEvents(three)).toHaveLength(6);
    const four = ["v3.0.0", "v3.0.1", "v3.0.2", "v3.0.3"];
    await repo.pushTags(four.map((name) => ({ name, ref: sha, message: name })));
    await sandbox.idle();
    expect(tagEvents(four)).toEqual([]);
    // The tags are there all the same, annotated as pushed.
    const tags = (await repo.tags()).map((tag) => tag.name);
    expect(tags).toEqual(expect.arrayContaining([...three, ...four]));
  });

  it("idle() waits for the bot's reactions, transitively (run until quiet)", async () => {
    const bot = octokitFor(sandbox, sandbox.installationToken());
    const log: string[] = [];
    // A tiny "bot": branch created -> tag it; tag created -> open an issue; issue opened -> comment.
    const sub = sandbox.subscribe(async (req: DeliveryRequest) => {
      const p = req.payload as {
        ref?: string;
        ref_type?: string;
        action?: string;
        issue?: { number: number };
      };
      if (req.name === "create" && p.ref_type === "branch" && p.ref?.startsWith("release-")) {
        // Work that yields before the next call: the delivery stays in flight meanwhile.
        await new Promise((r) => setImmediate(r));
        const sha = (await bot.rest.git.getRef({ owner, repo: name, ref: `heads/${p.ref}` })).data
          .object.sha;
        await bot.rest.git.createRef({
          owner,
          repo: name,
          ref: `refs/tags/v${p.ref.slice(8)}.0-rc.0`,
          sha,
        });
        log.push("tagged");
      } else if (req.name === "create" && p.ref_type === "tag" && p.ref?.endsWith("-rc.0")) {
        await bot.rest.issues.create({ owner, repo: name, title: `Released ${p.ref}` });
        log.push("issue");
      } else if (req.name === "issues" && p.action === "opened") {
        await bot.rest.issues.createComment({
          owner,
          repo: name,
          issue_number: p.issue?.number as number,
          body: "done",
        });
        log.push("commented");
      }
    });
    await repo.createBranch("release-1.6", "master", { as: "alice" });
    await sandbox.idle();
    sub.unsubscribe();
    expect(log).toEqual(["tagged", "issue", "commented"]);
    expect(sandbox.webhooks.pending).toBe(0);
    expect(t.events("issue_comment", "created").at(-1)?.payload).toMatchObject({
      comment: { body: "done" },
    });
  });

  it("duplicates (same GUID), drops, delays, holds and reorders, redelivers", async () => {
    const seen: Array<{ id: string; name: string; ref?: string }> = [];
    const sub = sandbox.subscribe(async (req: DeliveryRequest) => {
      seen.push({ id: req.id, name: req.name, ref: (req.payload as { ref?: string }).ref });
    });
    // duplicate
    sandbox.webhooks.duplicate({ event: "create" }, 2, 1);
    await repo.createBranch("dup", "master");
    await sandbox.idle();
    const dups = seen.filter((s) => s.name === "create" && s.ref === "dup");
    expect(dups).toHaveLength(3);
    expect(new Set(dups.map((d) => d.id)).size).toBe(1);

    // drop
    const drop = sandbox.webhooks.drop({
      event: "create",
      match: (d) => d.payload.ref === "dropped",
    });
    await repo.createBranch("dropped", "master");
    await sandbox.idle();
    expect(seen.some((s) => s.ref === "dropped")).toBe(false);
    expect(drop.matched).toHaveLength(1);
    expect(drop.matched[0]?.state).toBe("dropped");

    // delay lets a later event overtake: the delay runs on the sandbox's clock, which only the
    // later event's arrival steps (ten minutes of real time never pass in this test)
    seen.length = 0;
    const overtaker = sandbox.subscribe(async (req: DeliveryRequest) => {
      if ((req.payload as { ref?: string }).ref === "fast") await sandbox.clock.advance(600_000);
    });
    sandbox.webhooks.delay({ event: "create", match: (d) => d.payload.ref === "slow" }, 600_000);
    await repo.createBranch("slow", "master");
    await repo.createBranch("fast", "master");
    await sandbox.idle();
    overtaker.unsubscribe();
    expect(seen.filter((s) => s.name === "create").map((s) => s.ref)).toEqual(["fast", "slow"]);

    // hold, then release in reverse order
    seen.length = 0;
    const hold = sandbox.webhooks.hold({ event: "create" });
    for (const b of ["h1", "h2", "h3"]) await repo.createBranch(b, "master");
    await sandbox.idle(); // held deliveries do not block idle
    expect(seen.filter((s) => s.name === "create")).toEqual([]);
    expect(hold.held).toHaveLength(3);
    hold.remove();
    hold.release("reverse");
    await sandbox.idle();
    expect(seen.filter((s) => s.name === "create").map((s) => s.ref)).toEqual(["h3", "h2", "h1"]);

    // redeliver by GUID
    const past = sandbox.webhooks.find({
      event: "create",
      match: (d) => d.payload.ref === "h1",
    })[0];
    seen.length = 0;
    const again = sandbox.webhooks.redeliver(past?.guid as string);
    await sandbox.idle();
    expect(again.redelivery).toBe(true);
    expect(seen).toEqual([{ id: past?.guid, name: "create", ref: "h1" }]);
    sub.unsubscribe();
  });

  it("several targets in one subscription are load-balanced like replicas", async () => {
    const a: string[] = [];
    const b: string[] = [];
    const sub = sandbox.subscribe([
      async (req: DeliveryRequest) => {
        a.push(req.id);
      },
      async (req: DeliveryRequest) => {
        b.push(req.id);
      },
    ]);
    for (const br of ["lb1", "lb2", "lb3", "lb4"]) await repo.createBranch(br, "master");
    await sandbox.idle();
    sub.unsubscribe();
    // create + push per branch, alternately to each replica, each delivery to exactly one
    expect(a.length + b.length).toBe(8);
    expect(a.length).toBe(4);
    expect(new Set([...a, ...b]).size).toBe(8);
  });

  it("concurrent mode has several deliveries in flight; sequential mode one", async () => {
    const concurrent = await startSandbox({ webhookSecret: SECRET, deliveryMode: "concurrent" });
    try {
      const r = await concurrent.createRepo("o/r");
      let inFlight = 0;
      let max = 0;
      // No delivery is answered before three are in flight at once (each branch also pushes).
      let release = () => {};
      const allIn = new Promise<void>((resolve) => {
        release = resolve;
      });
      concurrent.subscribe(async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        if (inFlight === 3) release();
        await allIn;
        inFlight--;
      });
      await Promise.all(["c1", "c2", "c3"].map((br) => r.createBranch(br, "main")));
      await concurrent.idle();
      expect(max).toBeGreaterThanOrEqual(3);
    } finally {
      await concurrent.close();
    }
    let inFlight = 0;
    let max = 0;
    const sub = sandbox.subscribe(async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      // Answered a turn of the event loop later: a second delivery sent meanwhile would overlap.
      await new Promise((res) => setImmediate(res));
      inFlight--;
    });
    await Promise.all(["s1", "s2", "s3"].map((br) => repo.createBranch(br, "master")));
    await sandbox.idle();
    sub.unsubscribe();
    expect(max).toBe(1);
  });

  it("a failing subscriber is recorded, not retried, and does not block idle", async () => {
    const sub = sandbox.subscribe("http://127.0.0.1:9/unreachable");
    await repo.createBranch("unreachable", "master");
    await sandbox.idle();
    sub.unsubscribe();
    const delivery = sandbox.webhooks.find({
      event: "create",
      match: (d) => d.payload.ref === "unreachable",
    })[0];
    const attempt = delivery?.attempts.find((a) => a.target.includes("unreachable"));
    expect(attempt?.status).toBeNull();
    expect(attempt?.error).toBeTruthy();
  });
});
