/**
 * What a pick pull request may carry from its original: a milestone, requested reviewers, and
 * GitHub's auto-merge (GraphQL `enablePullRequestAutoMerge`), each with GitHub's refusals.
 */
import type { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { octokitFor, startTestSandbox } from "./helpers.js";

const ENABLE = `mutation ($id: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { mergeMethod } }
  }
}`;

let sandbox: Sandbox;
let repo: SandboxRepo;
let bot: Octokit;
const o = { owner: "kubeflow", repo: "spark-operator" };

beforeEach(async () => {
  sandbox = (await startTestSandbox()).sandbox;
  repo = await sandbox.createRepo("kubeflow/spark-operator", {
    defaultBranch: "master",
    files: { VERSION: "v1\n" },
  });
  await repo.createBranch("fix");
  await repo.commit({ branch: "fix", files: { VERSION: "v2\n" }, message: "Fix" });
  bot = octokitFor(sandbox, sandbox.installationToken());
});
afterEach(async () => {
  await sandbox.close();
});

async function openPull(draft = false) {
  return repo.openPullRequest({ head: "fix", base: "master", title: "Fix", user: "ana", draft });
}

describe("milestones", () => {
  it("are created, set on a pull request with PATCH /issues, and shown on it", async () => {
    const pull = await openPull();
    const { data: created } = await bot.rest.issues.createMilestone({ ...o, title: "v1.5" });
    expect(created).toMatchObject({ number: 1, title: "v1.5", state: "open" });

    await bot.rest.issues.update({ ...o, issue_number: pull.number as number, milestone: 1 });
    const { data } = await bot.rest.pulls.get({ ...o, pull_number: pull.number as number });
    expect(data.milestone).toMatchObject({ number: 1, title: "v1.5", open_issues: 1 });
    const listed = await bot.rest.issues.listMilestones(o);
    expect(listed.data.map((m) => m.title)).toEqual(["v1.5"]);
  });

  it("refuses a milestone number that does not exist, as GitHub does", async () => {
    const pull = await openPull();
    const refused = await bot.rest.issues
      .update({ ...o, issue_number: pull.number as number, milestone: 9 })
      .catch((e: { status: number; response: { data: { errors: unknown[] } } }) => e);
    expect(refused).toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: "Issue", field: "milestone", code: "invalid" }] } },
    });
  });
});

describe("requested reviewers", () => {
  it("are collaborators only, never the author, and show on the pull request", async () => {
    const pull = await openPull();
    const number = pull.number as number;
    sandbox.setPermission(repo, "bo", "write");

    await bot.rest.pulls.requestReviewers({ ...o, pull_number: number, reviewers: ["bo"] });
    const { data } = await bot.rest.pulls.get({ ...o, pull_number: number });
    expect(data.requested_reviewers?.map((u) => u.login)).toEqual(["bo"]);

    const stranger = await bot.rest.pulls
      .requestReviewers({ ...o, pull_number: number, reviewers: ["eve"] })
      .catch((e: { status: number; message: string }) => e);
    expect(stranger).toMatchObject({ status: 422 });
    expect((stranger as { message: string }).message).toContain(
      "Reviews may only be requested from collaborators.",
    );
    const author = await bot.rest.pulls
      .requestReviewers({ ...o, pull_number: number, reviewers: ["ana"] })
      .catch((e: { status: number; message: string }) => e);
    expect((author as { message: string }).message).toContain(
      "Review cannot be requested from pull request author.",
    );
  });
});

describe("enablePullRequestAutoMerge", () => {
  it("is refused with GitHub's message where the repository does not allow auto-merge", async () => {
    const pull = await openPull();
    const answer = (await bot
      .graphql(ENABLE, { id: pull.node_id, mergeMethod: "SQUASH" })
      .catch((e: { errors: unknown[] }) => e)) as { errors: Array<Record<string, unknown>> };
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "UNPROCESSABLE",
        path: ["enablePullRequestAutoMerge"],
        message: "Auto merge is not allowed for this repository",
      }),
    ]);
    const { data } = await bot.rest.pulls.get({ ...o, pull_number: pull.number as number });
    expect(data.auto_merge).toBeNull();
  });

  it("turns it on where allowed: the pull request shows the method and who enabled it", async () => {
    repo.allowAutoMerge = true;
    const pull = await openPull();
    const answer = await bot.graphql(ENABLE, { id: pull.node_id, mergeMethod: "SQUASH" });
    expect(answer).toEqual({
      enablePullRequestAutoMerge: {
        pullRequest: { number: pull.number, autoMergeRequest: { mergeMethod: "SQUASH" } },
      },
    });
    const { data } = await bot.rest.pulls.get({ ...o, pull_number: pull.number as number });
    expect(data.auto_merge).toMatchObject({
      merge_method: "squash",
      enabled_by: { login: "release-bot[bot]" },
    });
    expect((await bot.rest.repos.get(o)).data.allow_auto_merge).toBe(true);
  });

  it("is refused on a draft", async () => {
    repo.allowAutoMerge = true;
    const pull = await openPull(true);
    const answer = (await bot
      .graphql(ENABLE, { id: pull.node_id, mergeMethod: "MERGE" })
      .catch((e: { errors: unknown[] }) => e)) as { errors: Array<Record<string, unknown>> };
    expect(answer.errors[0]).toMatchObject({
      message: "Can't enable auto-merge for this pull request.",
    });
  });
});
