/**
 * Immutable releases and release assets on the local GitHub: every lock and refusal with GitHub's
 * status and words, drafts free until published, deleted names burned for good, uploads through
 * `upload_url` as Octokit makes them, and releases refused (404/403) to a token without the
 * `workflows` permission.
 */
import { createHash } from "node:crypto";
import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IMMUTABLE_MESSAGES, type Sandbox, type SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let bot: Octokit;
let counter = 0;
const owner = "kubeflow";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  bot = octokitFor(sandbox, sandbox.installationToken());
});

afterEach(async () => {
  await sandbox.idle();
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

async function newRepo(
  immutable = true,
): Promise<{ repo: SandboxRepo; o: { owner: string; repo: string } }> {
  counter += 1;
  const repo = await sandbox.createRepo(`${owner}/immutable-${counter}`, {
    defaultBranch: "master",
    files: { VERSION: "v1.5.0\n", ".github/workflows/release.yaml": "on: push\n" },
  });
  repo.setRules({ immutableReleases: immutable });
  return { repo, o: { owner, repo: repo.name } };
}

/** GitHub's answer to a refused request: status, message and the `errors` list's entries. */
async function refusal(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; errors?: unknown[] }> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      status: number;
      response: { data: { message: string; errors?: unknown[] } };
    };
    const { message, errors } = e.response.data;
    return { status: e.status, message, ...(errors ? { errors } : {}) };
  }
  throw new Error("the request was not refused");
}

async function upload(
  release: { upload_url: string },
  name: string,
  bytes: Buffer,
): Promise<{ id: number; name: string; digest: string | null; size: number }> {
  const { data } = await bot.rest.repos.uploadReleaseAsset({
    url: release.upload_url,
    name,
    data: bytes as unknown as string,
    headers: { "content-type": "application/gzip", "content-length": bytes.length },
  } as unknown as Parameters<typeof bot.rest.repos.uploadReleaseAsset>[0]);
  return data;
}

const RULE = "Repository rule violations found";

describe("release assets", () => {
  it("uploads through upload_url, lists, downloads the same bytes, renames odd names, refuses a second name", async () => {
    const { o } = await newRepo(false);
    const { data: release } = await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.5.0",
      draft: true,
    });
    expect(release.upload_url).toBe(
      `${sandbox.url}/uploads/repos/${owner}/${o.repo}/releases/${release.id}/assets{?name,label}`,
    );
    const bytes = Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 255]);
    const asset = await upload(release, "spark-operator-1.5.0.tgz", bytes);
    expect(asset).toMatchObject({
      name: "spark-operator-1.5.0.tgz",
      size: 7,
      digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    });
    expect((await upload(release, "notes (draft).txt", Buffer.from("x"))).name).toBe(
      "notes..draft..txt",
    );
    expect(await refusal(upload(release, "spark-operator-1.5.0.tgz", bytes))).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
    });
    const listed = await bot.rest.repos.listReleaseAssets({ ...o, release_id: release.id });
    expect(listed.data.map((a) => a.name)).toEqual([
      "spark-operator-1.5.0.tgz",
      "notes..draft..txt",
    ]);
    const download = await bot.rest.repos.getReleaseAsset({
      ...o,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" },
    });
    expect(Buffer.from(download.data as unknown as ArrayBuffer)).toEqual(bytes);
    const shown = await bot.rest.repos.getRelease({ ...o, release_id: release.id });
    expect(shown.data.assets.map((a) => [a.name, a.download_count])).toEqual([
      ["spark-operator-1.5.0.tgz", 1],
      ["notes..draft..txt", 0],
    ]);
    await bot.rest.repos.deleteReleaseAsset({ ...o, asset_id: asset.id });
    expect(await statusOf(bot.rest.repos.getReleaseAsset({ ...o, asset_id: asset.id }))).toBe(404);
  });

  it("lets several drafts carry one tag name, but only one published release", async () => {
    const { o } = await newRepo(false);
    const first = await bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0", draft: true });
    const second = await bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0", draft: true });
    expect(second.data.id).not.toBe(first.data.id);
    await bot.rest.repos.updateRelease({ ...o, release_id: first.data.id, draft: false });
    expect(
      await refusal(
        bot.rest.repos.updateRelease({ ...o, release_id: second.data.id, draft: false }),
      ),
    ).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
    });
  });
});

describe("immutable releases", () => {
  it("are a repository setting an admin reads and switches; the App needs Administration", async () => {
    const { repo, o } = await newRepo(false);
    expect(await statusOf(bot.rest.repos.checkImmutableReleases(o))).toBe(404);
    await bot.rest.repos.enableImmutableReleases(o);
    expect((await bot.rest.repos.checkImmutableReleases(o)).data).toEqual({
      enabled: true,
      enforced_by_owner: false,
    });
    repo.setRules({ appPermissions: { contents: "write", metadata: "read" } });
    expect(await refusal(bot.rest.repos.checkImmutableReleases(o))).toEqual({
      status: 403,
      message: "Resource not accessible by integration",
    });
    repo.setRules({ appPermissions: null });
    sandbox.setPermission(repo, "writer", "write");
    const writer = octokitFor(sandbox, sandbox.tokenFor("writer"));
    expect(await refusal(writer.rest.repos.disableImmutableReleases(o))).toEqual({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    await bot.rest.repos.disableImmutableReleases(o);
    expect(await statusOf(bot.rest.repos.checkImmutableReleases(o))).toBe(404);
  });

  it("lock a published release's tag and assets; title, notes and flags stay editable", async () => {
    const { repo, o } = await newRepo();
    const head = (await repo.resolve("master")) as string;
    const { data: draft } = await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.5.0",
      draft: true,
    });
    expect(draft.immutable).toBe(false);
    const chart = await upload(draft, "chart.tgz", Buffer.from("chart"));
    await bot.rest.repos.updateReleaseAsset({ ...o, asset_id: chart.id, label: "Helm chart" });
    const { data: published } = await bot.rest.repos.updateRelease({
      ...o,
      release_id: draft.id,
      draft: false,
    });
    expect(published).toMatchObject({ immutable: true, draft: false });
    expect(published.assets.map((a) => a.label)).toEqual(["Helm chart"]);

    await repo.commit({ branch: "master", files: { VERSION: "v1.5.1\n" }, message: "next" });
    const moved = (await repo.resolve("master")) as string;
    expect(
      await refusal(bot.rest.git.updateRef({ ...o, ref: "tags/v1.5.0", sha: moved, force: true })),
    ).toEqual({ status: 422, message: `${RULE}\n\nCannot update this protected ref.\n\n` });
    expect(await refusal(bot.rest.git.deleteRef({ ...o, ref: "tags/v1.5.0" }))).toEqual({
      status: 422,
      message: `${RULE}\n\nCannot delete this protected ref.\n\n`,
    });
    expect(await git(repo.gitDir, "rev-parse", "refs/tags/v1.5.0")).toBe(head);

    expect(await refusal(upload(published, "late.tgz", Buffer.from("late")))).toEqual({
      status: 422,
      message: IMMUTABLE_MESSAGES.upload,
    });
    expect(await refusal(bot.rest.repos.deleteReleaseAsset({ ...o, asset_id: chart.id }))).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [
        { resource: "ReleaseAsset", code: "custom", message: IMMUTABLE_MESSAGES.deleteAsset },
      ],
    });
    expect(
      (
        await refusal(
          bot.rest.repos.updateReleaseAsset({ ...o, asset_id: chart.id, name: "other.tgz" }),
        )
      ).status,
    ).toBe(422);
    expect(
      (await refusal(bot.rest.repos.updateRelease({ ...o, release_id: draft.id, tag_name: "v9" })))
        .errors,
    ).toEqual([
      {
        resource: "Release",
        code: "custom",
        field: "tag_name",
        message: IMMUTABLE_MESSAGES.changeTag,
      },
    ]);
    expect(
      (await refusal(bot.rest.repos.updateRelease({ ...o, release_id: draft.id, draft: true })))
        .status,
    ).toBe(422);

    const edited = await bot.rest.repos.updateRelease({
      ...o,
      release_id: draft.id,
      name: "Spark Operator 1.5.0",
      body: "Notes, edited.",
      prerelease: true,
    });
    expect(edited.data).toMatchObject({ name: "Spark Operator 1.5.0", prerelease: true });
    expect(edited.data.assets.map((a) => a.name)).toEqual(["chart.tgz"]);
  });

  it("leave drafts and releases published before the setting mutable", async () => {
    const { repo, o } = await newRepo(false);
    const { data: before } = await bot.rest.repos.createRelease({ ...o, tag_name: "v1.4.0" });
    repo.setRules({ immutableReleases: true });
    const { data: draft } = await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.5.0-rc.0",
      draft: true,
    });
    for (const release of [before, draft]) {
      const asset = await upload(release, "a.tgz", Buffer.from("a"));
      await bot.rest.repos.deleteReleaseAsset({ ...o, asset_id: asset.id });
    }
    await bot.rest.git.deleteRef({ ...o, ref: "tags/v1.4.0" });
    expect((await bot.rest.repos.getRelease({ ...o, release_id: before.id })).data.immutable).toBe(
      false,
    );
  });

  it("burn the tag name of a deleted immutable release: no tag, no release of that name ever again", async () => {
    const { repo, o } = await newRepo();
    const head = (await repo.resolve("master")) as string;
    const { data: release } = await bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0" });
    await bot.rest.repos.deleteRelease({ ...o, release_id: release.id });
    await sandbox.idle();
    expect(t.events("release", "deleted").at(-1)?.payload.release).toMatchObject({
      tag_name: "v1.5.0",
    });

    // The tag survives the release, and may be deleted now; its name stays taken.
    expect(await refusal(bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0" }))).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [
        {
          resource: "Release",
          code: "custom",
          field: "tag_name",
          message: IMMUTABLE_MESSAGES.burnedTagName,
        },
      ],
    });
    await bot.rest.git.deleteRef({ ...o, ref: "tags/v1.5.0" });

    const creation = {
      status: 422,
      message: `${RULE}\n\nCannot create ref due to creations being restricted.\n\n`,
    };
    expect(
      await refusal(bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.5.0", sha: head })),
    ).toEqual(creation);
    await expect(repo.createTag("v1.5.0", "master", { as: "maintainer" })).rejects.toThrow(
      "Cannot create ref due to creations being restricted.",
    );
    expect(await refusal(bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0" }))).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [
        {
          resource: "Release",
          code: "custom",
          field: "pre_receive",
          message: `pre_receive ${RULE}\n\nCannot create ref due to creations being restricted.\n\n`,
        },
        {
          resource: "Release",
          code: "custom",
          field: "tag_name",
          message: IMMUTABLE_MESSAGES.burnedTagName,
        },
        { resource: "Release", code: "custom", message: IMMUTABLE_MESSAGES.invalidTag },
      ],
    });
    // A draft of the name can be made (guessed), never published.
    const { data: draft } = await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.5.0",
      draft: true,
    });
    expect(
      (await refusal(bot.rest.repos.updateRelease({ ...o, release_id: draft.id, draft: false })))
        .errors,
    ).toHaveLength(3);
    // Turning the setting off frees nothing.
    repo.setRules({ immutableReleases: false });
    expect(
      (await refusal(bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.5.0", sha: head }))).status,
    ).toBe(422);
    expect(await git(repo.gitDir, "for-each-ref", "refs/tags/v1.5.0")).toBe("");
    // Another name is free.
    await bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.5.1", sha: head });
  });
});

describe("releases and the workflows permission", () => {
  it("answers 404 (or 403) to a token without workflows: write when the release's commit changes workflows", async () => {
    const { repo, o } = await newRepo(false);
    await repo.commit({
      branch: "release-1.5",
      from: "master",
      files: { ".github/workflows/release.yaml": "on: workflow_dispatch\n" },
      message: "Release workflow for 1.5",
    });
    const tagged = (await repo.resolve("release-1.5")) as string;
    await repo.createTag("v1.5.0", tagged, { message: "v1.5.0" });
    const { data: draft } = await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.5.1",
      target_commitish: "release-1.5",
      draft: true,
    });
    const permissions = { contents: "write", metadata: "read" };
    repo.setRules({ appPermissions: permissions });
    expect(await refusal(bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0" }))).toEqual({
      status: 404,
      message: "Not Found",
    });
    expect(
      await refusal(bot.rest.repos.updateRelease({ ...o, release_id: draft.id, draft: false })),
    ).toEqual({ status: 404, message: "Not Found" });
    expect(await git(repo.gitDir, "for-each-ref", "refs/tags/v1.5.1")).toBe("");
    repo.setRules({ workflowReleaseStatus: 403 });
    expect(await refusal(bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0" }))).toEqual({
      status: 403,
      message: "Resource not accessible by integration",
    });
    // Commits whose workflows are the default branch's pass; so does a token with the permission.
    await bot.rest.repos.createRelease({ ...o, tag_name: "v1.4.0", target_commitish: "master" });
    repo.setRules({ appPermissions: { ...permissions, workflows: "write" } });
    expect((await bot.rest.repos.createRelease({ ...o, tag_name: "v1.5.0" })).status).toBe(201);
  });
});

describe("workflow runs", () => {
  it("delivers workflow_run.completed shaped like GitHub's for a run on a commit", async () => {
    const { repo } = await newRepo(false);
    const head = (await repo.resolve("master")) as string;
    const run = await repo.completeWorkflowRun({
      workflow: "release.yaml",
      headSha: head,
      headBranch: "v1.5.0",
      name: "Release",
      as: "maintainer",
    });
    await sandbox.idle();
    const delivered = t.events("workflow_run", "completed").at(-1)?.payload as Record<
      string,
      Record<string, unknown>
    >;
    expect(delivered.workflow_run).toEqual(run);
    expect(delivered.workflow_run).toMatchObject({
      head_sha: head,
      head_branch: "v1.5.0",
      path: ".github/workflows/release.yaml",
      conclusion: "success",
      status: "completed",
      name: "Release",
    });
    expect(delivered.workflow?.path).toBe(".github/workflows/release.yaml");
    await repo.completeWorkflowRun({
      workflow: ".github/workflows/release.yaml",
      headSha: head,
      headBranch: "master",
      conclusion: "failure",
    });
    await sandbox.idle();
    const again = t.events("workflow_run", "completed").at(-1)?.payload as Record<
      string,
      Record<string, unknown>
    >;
    expect(again.workflow_run?.conclusion).toBe("failure");
    expect(again.workflow?.id).toBe(delivered.workflow?.id);
    await expect(
      repo.completeWorkflowRun({ workflow: "missing.yaml", headSha: head, headBranch: "master" }),
    ).rejects.toThrow("has no .github/workflows/missing.yaml");
  });
});
