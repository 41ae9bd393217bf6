import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lostAnswer, type Sandbox, type SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
let bot: Octokit;
const owner = "kubeflow";
const name = "spark-operator";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  repo = await sandbox.createRepo(`${owner}/${name}`, { defaultBranch: "master" });
  bot = octokitFor(sandbox, sandbox.installationToken());
});

afterEach(async () => {
  await sandbox.idle();
  sandbox.faults.clear();
  sandbox.latencyMs = 0;
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

describe("fault injection, latency, request log", () => {
  it("fails the next N matching requests, then serves normally", async () => {
    const sha = (await repo.resolve("master")) as string;
    const fault = sandbox.faults.inject({
      method: "POST",
      path: /\/git\/refs$/,
      status: 502,
      times: 2,
    });
    const create = () =>
      bot.rest.git.createRef({ owner, repo: name, ref: "refs/heads/flaky", sha });
    expect(await statusOf(create())).toBe(502);
    expect(await git(repo.gitDir, "for-each-ref", "refs/heads/flaky")).toBe("");
    expect(await statusOf(bot.rest.repos.get({ owner, repo: name }))).toBe(200);
    expect(await statusOf(create())).toBe(502);
    expect(await statusOf(create())).toBe(201);
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);
    const statuses = sandbox.requests
      .filter((r) => r.method === "POST" && r.path.endsWith("/git/refs"))
      .map((r) => r.status);
    expect(statuses).toEqual([502, 502, 201]);
    expect(sandbox.countRequests({ method: "POST", path: /\/git\/refs$/, status: 502 })).toBe(2);
  });

  it("secondary rate limit: 403 with retry-after and the message Octokit's throttling looks for; 429", async () => {
    sandbox.faults.secondaryRateLimit({
      method: "GET",
      path: /\/repos\/kubeflow\/spark-operator$/,
      retryAfterSeconds: 3,
    });
    const error = (await bot.rest.repos.get({ owner, repo: name }).catch((e: unknown) => e)) as {
      status: number;
      message: string;
      response: { headers: Record<string, string> };
    };
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/\bsecondary rate\b/i);
    expect(error.response.headers["retry-after"]).toBe("3");
    sandbox.faults.inject({
      path: "/repos/kubeflow/spark-operator",
      status: 429,
      headers: { "retry-after": "1" },
    });
    expect(await statusOf(bot.rest.repos.get({ owner, repo: name }))).toBe(429);
    sandbox.faults.rateLimit({ path: /./ });
    const primary = (await bot.rest.repos.get({ owner, repo: name }).catch((e: unknown) => e)) as {
      status: number;
      response: { headers: Record<string, string> };
    };
    expect(primary.status).toBe(403);
    expect(primary.response.headers["x-ratelimit-remaining"]).toBe("0");
  });

  it("'after' faults apply the request (effects and webhooks happen) but answer with the error", async () => {
    const sha = (await repo.resolve("master")) as string;
    sandbox.faults.inject({ method: "POST", path: /\/git\/refs$/, status: 502, when: "after" });
    expect(
      await statusOf(bot.rest.git.createRef({ owner, repo: name, ref: "refs/tags/v9.0.0", sha })),
    ).toBe(502);
    expect(await git(repo.gitDir, "rev-parse", "refs/tags/v9.0.0")).toBe(sha);
    // the retry sees what it would see on GitHub
    const retry = await bot.rest.git
      .createRef({ owner, repo: name, ref: "refs/tags/v9.0.0", sha })
      .catch((e: { status: number }) => e);
    expect(retry).toMatchObject({ status: 422 });
    await sandbox.idle();
    expect(t.events("create").at(-1)?.payload).toMatchObject({ ref: "v9.0.0", ref_type: "tag" });
  });

  it("connection resets are network errors for the client", async () => {
    sandbox.faults.inject({ path: /\/repos\/kubeflow\/spark-operator$/, reset: true });
    const error = (await bot.rest.repos.get({ owner, repo: name }).catch((e: unknown) => e)) as {
      status?: number;
    };
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(500); // @octokit/request reports network errors as status 500
    expect(await statusOf(bot.rest.repos.get({ owner, repo: name }))).toBe(200);
  });

  it("a connection dropped after the write: the ref is made, the client gets a network error", async () => {
    const sha = (await repo.resolve("master")) as string;
    sandbox.faults.inject({ method: "POST", path: /\/git\/refs$/, ...lostAnswer("dropped") });
    const error = (await bot.rest.git
      .createRef({ owner, repo: name, ref: "refs/tags/v9.1.0", sha })
      .catch((e: unknown) => e)) as { status?: number };
    expect(error.status).toBe(500);
    expect(await git(repo.gitDir, "rev-parse", "refs/tags/v9.1.0")).toBe(sha);
    expect(lostAnswer("504")).toEqual({ status: 504, when: "after" });
  });

  it("distinct faults hit each different request once and let its retry through", async () => {
    const sha = (await repo.resolve("master")) as string;
    const fault = sandbox.faults.inject({
      method: "POST",
      path: /\/git\/refs$/,
      ...lostAnswer("502"),
      distinct: true,
    });
    const create = (ref: string) =>
      statusOf(bot.rest.git.createRef({ owner, repo: name, ref, sha }));
    expect(await create("refs/heads/one")).toBe(502);
    // The same request again is GitHub's own answer: the ref exists.
    expect(await create("refs/heads/one")).toBe(422);
    expect(await create("refs/heads/two")).toBe(502);
    expect(await create("refs/heads/three")).toBe(502);
    expect(fault.hits).toBe(3);
    fault.cancel();
    expect(await create("refs/heads/four")).toBe(201);
  });

  it("secondary rate limits as 429, and without retry-after (GitHub then asks for a minute's wait)", async () => {
    sandbox.faults.secondaryRateLimit({
      method: "GET",
      path: /\/repos\/kubeflow\/spark-operator$/,
      status: 429,
      retryAfterSeconds: null,
    });
    const error = (await bot.rest.repos.get({ owner, repo: name }).catch((e: unknown) => e)) as {
      status: number;
      message: string;
      response: { headers: Record<string, string> };
    };
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/\bsecondary rate\b/i);
    expect(error.response.headers["retry-after"]).toBeUndefined();
  });

  it("fixed latency per request", async () => {
    sandbox.latencyMs = 50;
    const started = Date.now();
    await bot.rest.repos.get({ owner, repo: name });
    await bot.rest.repos.get({ owner, repo: name });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    const last = sandbox.requests.at(-1);
    expect(last?.durationMs).toBeGreaterThanOrEqual(50);
    expect(last).toMatchObject({
      method: "GET",
      path: "/repos/kubeflow/spark-operator",
      status: 200,
      actor: "release-bot[bot]",
    });
    expect(last?.route).toBe("/repos/{owner}/{repo}");
  });
});
