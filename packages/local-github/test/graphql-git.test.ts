/**
 * `POST /graphql`, its git slice: blobs read by id in one document, and `createCommitOnBranch`,
 * which commits and moves the branch as the REST writes would (rules, webhooks, signatures) and
 * answers a moved branch with GitHub's STALE_DATA.
 */
import type { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
let bot: Octokit;

const COMMIT = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid message tree { oid } } }
}`;

beforeEach(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  repo = await sandbox.createRepo("kubeflow/spark-operator", {
    defaultBranch: "master",
    files: { VERSION: "v1\n", "charts/op/Chart.yaml": "version: 1\n" },
  });
  bot = octokitFor(sandbox, sandbox.installationToken());
});
afterEach(async () => {
  await sandbox.close();
});

type Answer = { data?: Record<string, unknown>; errors?: Array<Record<string, unknown>> };

async function send(query: string, variables: Record<string, unknown>): Promise<Answer> {
  const { data } = await bot.request("POST /graphql", { query, variables });
  return data as Answer;
}

describe("blobs by id", () => {
  it("reads several files in one document, as text with their size", async () => {
    const ids = (await git(repo.gitDir, "ls-tree", "-r", "master"))
      .split("\n")
      .map((line) => line.split(/\s+/)[2] as string);
    const answer = await send(
      `query ($owner: String!, $name: String!, $a: GitObjectID!, $b: GitObjectID!) {
        repository(owner: $owner, name: $name) {
          a: object(oid: $a) { ... on Blob { text isBinary isTruncated byteSize } }
          b: object(oid: $b) { ... on Blob { text } }
          missing: object(expression: "master:nope") { oid }
        }
      }`,
      { owner: "kubeflow", name: "spark-operator", a: ids[0], b: ids[1] },
    );
    expect(answer).toEqual({
      data: {
        repository: {
          a: { text: "v1\n", isBinary: false, isTruncated: false, byteSize: 3 },
          b: { text: "version: 1\n" },
          missing: null,
        },
      },
    });
  });
});

describe("createCommitOnBranch", () => {
  const input = (expectedHeadOid: string) => ({
    branch: { repositoryNameWithOwner: "kubeflow/spark-operator", branchName: "master" },
    expectedHeadOid,
    message: { headline: "Release v2", body: "Set the version.\n" },
    fileChanges: {
      additions: [{ path: "VERSION", contents: Buffer.from("v2\n").toString("base64") }],
    },
  });

  it("commits on the head, moves the branch, signs the commit, and sends the push", async () => {
    const head = (await repo.resolve("master")) as string;
    const answer = await send(COMMIT, { input: input(head) });
    const payload = answer.data?.createCommitOnBranch as { commit: Record<string, unknown> };
    const commit = payload.commit;
    const moved = (await repo.resolve("master")) as string;
    expect(commit).toEqual({
      oid: moved,
      message: "Release v2\n\nSet the version.\n",
      tree: { oid: (await git(repo.gitDir, "rev-parse", `${moved}^{tree}`)).trim() },
    });
    expect(await repo.readFile(moved, "VERSION")).toBe("v2\n");
    expect(await repo.readFile(moved, "charts/op/Chart.yaml")).toBe("version: 1\n");
    expect((await repo.readCommit(moved))?.parents).toEqual([head]);
    expect(repo.isVerified(moved)).toBe(true);
    await sandbox.idle();
    expect(t.events("push").at(-1)?.payload).toMatchObject({
      ref: "refs/heads/master",
      after: moved,
    });
  });

  it("answers STALE_DATA when the branch is not at expectedHeadOid, and commits nothing", async () => {
    const head = (await repo.resolve("master")) as string;
    const other = "0".repeat(40);
    const answer = await send(COMMIT, { input: input(other) });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "STALE_DATA",
        path: ["createCommitOnBranch"],
        message: `Expected branch to point to "${other}" but it did not. Pull and try again.`,
      }),
    ]);
    expect(await repo.resolve("master")).toBe(head);
  });

  it("is refused by the branch's rules as the REST update is", async () => {
    repo.protect("master", { requiredStatusChecks: ["build"] });
    const head = (await repo.resolve("master")) as string;
    const answer = await send(COMMIT, { input: input(head) });
    expect(answer.errors?.[0]).toMatchObject({
      type: "UNPROCESSABLE",
      message: 'Required status check "build" is expected.',
    });
    expect(await repo.resolve("master")).toBe(head);
  });
});
