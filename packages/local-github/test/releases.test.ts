import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
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
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

describe("releases", () => {
  it("creates a pre-release and its tag (create webhook), notes list the merged PRs since the previous tag", async () => {
    await repo.createBranch("release-1.5", "master");
    const first = await bot.rest.repos.createRelease({
      owner,
      repo: name,
      tag_name: "v1.5.0-rc.0",
      target_commitish: "release-1.5",
      prerelease: true,
    });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      tag_name: "v1.5.0-rc.0",
      prerelease: true,
      draft: false,
      name: null,
    });
    expect(await git(repo.gitDir, "rev-parse", "refs/tags/v1.5.0-rc.0")).toBe(
      await repo.resolve("release-1.5"),
    );

    await repo.commit({
      branch: "fix-1",
      from: "release-1.5",
      files: { "fix.txt": "1\n" },
      message: "fix one",
      author: "alice",
    });
    const pr = await repo.openPullRequest({
      head: "fix-1",
      base: "release-1.5",
      title: "Fix one",
      user: "alice",
    });
    await repo.mergePullRequest(pr.number, { method: "squash", as: "maintainer" });
    await repo.commit({
      branch: "release-1.5",
      files: { VERSION: "v1.5.0-rc.1\n" },
      message: "bump",
      author: "bob",
    });

    const second = await bot.rest.repos.createRelease({
      owner,
      repo: name,
      tag_name: "v1.5.0-rc.1",
      target_commitish: "release-1.5",
      prerelease: true,
      generate_release_notes: true,
    });
    expect(second.data.name).toBe("v1.5.0-rc.1");
    expect(second.data.body).toBe(
      [
        "## What's Changed",
        `* Fix one by @alice in https://github.com/kubeflow/spark-operator/pull/${pr.number}`,
        "",
        "**Full Changelog**: https://github.com/kubeflow/spark-operator/compare/v1.5.0-rc.0...v1.5.0-rc.1",
      ].join("\n"),
    );
    await sandbox.idle();
    const created = t
      .events("create")
      .filter((e) => e.payload.ref_type === "tag")
      .map((e) => e.payload.ref);
    expect(created).toEqual(["v1.5.0-rc.0", "v1.5.0-rc.1"]);
    expect(t.events("release", "published")).toHaveLength(2);
  });

  it("uses an existing tag; 422 already_exists for a duplicate tag_name", async () => {
    const head = (await repo.resolve("master")) as string;
    await bot.rest.git.createRef({ owner, repo: name, ref: "refs/tags/v1.4.0", sha: head });
    const r = await bot.rest.repos.createRelease({
      owner,
      repo: name,
      tag_name: "v1.4.0",
      name: "v1.4.0",
      body: "notes",
    });
    expect(r.data.body).toBe("notes");
    const dup = await bot.rest.repos
      .createRelease({ owner, repo: name, tag_name: "v1.4.0" })
      .catch(
        (e: {
          status: number;
          response: { data: { errors: Array<{ code: string; field: string }> } };
        }) => e,
      );
    expect(dup).toMatchObject({
      status: 422,
      response: { data: { errors: [{ code: "already_exists", field: "tag_name" }] } },
    });
  });

  it("gets releases by tag and lists them newest first with pagination", async () => {
    const byTag = await bot.rest.repos.getReleaseByTag({ owner, repo: name, tag: "v1.5.0-rc.1" });
    expect(byTag.data.tag_name).toBe("v1.5.0-rc.1");
    expect(
      await statusOf(bot.rest.repos.getReleaseByTag({ owner, repo: name, tag: "v9.9.9" })),
    ).toBe(404);
    const all = await bot.paginate(bot.rest.repos.listReleases, { owner, repo: name, per_page: 1 });
    expect(all.map((r) => r.tag_name)).toEqual(["v1.4.0", "v1.5.0-rc.1", "v1.5.0-rc.0"]);
    const latest = await bot.rest.repos.getLatestRelease({ owner, repo: name });
    expect(latest.data.tag_name).toBe("v1.4.0");
    const tags = await bot.rest.repos.listTags({ owner, repo: name });
    expect(tags.data.map((x) => x.name)).toEqual(["v1.5.0-rc.1", "v1.5.0-rc.0", "v1.4.0"]);
  });

  it("drafts get no tag until published", async () => {
    const draft = await bot.rest.repos.createRelease({
      owner,
      repo: name,
      tag_name: "v2.0.0",
      draft: true,
    });
    expect(await git(repo.gitDir, "for-each-ref", "refs/tags/v2.0.0")).toBe("");
    const published = await bot.rest.repos.updateRelease({
      owner,
      repo: name,
      release_id: draft.data.id,
      draft: false,
    });
    expect(published.data.draft).toBe(false);
    expect(await git(repo.gitDir, "rev-parse", "refs/tags/v2.0.0")).toBe(
      await repo.resolve("master"),
    );
  });
});
