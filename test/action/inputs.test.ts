import { type Sandbox, type SandboxRepo, startSandbox } from "@release-bot/local-github";
import { INITIAL_FILES, readTag } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionInputs, type ActionRun, installAction } from "./harness.js";

/**
 * The Action's inputs and the token's kind, each on a repository of its own in one local
 * GitHub: dist/index.js as a child process, asserting on what GitHub holds and on the run's log
 * and exit code.
 */
describe("the Action's token and inputs", () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "unused: the Action reads the event file" });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  const settle = () => sandbox.idle({ timeoutMs: 120_000 });

  /** A demo operator repository with the Action installed with these inputs. */
  async function repoWithAction(
    name: string,
    inputs: (sandbox: Sandbox) => ActionInputs,
    files: Record<string, string> = {},
  ): Promise<{ repo: SandboxRepo; runs: ActionRun[]; issue: number }> {
    const repo = await sandbox.createRepo(`kubeflow/${name}`, {
      defaultBranch: "master",
      files: { ...INITIAL_FILES, ...files },
    });
    sandbox.setPermission(repo, "maintainer", "maintain");
    const runs = installAction(sandbox, repo.fullName, inputs(sandbox));
    const issue = await repo.openIssue({ title: "Release 1.5", user: "maintainer" });
    await settle();
    return { repo, runs, issue };
  }

  const commentsOn = (repo: SandboxRepo, issue: number) =>
    repo.comments(issue).map((c) => ({ by: (c.user as { login: string }).login, body: c.body }));

  it("a token GitHub refuses: the run fails with a clear error and nothing is written", async () => {
    const { repo, runs, issue } = await repoWithAction("bad-token", () => ({
      token: "ghs_RevokedOrMistypedToken0000000000",
    }));
    await repo.comment(issue, "/branch 1.5", { as: "maintainer" });
    await settle();

    expect(runs).toEqual([expect.objectContaining({ event: "issue_comment", exitCode: 1 })]);
    expect(runs[0]?.log).toMatch(
      /^::error::GitHub refused the `token` input \(401 Bad credentials\): it is mistyped, revoked or expired\./m,
    );
    // The runner hides a secret everywhere once told so; only that line may hold it.
    const withToken = runs[0]?.log.split("\n").filter((l) => l.includes("ghs_RevokedOrMistyped"));
    expect(withToken).toEqual(["::add-mask::ghs_RevokedOrMistypedToken0000000000"]);
    expect(commentsOn(repo, issue)).toEqual([{ by: "maintainer", body: "/branch 1.5" }]);
    expect(await repo.branches()).toEqual(["master"]);
  }, 120_000);

  it("GITHUB_TOKEN gets a warning; dry-run: replies say what would be done, nothing is written", async () => {
    const { repo, runs, issue } = await repoWithAction("dry-run", (s) => {
      const token = s.installationToken();
      return { token, workflowToken: token, dryRun: true, writeThrottle: false };
    });
    const master = await repo.resolve("master");
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await repo.comment(issue, "/rc 1.5", { as: "maintainer" });
    await settle();

    const reply = commentsOn(repo, issue)[1];
    expect(reply?.body).toMatch(
      /^\*\*Dry run\*\*: nothing was written\. The bot would:\n1\. commit version `1\.5\.0-rc\.0` on .*\n[\s\S]*\n2\. tag `v1\.5\.0-rc\.0` on that commit\n/,
    );
    expect(await repo.tags()).toEqual([]);
    expect(await repo.resolve("release-1.5")).toBe(master);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) {
      expect(run.exitCode).toBe(0);
      expect(run.log).toMatch(/^::warning::The `token` input is this workflow's GITHUB_TOKEN\./m);
    }
  }, 120_000);

  it("an invalid configuration: the problem issue or the reply says so, and the run fails", async () => {
    const { repo, runs, issue } = await repoWithAction(
      "invalid-config",
      (s) => ({ token: s.installationToken(), writeThrottle: false }),
      { ".github/release-bot.yml": "tags:\n  fromat: v{version}\n" },
    );
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await repo.comment(issue, "/rc 1.5", { as: "maintainer" });
    await settle();

    expect(await repo.tags()).toEqual([]);
    const problem = repo.issue(issue + 1) as { title: string; labels: Array<{ name: string }> };
    expect(problem.title).toBe(
      "release-bot: invalid configuration, `release-1.5` got no release candidate",
    );
    expect(problem.labels.map((l) => l.name)).toEqual(["release-bot"]);
    expect(commentsOn(repo, issue)[1]?.body).toMatch(
      /^Nothing was run: \.github\/release-bot\.yml is invalid: `tags\.fromat` is not a known setting\./,
    );
    // The third run is on the bot's reply: nothing to do, nothing failed. The checks workflow's
    // run on the new branch's push reads the configuration and finds nothing to check.
    expect(runs.filter((r) => r.event !== "push").map((r) => [r.event, r.exitCode])).toEqual([
      ["create", 1],
      ["issue_comment", 1],
      ["issue_comment", 0],
    ]);
    expect(runs.filter((r) => r.event === "push").map((r) => r.exitCode)).toEqual([0]);
  }, 120_000);

  it("config: the configuration is read from that path, not .github/release-bot.yml", async () => {
    const { repo, runs } = await repoWithAction(
      "config-path",
      // The Action's defaults otherwise, the write throttle included: a release as users run it.
      (s) => ({ token: s.installationToken(), config: "ci/release-bot.yml" }),
      {
        "ci/release-bot.yml": 'tags:\n  format: "demo-operator-v{version}"\n',
        ".github/release-bot.yml": 'tags:\n  format: "not-read-v{version}"\n',
      },
    );
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await settle();

    expect((await repo.tags()).map((t) => t.name)).toEqual(["demo-operator-v1.5.0-rc.0"]);
    const rc0 = await readTag(repo, "demo-operator-v1.5.0-rc.0");
    expect(rc0).toMatchObject({
      chartVersion: "1.5.0-rc.0",
      versionFile: "demo-operator-v1.5.0-rc.0",
    });
    expect(runs.every((run) => run.exitCode === 0)).toBe(true);
  }, 120_000);

  it("a personal token: replies are its user's, its own replies start runs that do nothing", async () => {
    const { repo, runs, issue } = await repoWithAction("personal-token", (s) => ({
      token: s.tokenFor("release-robot"),
      writeThrottle: false,
    }));
    sandbox.setPermission(repo, "release-robot", "write");
    // The token's owner can still command the bot; only comments with the bot's marker are its own.
    await repo.comment(issue, "/help", { as: "release-robot" });
    await settle();

    const comments = commentsOn(repo, issue);
    expect(comments.map((c) => c.by)).toEqual(["release-robot", "release-robot"]);
    expect(comments[1]?.body).toMatch(/^\*\*release-bot commands\*\*/);
    expect(runs.map((r) => [r.event, r.exitCode])).toEqual([
      ["issue_comment", 0],
      ["issue_comment", 0],
    ]);
    expect(runs[1]?.log).toMatch(
      /^Nothing to do: comment by the token's user @release-robot is the bot's own reply\.$/m,
    );
  }, 120_000);
});
