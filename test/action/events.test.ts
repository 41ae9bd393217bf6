import { Octokit } from "@octokit/rest";
import { type Sandbox, type SandboxRepo, startSandbox } from "@release-bot/local-github";
import { readTag, seedDemoRepository } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionRun, installAction } from "./harness.js";

/**
 * dist/index.js on each event of a release, as the workflow of docs/action.md runs it with an
 * App installation token: git state read with git, replies as GitHub shows them, exit codes.
 */
describe("the Action on a repository's events", () => {
  let sandbox: Sandbox;
  let repo: SandboxRepo;
  let runs: ActionRun[];
  let tracking: number;

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "unused: the Action reads the event file" });
    repo = await seedDemoRepository(sandbox);
    runs = installAction(sandbox, repo.fullName, {
      token: sandbox.installationToken(),
      // The local GitHub limits nothing; the App beside it runs unthrottled too.
      writeThrottle: false,
    });
    tracking = await repo.openIssue({ title: "Release 1.5", user: "maintainer" });
    await settle();
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  const settle = () => sandbox.idle({ timeoutMs: 120_000 });
  const git = (...args: string[]) => repo.git(...args).then((out) => out.trim());
  /** The runs started since the last call. */
  const takeRuns = () => runs.splice(0);
  const botReplies = (issue: number) =>
    repo
      .comments(issue)
      .filter((c) => (c.user as { login: string }).login === sandbox.app.botLogin)
      .map((c) => c.body as string);
  const say = async (body: string, as: string) => {
    const before = botReplies(tracking).length;
    await repo.comment(tracking, body, { as });
    await settle();
    return botReplies(tracking).slice(before);
  };

  it("a release branch created by hand gets its first candidate", async () => {
    const master = await repo.resolve("master");
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await settle();

    const rc0 = await readTag(repo, "v1.5.0-rc.0");
    expect(rc0).toMatchObject({ chartVersion: "1.5.0-rc.0", versionFile: "v1.5.0-rc.0" });
    expect(await git("rev-parse", `${rc0.commit}^`)).toBe(master);
    expect(await git("rev-parse", "release-1.5")).toBe(rc0.commit);
    const started = takeRuns();
    // The branch, the claim branch the bot takes on its first candidate
    // (`release-bot/tmp/claim/…`, ignored at once) and the tag the bot pushed: each starts a run,
    // each succeeds (the documented job `if:` keeps the bot's own events from starting any).
    // Pushes to the release branch start the checks workflow, which finds no pull request to
    // check and succeeds.
    expect(started.filter((r) => r.event !== "push").map((r) => [r.event, r.exitCode])).toEqual([
      ["create", 0],
      ["create", 0],
      ["create", 0],
    ]);
    expect(started.filter((r) => r.event === "push").every((r) => r.exitCode === 0)).toBe(true);
    expect(started.find((r) => r.event === "create")?.log).toMatch(
      /Tagged release candidate \[`v1\.5\.0-rc\.0`\]/,
    );
  }, 120_000);

  it("a merged pull request labelled for the line (pull_request_target) is picked onto it", async () => {
    const fixed = "package controller\n\nconst executorTimeoutSeconds = 120\n";
    await repo.createBranch("fix/timeout", "master", { as: "contributor" });
    await repo.commit({
      branch: "fix/timeout",
      files: { "internal/controller/executor.go": fixed },
      message: "Raise the executor timeout",
      author: "contributor",
    });
    const pr = await repo.openPullRequest({
      head: "fix/timeout",
      title: "Raise the executor timeout",
      user: "contributor",
    });
    await repo.addLabels(pr.number, ["cherry-pick/release-1.5"], { as: "maintainer" });
    await repo.mergePullRequest(pr.number, { method: "squash", as: "maintainer" });
    await settle();

    const [pick] = repo.pulls({ state: "open", base: "release-1.5" });
    expect(pick).toBeDefined();
    const pull = (await repo.pull(pick as number)) as unknown as {
      title: string;
      head: { ref: string };
    };
    expect(pull.title).toBe("[release-1.5] Raise the executor timeout");
    expect(await repo.readFile(pull.head.ref, "internal/controller/executor.go")).toBe(fixed);
    const started = takeRuns();
    expect(started.map((r) => `${r.event}.${r.action}`)).toEqual(
      expect.arrayContaining(["pull_request_target.labeled", "pull_request_target.closed"]),
    );
    expect(started.every((r) => r.exitCode === 0)).toBe(true);

    await repo.mergePullRequest(pick as number, { method: "squash", as: "maintainer" });
    await settle();
    takeRuns();
  }, 120_000);

  it("makes the check runs: conflict markers on the pick, the cherry-pick preview of an open labelled pull request", async () => {
    const octokit = new Octokit({ baseUrl: sandbox.url, auth: sandbox.tokenFor("maintainer") });
    const o = { owner: repo.owner, repo: repo.name };
    const checksOn = async (ref: string) =>
      (await octokit.rest.checks.listForRef({ ...o, ref })).data.check_runs.map((r) => [
        r.name,
        r.conclusion,
      ]);
    // The pick of the test before, merged since.
    const [pick] = repo.pulls({ state: "all", base: "release-1.5" });
    const pickHead = ((await repo.pull(pick as number)) as unknown as { head: { sha: string } })
      .head.sha;
    expect(await checksOn(pickHead)).toEqual(
      expect.arrayContaining([["conflict markers", "success"]]),
    );

    await repo.createBranch("fix/docs", "master", { as: "contributor" });
    const head = await repo.commit({
      branch: "fix/docs",
      files: { "docs/timeouts.md": "# Timeouts\n" },
      message: "Document the timeouts",
      author: "contributor",
    });
    const pr = await repo.openPullRequest({
      head: "fix/docs",
      title: "Document the timeouts",
      user: "contributor",
    });
    await repo.addLabels(pr.number, ["cherry-pick/release-1.5"], { as: "maintainer" });
    await settle();
    expect(await checksOn(head)).toEqual([["cherry-pick preview (release-1.5)", "success"]]);
    expect(takeRuns().every((r) => r.exitCode === 0)).toBe(true);
  }, 120_000);

  it("/rc 1.5 tags the next candidate, with the pick in it", async () => {
    const replies = await say("/rc 1.5", "maintainer");

    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
    const rc1 = await readTag(repo, "v1.5.0-rc.1");
    expect(rc1.chartVersion).toBe("1.5.0-rc.1");
    expect(await repo.readFile(rc1.commit, "internal/controller/executor.go")).toContain("= 120");
    expect(takeRuns().every((r) => r.exitCode === 0)).toBe(true);
  }, 120_000);

  it("/release 1.5 from a contributor is refused politely, nothing is tagged, the run succeeds", async () => {
    const tagsBefore = (await repo.tags()).map((t) => t.name);
    const replies = await say("/release 1.5", "contributor");

    expect(replies).toEqual([
      expect.stringMatching(
        /^Sorry @contributor, only people with the `write` role or higher on this repository can run `\/release 1\.5` \(yours is `read`\)/,
      ),
    ]);
    expect((await repo.tags()).map((t) => t.name)).toEqual(tagsBefore);
    const [commentRun] = takeRuns();
    expect(commentRun).toMatchObject({ event: "issue_comment", exitCode: 0 });
  }, 120_000);

  it("/release 1.5 tags the final on top of the last candidate", async () => {
    const replies = await say("/release 1.5", "maintainer");

    expect(replies[0]).toMatch(/^Tagged release \[`v1\.5\.0`\]/);
    const final = await readTag(repo, "v1.5.0");
    const rc1 = await readTag(repo, "v1.5.0-rc.1");
    expect(final).toMatchObject({ chartVersion: "1.5.0", versionFile: "v1.5.0" });
    expect(await git("rev-parse", `${final.commit}^`)).toBe(rc1.commit);
    expect(takeRuns().every((r) => r.exitCode === 0)).toBe(true);
  }, 120_000);

  it("a command GitHub refuses to carry out: the reply says it failed, and the run fails", async () => {
    await repo.commit({
      branch: "release-1.5",
      files: { "main.go": "package main\n\nfunc main() {}\n" },
      message: "Simplify main",
      author: "maintainer",
    });
    await settle();
    takeRuns();
    const fault = sandbox.faults.inject({
      method: "POST",
      path: /\/git\/refs$/,
      status: 403,
      body: { message: "Resource not accessible by integration" },
    });
    try {
      const replies = await say("/rc 1.5", "maintainer");
      // The bump commit landed and the tag ref was refused: the reply says what exists, what to
      // grant (the job's permissions, for an Action) and that asking again only tags.
      expect(replies[0]).toMatch(
        /^The version bump is committed \(.*\), but tag `v1\.5\.1-rc\.0` was not created: refused by .*the job's `permissions:` must grant it\. No tag and no GitHub release exist for `1\.5\.1-rc\.0`\. .*ask again .*the bot only tags/s,
      );
    } finally {
      fault.cancel();
    }
    expect((await repo.tags()).map((t) => t.name)).not.toContain("v1.5.1-rc.0");
    const [commentRun] = takeRuns();
    expect(commentRun).toMatchObject({ event: "issue_comment", exitCode: 1 });
    expect(commentRun?.log).toMatch(/^::error::release-bot failed: /m);
  }, 120_000);
});
