import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Expected } from "./counters.js";
import {
  beginScenario,
  PRIVATE_KEY_LINE,
  type ReliabilityEnv,
  repliesTo,
  startReliabilityEnv,
} from "./harness.js";

/** Bad input never crashes the bot or writes anything; the user-facing ones get a clear reply. */
describe("bad input on the local GitHub", () => {
  let env: ReliabilityEnv;
  let issue: number;

  beforeAll(async () => {
    env = await startReliabilityEnv();
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    issue = await env.repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  /**
   * Posts a command as one row of the table: the reply must be `reply`, and a refused or failed
   * command must leave no commit, tag or release behind (`cuts` lists what it may cut).
   */
  async function ask(
    scenario: string,
    body: string,
    reply: { text: RegExp; fails?: boolean },
    options: { as?: string; cuts?: Expected["releases"] } = {},
  ): Promise<string> {
    const row = await beginScenario(env, scenario);
    const posted = await env.repo.comment(issue, body, { as: options.as ?? MAINTAINER });
    await env.sandbox.idle();
    const counts = await row.end({
      releases: options.cuts ?? [],
      replies: [{ issue, commentId: posted.id, ...reply }],
    });
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({ deliveries: 1, duplicates: 0, incomplete: 0 });
    const replies = repliesTo(env, issue, posted.id);
    expect(replies).toHaveLength(1);
    return replies[0] ?? "";
  }

  async function writesDuring(action: () => Promise<unknown>): Promise<string[]> {
    env.sandbox.clearRequests();
    await action();
    await env.sandbox.idle();
    return env.sandbox.requests
      .filter((r) => r.method !== "GET" && !/access_tokens|reactions|\/comments$/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
  }

  it("a 64 KB comment without a command costs nothing", async () => {
    const row = await beginScenario(env, "64 KB comment, no command");
    env.sandbox.clearRequests();
    await env.repo.comment(issue, `${"Looks good. ".repeat(5500)}\n/lgtm`, { as: CONTRIBUTOR });
    await env.sandbox.idle();
    const byBot = env.sandbox.requests.filter((r) => r.actor === env.sandbox.app.botLogin);
    expect(byBot).toEqual([]);
    // Nothing expected: any comment, commit, tag or release would count as a duplicate.
    expect(await row.end({})).toMatchObject({ deliveries: 1, duplicates: 0, incomplete: 0 });
  });

  it("a Chart.yaml that is not YAML: a clear reply naming the file, no commit, no tag", async () => {
    await env.repo.commit({
      branch: "release-1.5",
      files: { "charts/demo-operator/Chart.yaml": "apiVersion: v2\nversion: [1.5.0\n" },
      message: "Break the chart",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
    const before = (await env.repo.tags()).map((t) => t.name);
    let reply = "";
    const writes = await writesDuring(async () => {
      reply = await ask("Chart.yaml not YAML", "/rc 1.5", {
        text: /charts\/demo-operator\/Chart\.yaml.*nothing was written|nothing was written.*charts\/demo-operator\/Chart\.yaml/s,
        fails: true,
      });
    });
    expect(reply).toContain("charts/demo-operator/Chart.yaml");
    expect(reply).toContain("nothing was written");
    expect(writes).toEqual([]);
    expect((await env.repo.tags()).map((t) => t.name)).toEqual(before);
    // Repair for the next cases.
    await env.repo.commit({
      branch: "release-1.5",
      files: {
        "charts/demo-operator/Chart.yaml":
          "apiVersion: v2\nname: demo-operator\nversion: 1.5.0-rc.0\nappVersion: 1.5.0-rc.0\n",
      },
      message: "Repair the chart",
      author: MAINTAINER,
    });
  });

  it("tags that are not SemVer on the release branch are ignored when choosing the next version", async () => {
    await env.repo.createTag("v1.5.0-hotfix", "release-1.5", { as: MAINTAINER });
    await env.repo.createTag("v1.5", "release-1.5", { as: MAINTAINER });
    await env.repo.createTag("latest", "release-1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    const reply = await ask(
      "non-SemVer tags on the branch",
      "/rc 1.5",
      { text: /^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/ },
      { cuts: [{ tag: "v1.5.0-rc.1" }] },
    );
    expect(reply).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
  });

  it("a config that is not YAML: the reply says so and nothing is written", async () => {
    await env.repo.commit({
      branch: "master",
      files: { ".github/release-bot.yml": "tags: [unclosed\n" },
      message: "Add a broken config",
      author: MAINTAINER,
    });
    // Its push gets the configuration check run (failing); the command must write nothing more.
    await env.sandbox.idle();
    let reply = "";
    const writes = await writesDuring(async () => {
      reply = await ask("config not YAML", "/rc 1.5", {
        text: /^Nothing was run: \.github\/release-bot\.yml is not valid YAML/,
        fails: true,
      });
    });
    expect(reply).toMatch(/^Nothing was run: \.github\/release-bot\.yml is not valid YAML/);
    expect(writes).toEqual([]);
  });

  it("a config with an unknown key: the reply names the key and nothing is written", async () => {
    await env.repo.commit({
      branch: "master",
      files: { ".github/release-bot.yml": "tags:\n  fromat: v{version}\n" },
      message: "Misspell a key",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
    let reply = "";
    const writes = await writesDuring(async () => {
      reply = await ask("config with an unknown key", "/rc 1.5", {
        text: /`tags\.fromat` is not a known setting/,
        fails: true,
      });
    });
    expect(reply).toContain("`tags.fromat` is not a known setting");
    expect(writes).toEqual([]);
    await env.repo.commit({
      branch: "master",
      files: { ".github/release-bot.yml": null },
      message: "Remove the config",
      author: MAINTAINER,
    });
  });

  for (const role of ["read", "triage", "none"] as const) {
    it(`a user with ${role} access is refused and nothing is written`, async () => {
      const user = `user-${role}`;
      env.sandbox.setPermission(env.repo, user, role);
      let reply = "";
      const writes = await writesDuring(async () => {
        reply = await ask(
          `commands from a user with ${role} access`,
          "/branch 1.9\n/release 1.5",
          { text: new RegExp(`Sorry @${user}, only people with the \`write\` role or higher`) },
          { as: user },
        );
      });
      expect(reply).toContain(`Sorry @${user}, only people with the \`write\` role or higher`);
      expect(reply).toContain(`(yours is \`${role}\`)`);
      expect(writes).toEqual([]);
    });
  }

  it("an outside collaborator (no role on the repository) is refused", async () => {
    let reply = "";
    const writes = await writesDuring(async () => {
      reply = await ask(
        "a command from an outside collaborator",
        "/rc 1.5",
        { text: /^Sorry @passer-by/ },
        { as: "passer-by" },
      );
    });
    expect(reply).toContain("Sorry @passer-by");
    expect(writes).toEqual([]);
  });

  it("a release branch created and deleted before its webhook arrives: no action, no crash", async () => {
    const row = await beginScenario(env, "branch created and deleted quickly");
    const held = env.sandbox.webhooks.hold({
      event: "create",
      match: (d) => d.payload.ref === "release-1.7",
    });
    await env.repo.createBranch("release-1.7", "master", { as: MAINTAINER });
    await env.repo.deleteBranch("release-1.7", { as: MAINTAINER });
    // The hold caught the create: it reaches the bot only after the branch is gone.
    expect(held.held.map((d) => [d.event, d.payload.ref])).toEqual([["create", "release-1.7"]]);
    held.release("fifo");
    await env.sandbox.idle();
    expect((await env.repo.branches()).includes("release-1.7")).toBe(false);
    expect((await env.repo.tags()).some((t) => t.name.startsWith("v1.7."))).toBe(false);
    expect(env.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    // Its create, delete and two pushes; nothing made of them.
    expect(await row.end({})).toMatchObject({ deliveries: 4, duplicates: 0, incomplete: 0 });
  });

  it("never logs the installation token or the App's private key", () => {
    const logs = env.logs.join("");
    // The local GitHub issues installation tokens as `ghs_...`, as GitHub does.
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toMatch(/ghs_[A-Za-z0-9_-]{10,}/);
    expect(logs).not.toContain(PRIVATE_KEY_LINE);
    expect(logs).not.toContain("reliability-secret");
  });
});
