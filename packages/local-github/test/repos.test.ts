import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
let octokit: Octokit;
const owner = "kubeflow";
const name = "spark-operator";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  sandbox.user("alice", { name: "Alice A", email: "alice@example.com" });
  repo = await sandbox.createRepo(`${owner}/${name}`, {
    defaultBranch: "master",
    files: {
      "a.txt": "1\n2\n3\n",
      "charts/spark-operator-chart/Chart.yaml": "version: 2.4.0\n",
      ".github/release-bot.yml": "tagFormat: v{version}\n",
    },
  });
  octokit = octokitFor(sandbox);
});

afterEach(async () => {
  await sandbox.idle();
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

describe("repository, contents, branches", () => {
  it("GET /repos and the default branch", async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo: name });
    expect(data).toMatchObject({
      full_name: "kubeflow/spark-operator",
      default_branch: "master",
      private: false,
    });
    expect(data.owner.type).toBe("Organization");
    expect(await statusOf(octokit.rest.repos.get({ owner, repo: "nope" }))).toBe(404);
  });

  it("contents: files (base64 and raw), directories, 404s", async () => {
    const file = await octokit.rest.repos.getContent({
      owner,
      repo: name,
      path: ".github/release-bot.yml",
    });
    const data = file.data as { type: string; content: string; encoding: string; sha: string };
    expect(data.type).toBe("file");
    expect(Buffer.from(data.content, "base64").toString()).toBe("tagFormat: v{version}\n");
    expect(data.sha).toBe(await git(repo.gitDir, "rev-parse", "master:.github/release-bot.yml"));
    const raw = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo: name,
      path: ".github/release-bot.yml",
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe("tagFormat: v{version}\n");
    expect(raw.headers["content-type"]).not.toBe("application/json; charset=utf-8");
    const dir = await octokit.rest.repos.getContent({ owner, repo: name, path: "charts" });
    expect(Array.isArray(dir.data) && dir.data.map((e) => `${e.type}:${e.path}`)).toEqual([
      "dir:charts/spark-operator-chart",
    ]);
    expect(
      await statusOf(octokit.rest.repos.getContent({ owner, repo: name, path: "missing.yml" })),
    ).toBe(404);
    expect(
      await statusOf(
        octokit.rest.repos.getContent({ owner, repo: ".github", path: ".github/release-bot.yml" }),
      ),
    ).toBe(404);
    const atRef = await octokit.rest.repos.getContent({
      owner,
      repo: name,
      path: "a.txt",
      ref: "master",
    });
    expect((atRef.data as { size: number }).size).toBe(6);
  });

  it("branches: get (with commit.tree.sha) and list with pagination", async () => {
    for (const b of ["release-1.0", "release-1.1", "release-1.2"])
      await repo.createBranch(b, "master");
    const branch = await octokit.rest.repos.getBranch({ owner, repo: name, branch: "release-1.1" });
    expect(branch.data.commit.sha).toBe(await repo.resolve("master"));
    expect(branch.data.commit.commit.tree.sha).toBe(
      await git(repo.gitDir, "rev-parse", "master^{tree}"),
    );
    const page = await octokit.rest.repos.listBranches({ owner, repo: name, per_page: 2, page: 2 });
    expect(page.data.map((b) => b.name)).toEqual(["release-1.1", "release-1.2"]);
    expect(page.headers.link).toContain('rel="prev"');
    const all = await octokit.paginate(octokit.rest.repos.listBranches, {
      owner,
      repo: name,
      per_page: 1,
    });
    expect(all.map((b) => b.name)).toEqual(["master", "release-1.0", "release-1.1", "release-1.2"]);
    expect(
      await statusOf(octokit.rest.repos.getBranch({ owner, repo: name, branch: "nope" })),
    ).toBe(404);
    await repo.createBranch("feature/slash", "master");
    const slash = await octokit.rest.repos.getBranch({
      owner,
      repo: name,
      branch: "feature/slash",
    });
    expect(slash.data.name).toBe("feature/slash");
    const tags = await octokit.rest.repos.listTags({ owner, repo: name });
    expect(tags.data).toEqual([]);
  });

  it("imports a directory as the initial commit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sandbox-import-"));
    await mkdir(join(dir, "charts", "x"), { recursive: true });
    await writeFile(join(dir, "charts", "x", "Chart.yaml"), "version: 1.0.0\n");
    await writeFile(join(dir, "VERSION"), "v1.0.0\n");
    const imported = await sandbox.createRepo("kubeflow/imported", {
      fromDirectory: dir,
      files: { "extra.txt": "e\n" },
    });
    expect((await imported.listFiles("main")).sort()).toEqual([
      "VERSION",
      "charts/x/Chart.yaml",
      "extra.txt",
    ]);
    await rm(dir, { recursive: true, force: true });
  });
});

describe("commits and compare", () => {
  it("GET a commit with parents and files (status, patch)", async () => {
    const sha = await repo.commit({
      branch: "master",
      files: {
        "a.txt": "1\nTWO\n3\n",
        "new.txt": "n\n",
        "charts/spark-operator-chart/Chart.yaml": null,
      },
      message: "change things",
      author: "alice",
    });
    const { data } = await octokit.rest.repos.getCommit({ owner, repo: name, ref: sha });
    expect(data.parents.map((p) => p.sha)).toEqual([
      await git(repo.gitDir, "rev-parse", `${sha}^`),
    ]);
    expect(data.author?.login).toBe("alice");
    const files = Object.fromEntries((data.files ?? []).map((f) => [f.filename, f]));
    expect(files["a.txt"]).toMatchObject({
      status: "modified",
      additions: 1,
      deletions: 1,
      patch: "@@ -1,3 +1,3 @@\n 1\n-2\n+TWO\n 3",
    });
    expect(files["new.txt"]).toMatchObject({ status: "added", additions: 1 });
    expect(files["charts/spark-operator-chart/Chart.yaml"]).toMatchObject({
      status: "removed",
      deletions: 1,
    });
    expect(data.stats).toEqual({ total: 4, additions: 2, deletions: 2 });
    const byBranch = await octokit.rest.repos.getCommit({ owner, repo: name, ref: "master" });
    expect(byBranch.data.sha).toBe(sha);
    const diff = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner,
      repo: name,
      ref: sha,
      mediaType: { format: "diff" },
    });
    expect(String(diff.data)).toContain("+TWO");
    expect(await statusOf(octokit.rest.repos.getCommit({ owner, repo: name, ref: "nope" }))).toBe(
      422,
    );
  });

  it("lists commits newest first with per_page/page and Link headers", async () => {
    for (let i = 0; i < 4; i++) {
      await repo.commit({
        branch: "history",
        from: "master",
        files: { "h.txt": `${i}\n` },
        message: `h${i}`,
        author: "alice",
      });
    }
    const first = await octokit.rest.repos.listCommits({
      owner,
      repo: name,
      sha: "history",
      per_page: 2,
    });
    expect(first.data.map((c) => c.commit.message)).toEqual(["h3", "h2"]);
    expect(first.headers.link).toMatch(/rel="next"/);
    expect(first.headers.link).toMatch(/rel="last"/);
    const second = await octokit.rest.repos.listCommits({
      owner,
      repo: name,
      sha: "history",
      per_page: 2,
      page: 2,
    });
    expect(second.data.map((c) => c.commit.message)).toEqual(["h1", "h0"]);
    const expected = (await git(repo.gitDir, "rev-list", "history")).split("\n");
    const all = await octokit.paginate(octokit.rest.repos.listCommits, {
      owner,
      repo: name,
      sha: "history",
      per_page: 3,
    });
    expect(all.map((c) => c.sha)).toEqual(expected);
  });

  it("compare: ahead, behind, identical, diverged, with merge base and files", async () => {
    const base = (await repo.resolve("master")) as string;
    await repo.commit({
      branch: "ahead",
      from: "master",
      files: { "x.txt": "x\n" },
      message: "x",
      author: "alice",
    });
    await repo.commit({
      branch: "ahead",
      files: { "y.txt": "y\n" },
      message: "y",
      author: "alice",
    });
    const ahead = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo: name,
      basehead: "master...ahead",
    });
    expect(ahead.data).toMatchObject({
      status: "ahead",
      ahead_by: 2,
      behind_by: 0,
      total_commits: 2,
    });
    expect(ahead.data.merge_base_commit.sha).toBe(base);
    expect(ahead.data.commits.map((c) => c.commit.message)).toEqual(["x", "y"]);
    expect(ahead.data.files?.map((f) => f.filename)).toEqual(["x.txt", "y.txt"]);
    const behind = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo: name,
      basehead: "ahead...master",
    });
    expect(behind.data).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 2 });
    const same = await octokit.rest.repos.compareCommits({
      owner,
      repo: name,
      base: "master",
      head: base,
    });
    expect(same.data.status).toBe("identical");
    await repo.commit({
      branch: "master",
      files: { "z.txt": "z\n" },
      message: "z",
      author: "alice",
    });
    const diverged = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo: name,
      basehead: "master...ahead",
    });
    expect(diverged.data).toMatchObject({ status: "diverged", ahead_by: 2, behind_by: 1 });
    expect(diverged.data.merge_base_commit.sha).toBe(base);
    expect(
      await statusOf(
        octokit.rest.repos.compareCommitsWithBasehead({
          owner,
          repo: name,
          basehead: "master...nope",
        }),
      ),
    ).toBe(404);
  });
});

describe("merges API", () => {
  it("201 with a merge commit, 204 when already merged, 409 on conflict, 404 on missing branches", async () => {
    const tip = await repo.commit({
      branch: "topic",
      from: "master",
      files: { "t.txt": "t\n" },
      message: "topic",
      author: "alice",
    });
    await repo.commit({
      branch: "target",
      from: "master",
      files: { "u.txt": "u\n" },
      message: "target",
      author: "alice",
    });
    const before = (await repo.resolve("target")) as string;
    const merged = await octokit.rest.repos.merge({
      owner,
      repo: name,
      base: "target",
      head: "topic",
      commit_message: "pick",
    });
    expect(merged.status).toBe(201);
    expect(merged.data.parents.map((p) => p.sha)).toEqual([before, tip]);
    expect(merged.data.commit.message).toBe("pick");
    expect(await git(repo.gitDir, "rev-parse", "refs/heads/target")).toBe(merged.data.sha);
    expect(await git(repo.gitDir, "show", "target:t.txt")).toBe("t");

    const again = await octokit.rest.repos.merge({
      owner,
      repo: name,
      base: "target",
      head: "topic",
    });
    expect(again.status).toBe(204);

    await repo.commit({
      branch: "c1",
      from: "master",
      files: { "a.txt": "left\n" },
      message: "left",
      author: "alice",
    });
    await repo.commit({
      branch: "c2",
      from: "master",
      files: { "a.txt": "right\n" },
      message: "right",
      author: "alice",
    });
    const c1 = await repo.resolve("c1");
    const conflict = await octokit.rest.repos
      .merge({ owner, repo: name, base: "c1", head: "c2" })
      .catch((e: { status: number; response: { data: { message: string } } }) => e);
    expect(conflict).toMatchObject({
      status: 409,
      response: { data: { message: "Merge conflict" } },
    });
    expect(await repo.resolve("c1")).toBe(c1);

    expect(
      await statusOf(octokit.rest.repos.merge({ owner, repo: name, base: "nope", head: "c2" })),
    ).toBe(404);
    expect(
      await statusOf(octokit.rest.repos.merge({ owner, repo: name, base: "c1", head: "nope" })),
    ).toBe(404);
  });

  it("the three-way merge a cherry-pick needs: a commit onto another base through a temp branch", async () => {
    // pick `fix` (parent P) onto release: temp branch at P's child... the classic REST recipe.
    await repo.commit({
      branch: "release-1.0",
      files: { "rel.txt": "r\n" },
      message: "release only",
      author: "alice",
    });
    const fix = await repo.commit({
      branch: "fixes",
      from: "master",
      files: { "fix.txt": "fixed\n" },
      message: "fix: thing",
      author: "alice",
    });
    const parent = await git(repo.gitDir, "rev-parse", `${fix}^`);
    const release = (await repo.resolve("release-1.0")) as string;
    const releaseTree = await git(repo.gitDir, "rev-parse", `${release}^{tree}`);
    // temp branch = a commit with release's tree whose parent is fix's parent
    const temp = await octokit.rest.git.createCommit({
      owner,
      repo: name,
      message: "temp",
      tree: releaseTree,
      parents: [parent],
    });
    await octokit.rest.git.createRef({
      owner,
      repo: name,
      ref: "refs/heads/tmp-pick",
      sha: temp.data.sha,
    });
    const merged = await octokit.rest.repos.merge({
      owner,
      repo: name,
      base: "tmp-pick",
      head: fix,
    });
    const tree = merged.data.commit.tree.sha;
    const picked = await octokit.rest.git.createCommit({
      owner,
      repo: name,
      message: "fix: thing",
      tree,
      parents: [release],
    });
    await octokit.rest.git.updateRef({
      owner,
      repo: name,
      ref: "heads/release-1.0",
      sha: picked.data.sha,
    });
    await octokit.rest.git.deleteRef({ owner, repo: name, ref: "heads/tmp-pick" });
    expect(await git(repo.gitDir, "diff", `${fix}^`, fix)).toBe(
      await git(repo.gitDir, "diff", release, picked.data.sha),
    );
  });
});

describe("the token's identity", () => {
  it("GET /user is the token's user; installation tokens get 403, unissued GitHub tokens 401", async () => {
    const me = await octokitFor(sandbox, sandbox.tokenFor("alice")).rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: "alice", type: "User" });
    const asDefault = await octokitFor(sandbox, "x").rest.users.getAuthenticated();
    expect(asDefault.data.login).toBe("octocat");

    const bot = octokitFor(sandbox, sandbox.installationToken());
    expect(await statusOf(bot.rest.users.getAuthenticated())).toBe(403);
    expect(await statusOf(octokitFor(sandbox, "").rest.users.getAuthenticated())).toBe(401);

    for (const token of ["ghp_never_issued", "ghs_never_issued", "github_pat_never_issued"]) {
      const refused = octokitFor(sandbox, token);
      const error = await refused.rest.repos.get({ owner, repo: name }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        status: 401,
        response: { data: { message: "Bad credentials" } },
      });
    }
    expect(sandbox.requests.at(-1)).toMatchObject({ status: 401, actor: "bad-credentials" });
  });
});
