/**
 * GitHub's rules, switched on per repository: App permissions, the workflows permission,
 * rulesets, classic protection, signature verification, rebase merges that drop empty commits,
 * the read-after-write lag of `POST /pulls`, and assignable users.
 */
import type { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox } from "./helpers.js";

const APP_YML = { contents: "write", pull_requests: "write", issues: "write", metadata: "read" };

let sandbox: Sandbox;
let repo: SandboxRepo;
let bot: Octokit;
const o = { owner: "kubeflow", repo: "spark-operator" };

beforeEach(async () => {
  sandbox = (await startTestSandbox()).sandbox;
  repo = await sandbox.createRepo("kubeflow/spark-operator", {
    defaultBranch: "master",
    files: { VERSION: "v1\n", ".github/workflows/ci.yml": "on: push\n" },
  });
  bot = octokitFor(sandbox, sandbox.installationToken());
});
afterEach(async () => {
  await sandbox.close();
});

async function head(branch: string): Promise<string> {
  const sha = await repo.resolve(branch);
  if (!sha) throw new Error(`no branch ${branch}`);
  return sha;
}

/** The status and message GitHub answered with. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response: { data: { message: string } } };
    return { status: e.status, message: e.response.data.message };
  }
  throw new Error("the request succeeded");
}

/** A commit on top of `parent` changing `files`, made by the bot (no custom author: signed). */
async function botCommit(parent: string, files: Record<string, string>, author?: boolean) {
  const base = (await bot.rest.git.getCommit({ ...o, commit_sha: parent })).data.tree.sha;
  const tree = await bot.rest.git.createTree({
    ...o,
    base_tree: base,
    tree: Object.entries(files).map(([path, content]) => ({
      path,
      mode: "100644" as const,
      type: "blob" as const,
      content,
    })),
  });
  const { data } = await bot.rest.git.createCommit({
    ...o,
    message: "change",
    tree: tree.data.sha,
    parents: [parent],
    ...(author ? { author: { name: "Alice", email: "alice@example.com" } } : {}),
  });
  return data;
}

describe("App permissions", () => {
  it("refuses what the token lacks with 403 and the accepted permissions", async () => {
    repo.setRules({ appPermissions: { metadata: "read", contents: "read" } });
    await bot.rest.repos.getContent({ ...o, path: "VERSION" });
    const master = await head("master");
    const refused = bot.rest.git.createRef({ ...o, ref: "refs/heads/x", sha: master });
    await expect(refused).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: "Resource not accessible by integration" },
        headers: { "x-accepted-github-permissions": "contents=write" },
      },
    });
    expect(await repo.branches()).toEqual(["master"]);
  });

  it("accepts issues endpoints with the pull requests permission", async () => {
    repo.setRules({ appPermissions: { metadata: "read", pull_requests: "write" } });
    const issue = await repo.openIssue({ title: "t", user: "alice" });
    await bot.rest.issues.createComment({ ...o, issue_number: issue, body: "hi" });
    expect(repo.comments(issue).map((c) => c.body)).toEqual(["hi"]);
  });

  it("refuses a ref that changes .github/workflows without the workflows permission", async () => {
    repo.setRules({ appPermissions: APP_YML });
    const master = await head("master");
    const touching = await botCommit(master, { ".github/workflows/ci.yml": "on: pull_request\n" });
    expect(
      await refusal(bot.rest.git.createRef({ ...o, ref: "refs/heads/ci", sha: touching.sha })),
    ).toEqual({
      status: 422,
      message:
        "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission",
    });
    const other = await botCommit(master, { VERSION: "v2\n" });
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/ok", sha: other.sha });
    const refused = bot.rest.git.updateRef({
      ...o,
      ref: "heads/ok",
      sha: touching.sha,
      force: true,
    });
    expect((await refusal(refused)).status).toBe(422);
    expect(await repo.resolve("ok")).toBe(other.sha);

    repo.setRules({ appPermissions: { ...APP_YML, workflows: "write" } });
    await bot.rest.git.updateRef({ ...o, ref: "heads/ok", sha: touching.sha, force: true });
    expect(await repo.readFile("ok", ".github/workflows/ci.yml")).toBe("on: pull_request\n");
  });
});

describe("rulesets", () => {
  it("block force pushes and deletions, require pull requests, list the rules", async () => {
    repo.addRuleset({ branches: ["release-*"], pullRequest: true });
    const master = await head("master");
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/release-1.0", sha: master });
    const next = await botCommit(master, { VERSION: "v2\n" });
    expect(
      await refusal(bot.rest.git.updateRef({ ...o, ref: "heads/release-1.0", sha: next.sha })),
    ).toEqual({
      status: 422,
      message:
        "Repository rule violations found\n\nChanges must be made through a pull request.\n\n",
    });
    expect(await refusal(bot.rest.git.deleteRef({ ...o, ref: "heads/release-1.0" }))).toEqual({
      status: 422,
      message: "Repository rule violations found\n\nCannot delete this branch\n\n",
    });
    expect((await bot.rest.repos.getBranch({ ...o, branch: "release-1.0" })).data.protected).toBe(
      true,
    );
    expect((await bot.rest.repos.getBranch({ ...o, branch: "master" })).data.protected).toBe(false);
    const rules = (await bot.rest.repos.getBranchRules({ ...o, branch: "release-1.0" })).data;
    expect(rules.map((r) => r.type).sort()).toEqual([
      "deletion",
      "non_fast_forward",
      "pull_request",
    ]);
    expect((await bot.rest.repos.getBranchRules({ ...o, branch: "master" })).data).toEqual([]);
    expect(await repo.resolve("release-1.0")).toBe(master);
  });

  it("refuse a force push, and let the bypass list through", async () => {
    repo.addRuleset({ branches: ["**"], bypass: [] });
    const master = await head("master");
    const side = await botCommit(master, { VERSION: "side\n" });
    const ahead = await botCommit(master, { VERSION: "v2\n" });
    await bot.rest.git.updateRef({ ...o, ref: "heads/master", sha: ahead.sha });
    const forced = bot.rest.git.updateRef({
      ...o,
      ref: "heads/master",
      sha: side.sha,
      force: true,
    });
    expect((await refusal(forced)).message).toBe(
      "Repository rule violations found\n\nCannot force-push to this branch\n\n",
    );
    repo.setRules({
      rulesets: [{ branches: ["**"], nonFastForward: true, bypass: ["release-bot[bot]"] }],
    });
    await bot.rest.git.updateRef({ ...o, ref: "heads/master", sha: side.sha, force: true });
    expect(await head("master")).toBe(side.sha);
  });

  it("require signed commits: only the App's commits without a custom author pass", async () => {
    repo.addRuleset({ branches: ["~DEFAULT_BRANCH"], requiredSignatures: true });
    const master = await head("master");
    const authored = await botCommit(master, { VERSION: "a\n" }, true);
    expect(authored.verification).toMatchObject({ verified: false, reason: "unsigned" });
    expect(
      (await refusal(bot.rest.git.updateRef({ ...o, ref: "heads/master", sha: authored.sha })))
        .message,
    ).toBe("Repository rule violations found\n\nCommits must have verified signatures.\n\n");
    const signed = await botCommit(master, { VERSION: "s\n" });
    expect(signed.verification).toMatchObject({ verified: true, reason: "valid" });
    await bot.rest.git.updateRef({ ...o, ref: "heads/master", sha: signed.sha });
    const listed = await bot.rest.repos.getCommit({ ...o, ref: signed.sha });
    expect(listed.data.commit.verification?.verified).toBe(true);
  });

  it("require linear history refuses merge commits; the merges API needs a pull request", async () => {
    repo.addRuleset({ branches: ["release-*"], requiredLinearHistory: true });
    await repo.createBranch("release-1.0", "master");
    await repo.commit({ branch: "feature", from: "master", files: { f: "f\n" }, message: "f" });
    await repo.commit({ branch: "release-1.0", files: { r: "r\n" }, message: "r" });
    expect(
      (await refusal(bot.rest.repos.merge({ ...o, base: "release-1.0", head: "feature" }))).message,
    ).toBe("Repository rule violations found\n\nThis branch must not contain merge commits.\n\n");
  });
});

describe("classic branch protection", () => {
  it("answers with the rule's own message and is not listed by the rules API", async () => {
    repo.protect("master", { requirePullRequest: true });
    const master = await head("master");
    const next = await botCommit(master, { VERSION: "v2\n" });
    expect(
      await refusal(bot.rest.git.updateRef({ ...o, ref: "heads/master", sha: next.sha })),
    ).toEqual({ status: 422, message: "Changes must be made through a pull request." });
    expect((await refusal(bot.rest.git.deleteRef({ ...o, ref: "heads/master" }))).message).toBe(
      "Cannot delete this protected branch",
    );
    expect((await bot.rest.repos.getBranchRules({ ...o, branch: "master" })).data).toEqual([]);
  });

  it("refuses a force push unless allowed", async () => {
    repo.protect("release-*");
    await repo.createBranch("release-1.0", "master");
    await repo.commit({ branch: "release-1.0", files: { r: "r\n" }, message: "r" });
    const master = await head("master");
    const forced = bot.rest.git.updateRef({
      ...o,
      ref: "heads/release-1.0",
      sha: master,
      force: true,
    });
    expect((await refusal(forced)).message).toBe("Cannot force-push to this protected branch");
  });
});

describe("pull requests", () => {
  it("opens one pull request when two requests ask at once", async () => {
    await repo.commit({ branch: "pick", from: "master", files: { a: "1\n" }, message: "one" });
    const open = () => bot.rest.pulls.create({ ...o, head: "pick", base: "master", title: "t" });
    const results = await Promise.allSettled([open(), open(), open()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(repo.pulls({ head: "pick" })).toHaveLength(1);
  });

  it("refuses maintainer_can_modify on a pull request within the repository, when switched on", async () => {
    repo.setRules({ refuseMaintainerEdits: true });
    await repo.commit({ branch: "pick", from: "master", files: { a: "1\n" }, message: "one" });
    const refused = bot.rest.pulls.create({
      ...o,
      head: "pick",
      base: "master",
      title: "t",
      maintainer_can_modify: true,
    });
    await expect(refused).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: "Validation Failed",
          errors: [
            {
              resource: "PullRequest",
              code: "custom",
              field: "fork_collab",
              message: "fork_collab Fork collab can't be granted by someone without permission",
            },
          ],
        },
      },
    });
    expect(repo.pulls({ head: "pick" })).toEqual([]);
    const { data } = await bot.rest.pulls.create({
      ...o,
      head: "pick",
      base: "master",
      title: "t",
    });
    expect(data.maintainer_can_modify).toBe(false);
  });

  it("a rebase merge drops a commit that became empty, when switched on", async () => {
    repo.setRules({ rebaseDropsEmpty: true });
    await repo.commit({ branch: "feature", from: "master", files: { a: "1\n" }, message: "one" });
    await repo.commit({ branch: "feature", files: { b: "2\n" }, message: "two" });
    await repo.commit({ branch: "master", files: { a: "1\n" }, message: "one, already" });
    const pr = await repo.openPullRequest({ head: "feature", title: "f", user: "alice" });
    const { sha } = await repo.mergePullRequest(pr.number as number, { method: "rebase" });
    const subjects = await git(repo.gitDir, "log", "--format=%s", "-3", sha);
    expect(subjects.split("\n")).toEqual(["two", "one, already", "Initial commit"]);
    expect(repo.isVerified(sha)).toBe(true);
  });

  it("POST /pulls answers 'No commits between' for a while after a ref write", async () => {
    repo.setRules({ readAfterWriteLagMs: 300 });
    const master = await head("master");
    const next = await botCommit(master, { VERSION: "v2\n" });
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/pick", sha: next.sha });
    const early = bot.rest.pulls.create({ ...o, head: "pick", base: "master", title: "t" });
    await expect(early).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: "No commits between master and pick" }] } },
    });
    await sandbox.clock.advance(300);
    const { data } = await bot.rest.pulls.create({
      ...o,
      head: "pick",
      base: "master",
      title: "t",
    });
    expect(data.head.sha).toBe(next.sha);
  });

  it("refuses assignees who are not collaborators, and bots", async () => {
    repo.setRules({ assignableOnly: true });
    sandbox.user("dependabot[bot]", { type: "Bot" });
    repo.setPermission("maintainer", "maintain");
    const issue = await repo.openIssue({ title: "t", user: "alice" });
    for (const login of ["dependabot[bot]", "stranger"]) {
      const refused = bot.rest.issues.update({ ...o, issue_number: issue, assignees: [login] });
      await expect(refused).rejects.toMatchObject({
        status: 422,
        response: { data: { errors: [{ value: login, field: "assignees", code: "invalid" }] } },
      });
    }
    await bot.rest.issues.update({ ...o, issue_number: issue, assignees: ["maintainer"] });
    const assignees = (repo.issue(issue)?.assignees ?? []) as Array<{ login: string }>;
    expect(assignees.map((a) => a.login)).toEqual(["maintainer"]);
  });
});
