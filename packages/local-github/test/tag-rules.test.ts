/**
 * Tag rulesets (restrict creations, updates, deletions of matching tags, with a bypass list),
 * the rulesets API that names them, and the workflows permission on tags, releases included.
 */
import type { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { octokitFor, startTestSandbox } from "./helpers.js";

const BOT = "release-bot[bot]";
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

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response: { data: { message: string } } };
    return { status: e.status, message: e.response.data.message };
  }
  throw new Error("the request succeeded");
}

describe("tag rulesets", () => {
  it("restrict creating, moving and deleting matching tags; the bypass list goes through", async () => {
    const master = (await repo.resolve("master")) as string;
    await bot.rest.git.createRef({ ...o, ref: "refs/tags/v0.9.0", sha: master });
    repo.addRuleset({
      name: "release tags",
      tags: ["v*"],
      creation: true,
      update: true,
      bypass: ["maintainer"],
    });

    expect(
      await refusal(bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.0.0", sha: master })),
    ).toEqual({
      status: 422,
      message:
        "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n",
    });
    expect(await refusal(bot.rest.repos.createRelease({ ...o, tag_name: "v1.0.0" }))).toMatchObject(
      { status: 422, message: expect.stringContaining("creations being restricted") },
    );
    const next = (
      await bot.rest.git.createCommit({
        ...o,
        message: "next",
        tree: (await bot.rest.git.getCommit({ ...o, commit_sha: master })).data.tree.sha,
        parents: [master],
      })
    ).data.sha;
    expect(
      await refusal(bot.rest.git.updateRef({ ...o, ref: "tags/v0.9.0", sha: next, force: true })),
    ).toEqual({
      status: 422,
      message: "Repository rule violations found\n\nCannot update this protected ref.\n\n",
    });
    expect(await refusal(bot.rest.git.deleteRef({ ...o, ref: "tags/v0.9.0" }))).toEqual({
      status: 422,
      message: "Repository rule violations found\n\nCannot delete this protected ref.\n\n",
    });
    // Tags the ruleset does not match, and branches, are not its business.
    await bot.rest.git.createRef({ ...o, ref: "refs/tags/nightly", sha: master });
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/v1", sha: master });
    // A bypass actor creates what the bot may not.
    const maintainer = octokitFor(sandbox, sandbox.tokenFor("maintainer"));
    sandbox.setPermission(repo, "maintainer", "maintain");
    await maintainer.rest.git.createRef({ ...o, ref: "refs/tags/v1.0.0", sha: master });
    expect((await repo.tags()).map((t) => t.name).sort()).toEqual(["nightly", "v0.9.0", "v1.0.0"]);

    repo.setRules({ rulesets: [] });
    repo.addRuleset({ name: "release tags", tags: ["v*"], creation: true, bypass: [BOT] });
    await bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.1.0", sha: master });
    expect(await repo.resolve("v1.1.0")).toBe(master);
  });

  it("are listed by the rulesets API with their conditions and rules, apart from branch rules", async () => {
    repo.addRuleset({ name: "lines", branches: ["release-*"], pullRequest: true });
    repo.addRuleset({ name: "release tags", tags: ["v*"], creation: true });

    const tagRulesets = (await bot.rest.repos.getRepoRulesets({ ...o, targets: "tag" })).data;
    expect(tagRulesets.map((r) => [r.id, r.name, r.target])).toEqual([[2, "release tags", "tag"]]);
    const detail = (await bot.rest.repos.getRepoRuleset({ ...o, ruleset_id: 2 })).data;
    expect(detail.conditions).toEqual({ ref_name: { include: ["refs/tags/v*"], exclude: [] } });
    expect(detail.rules).toEqual([{ type: "creation" }, { type: "deletion" }]);
    const lines = (await bot.rest.repos.getRepoRuleset({ ...o, ruleset_id: 1 })).data;
    expect(lines.target).toBe("branch");
    expect(lines.conditions).toEqual({
      ref_name: { include: ["refs/heads/release-*"], exclude: [] },
    });
    expect((await bot.rest.repos.getBranchRules({ ...o, branch: "v1" })).data).toEqual([]);
  });
});

describe("the workflows permission on tags", () => {
  it("refuses a tag (422), or a release creating one (404), on a commit whose workflows differ from the default branch's", async () => {
    repo.setRules({ appPermissions: APP_YML });
    await repo.commit({
      branch: "release-1.0",
      from: "master",
      files: { ".github/workflows/ci.yml": "on: pull_request\n" },
      message: "CI on pull requests",
    });
    const release = (await repo.resolve("release-1.0")) as string;
    const expected = {
      status: 422,
      message:
        "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission",
    };
    expect(
      await refusal(bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.0.0", sha: release })),
    ).toEqual(expected);
    // A release is refused before its tag, as "Create a release" documents: 404.
    expect(
      await refusal(
        bot.rest.repos.createRelease({ ...o, tag_name: "v1.0.0", target_commitish: "release-1.0" }),
      ),
    ).toEqual({ status: 404, message: "Not Found" });
    const tagObject = (
      await bot.rest.git.createTag({
        ...o,
        tag: "v1.0.0",
        message: "v1.0.0",
        object: release,
        type: "commit",
      })
    ).data.sha;
    expect(
      await refusal(bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.0.0", sha: tagObject })),
    ).toEqual(expected);
    expect(await repo.tags()).toEqual([]);
    expect(repo.releases()).toEqual([]);

    // The default branch's own workflows are no change; with the permission, all goes through.
    await bot.rest.repos.createRelease({ ...o, tag_name: "v0.9.0", target_commitish: "master" });
    repo.setRules({ appPermissions: { ...APP_YML, workflows: "write" } });
    await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.0.0",
      target_commitish: "release-1.0",
    });
    expect((await repo.tags()).map((t) => t.name).sort()).toEqual(["v0.9.0", "v1.0.0"]);
  });
});
