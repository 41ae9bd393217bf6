/**
 * The real, unmodified Probot against the sandbox: JWT -> installation token, context.config()
 * (with its 404 fallback to the org's .github repo), webhooks over HTTP with signature checks.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryRequest, Sandbox, SandboxRepo } from "../src/index.js";
import { probotOctokitFor, runProbotApp } from "../src/index.js";
import { startTestSandbox } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
let server: Server;
let url: string;
const seenConfigs: unknown[] = [];

function appFn(app: Probot) {
  app.on("create", async (context) => {
    if (context.payload.ref_type !== "branch" || !context.payload.ref.startsWith("release-"))
      return;
    const config = await context.config<{ tagPrefix?: string }>("release-bot.yml", {
      tagPrefix: "v",
    });
    seenConfigs.push(config);
    const { data: ref } = await context.octokit.rest.git.getRef(
      context.repo({ ref: `heads/${context.payload.ref}` }),
    );
    await context.octokit.rest.git.createRef(
      context.repo({
        ref: `refs/tags/${config?.tagPrefix}${context.payload.ref.slice(8)}.0-rc.0`,
        sha: ref.object.sha,
      }),
    );
  });
  app.on("issue_comment.created", async (context) => {
    if (context.isBot) return;
    await context.octokit.rest.reactions.createForIssueComment(
      context.repo({ comment_id: context.payload.comment.id, content: "eyes" }),
    );
    await context.octokit.rest.issues.createComment(
      context.issue({ body: `Got: ${context.payload.comment.body}` }),
    );
  });
}

function makeProbot() {
  return new Probot({
    ...sandbox.probotOptions(),
    logLevel: "fatal",
    Octokit: probotOctokitFor({ retry: false, throttle: false }),
  });
}

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  repo = await sandbox.createRepo("kubeflow/spark-operator", {
    defaultBranch: "master",
    files: { ".github/release-bot.yml": "tagPrefix: x\n" },
  });
  const middleware = await createNodeMiddleware(appFn, { probot: makeProbot() });
  server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});

afterAll(async () => {
  server?.close();
  await sandbox?.close();
});

describe("a real Probot app", () => {
  it("receives signed webhooks over HTTP and acts through an installation token", async () => {
    const sub = sandbox.subscribe(url);
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await sandbox.idle();
    sub.unsubscribe();
    expect(seenConfigs.at(-1)).toEqual({ tagPrefix: "x" });
    expect(await repo.resolve("refs/tags/x1.5.0-rc.0")).toBe(await repo.resolve("release-1.5"));
    const tagCreate = t.events("create").find((e) => e.payload.ref === "x1.5.0-rc.0")?.payload;
    expect(tagCreate?.sender).toMatchObject({ login: "release-bot[bot]", type: "Bot" });
    // Probot asked for a token with the JWT, then used it
    expect(
      sandbox.countRequests({
        method: "POST",
        path: "/app/installations/1/access_tokens",
        status: 201,
      }),
    ).toBeGreaterThan(0);
    const delivery = sandbox.webhooks.find({
      event: "create",
      match: (d) => d.payload.ref === "release-1.5",
    })[0];
    expect(delivery?.attempts.find((a) => a.target === url)?.status).toBe(200);
    expect(t.problems.splice(0)).toEqual([]);
  });

  it("context.config falls back to {owner}/.github (404 there too) when the repo has no config", async () => {
    const other = await sandbox.createRepo("kubeflow/other", { defaultBranch: "main" });
    const sub = sandbox.subscribe(url);
    await other.createBranch("release-2.0", "main");
    await sandbox.idle();
    sub.unsubscribe();
    expect(seenConfigs.at(-1)).toEqual({ tagPrefix: "v" });
    expect(await other.resolve("refs/tags/v2.0.0-rc.0")).toBeTruthy();
    expect(
      sandbox.countRequests({
        method: "GET",
        path: "/repos/kubeflow/.github/contents/.github%2Frelease-bot.yml",
        status: 404,
      }),
    ).toBe(1);
    expect(t.problems.splice(0)).toEqual([]);
  });

  it("can also be driven in-process with probot.webhooks.verifyAndReceive", async () => {
    const probot = makeProbot();
    await probot.load(appFn);
    const sub = sandbox.subscribe((req: DeliveryRequest) =>
      probot.webhooks.verifyAndReceive({
        id: req.id,
        name: req.name as "issue_comment",
        payload: req.body,
        signature: req.headers["x-hub-signature-256"] as string,
      }),
    );
    const n = await repo.openIssue({ title: "hello", user: "alice" });
    const c = await repo.comment(n, "/help", { as: "alice" });
    await sandbox.idle();
    sub.unsubscribe();
    const comments = repo.comments(n);
    expect(comments.map((x) => x.body)).toEqual(["/help", "Got: /help"]);
    expect(repo.comments(n)[1]?.user).toMatchObject({ login: "release-bot[bot]" });
    const got = await (await probot.auth(sandbox.installationId)).rest.issues.getComment({
      owner: "kubeflow",
      repo: "spark-operator",
      comment_id: c.id,
    });
    expect(got.data.reactions?.eyes).toBe(1);
    expect(t.problems.splice(0)).toEqual([]);
  });

  it("runProbotApp: replicas behind one load-balanced subscription", async () => {
    const running = await runProbotApp(sandbox, appFn, {
      replicas: 2,
      logLevel: "fatal",
      retry: false,
    });
    try {
      const third = await sandbox.createRepo("kubeflow/third", { defaultBranch: "main" });
      for (const b of ["release-3.0", "release-3.1"]) await third.createBranch(b, "main");
      await sandbox.idle();
      expect((await third.tags()).map((x) => x.name).sort()).toEqual([
        "v3.0.0-rc.0",
        "v3.1.0-rc.0",
      ]);
      const targets = new Set(
        sandbox.webhooks
          .find({
            match: (d) => (d.payload.repository as { name?: string } | undefined)?.name === "third",
          })
          .flatMap((d) => d.attempts.map((a) => a.target)),
      );
      targets.delete("collector"); // the test's own checking subscriber
      expect([...targets].sort()).toEqual([...running.urls].sort());
      expect(t.problems.splice(0)).toEqual([]);
    } finally {
      await running.close();
    }
  });
});
