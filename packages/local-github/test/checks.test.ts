import type { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let sandbox: Sandbox;
let repo: SandboxRepo;
let bot: Octokit;
const o = { owner: "kubeflow", repo: "spark-operator" };

beforeAll(async () => {
  sandbox = (await startTestSandbox()).sandbox;
  repo = await sandbox.createRepo(`${o.owner}/${o.repo}`, {
    defaultBranch: "master",
    files: { "charts/x/Chart.yaml": "version: 1.0.0\n" },
  });
  bot = octokitFor(sandbox, sandbox.installationToken());
});

afterAll(async () => {
  await sandbox.close();
});

describe("check runs", () => {
  it("a run created with a conclusion is completed; annotations add up across updates", async () => {
    const head = (await repo.resolve("master")) as string;
    const created = await bot.rest.checks.create({
      ...o,
      name: "version consistency",
      head_sha: head,
      conclusion: "failure",
      output: {
        title: "1 field disagrees",
        summary: "Chart.yaml",
        annotations: [
          {
            path: "charts/x/Chart.yaml",
            start_line: 1,
            end_line: 1,
            annotation_level: "failure",
            message: "version is 1.0.0",
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      status: "completed",
      conclusion: "failure",
      head_sha: head,
    });
    await bot.rest.checks.update({
      ...o,
      check_run_id: created.data.id,
      output: {
        title: "2 fields disagree",
        summary: "more",
        annotations: [
          {
            path: "VERSION",
            start_line: 2,
            end_line: 3,
            annotation_level: "warning",
            message: "w",
          },
        ],
      },
    });
    const annotations = await bot.rest.checks.listAnnotations({
      ...o,
      check_run_id: created.data.id,
    });
    expect(annotations.data.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ["charts/x/Chart.yaml", 1, "failure"],
      ["VERSION", 2, "warning"],
    ]);
    const listed = await bot.rest.checks.listForRef({
      ...o,
      ref: "master",
      check_name: "version consistency",
    });
    expect(listed.data.total_count).toBe(1);
    expect(listed.data.check_runs[0]?.output).toMatchObject({
      title: "2 fields disagree",
      annotations_count: 2,
    });
  });

  it("refuses users (only Apps write checks), unknown commits and annotations without a line", async () => {
    const head = (await repo.resolve("master")) as string;
    const user = octokitFor(sandbox, sandbox.tokenFor("maintainer"));
    expect(await statusOf(user.rest.checks.create({ ...o, name: "x", head_sha: head }))).toBe(403);
    expect(
      await statusOf(bot.rest.checks.create({ ...o, name: "x", head_sha: "1".repeat(40) })),
    ).toBe(422);
    const bad = bot.rest.checks.create({
      ...o,
      name: "x",
      head_sha: head,
      output: {
        title: "t",
        summary: "s",
        annotations: [{ path: "VERSION", annotation_level: "failure", message: "m" } as never],
      },
    });
    expect(await statusOf(bad)).toBe(422);
  });
});
