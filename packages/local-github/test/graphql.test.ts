/**
 * `POST /graphql`: `createRef` and `deleteRef` in one document, each the REST write it stands
 * for (rules, App permissions, webhooks), answered field by field as GitHub answers.
 */
import type { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { octokitFor, startTestSandbox } from "./helpers.js";

const DOCUMENT = `mutation ($repositoryId: ID!, $name: String!, $oid: GitObjectID!, $temporary: ID!) {
  pick: createRef(input: { repositoryId: $repositoryId, name: $name, oid: $oid }) { ref { id name prefix } }
  temporary: deleteRef(input: { refId: $temporary }) { clientMutationId }
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
  bot = octokitFor(sandbox, sandbox.installationToken());
});
afterEach(async () => {
  await sandbox.close();
});

/** The temporary branch at master, its node id, and the repository's node id. */
async function setUp(): Promise<{ master: string; temporaryId: string; repositoryId: string }> {
  const master = (await repo.resolve("master")) as string;
  const { data } = await bot.rest.git.createRef({ ...o, ref: "refs/heads/tmp/x", sha: master });
  const repositoryId = (await bot.rest.repos.get(o)).data.node_id;
  return { master, temporaryId: data.node_id, repositoryId };
}

async function send(variables: Record<string, string>) {
  const response = await bot.request("POST /graphql", { query: DOCUMENT, variables });
  return { status: response.status, body: response.data as Record<string, unknown> };
}

describe("POST /graphql: createRef and deleteRef", () => {
  it("creates one branch and deletes another in one request, with their webhooks", async () => {
    const { master, temporaryId, repositoryId } = await setUp();
    await sandbox.idle();
    const before = sandbox.webhooks.deliveries.length;

    const answer = await send({
      repositoryId,
      name: "refs/heads/cherry-pick-1",
      oid: master,
      temporary: temporaryId,
    });
    await sandbox.idle();

    expect(answer).toEqual({
      status: 200,
      body: {
        data: {
          pick: {
            ref: {
              id: expect.stringMatching(/^REF_/),
              name: "cherry-pick-1",
              prefix: "refs/heads/",
            },
          },
          temporary: { clientMutationId: null },
        },
      },
    });
    expect((await repo.branches()).sort()).toEqual(["cherry-pick-1", "master"]);
    const events = sandbox.webhooks.deliveries
      .slice(before)
      .map((d) => `${d.event} ${(d.payload as { ref?: string }).ref}`);
    expect(events).toEqual(
      expect.arrayContaining(["create cherry-pick-1", "delete tmp/x", "push refs/heads/tmp/x"]),
    );
  });

  it("answers each field on its own: a refused creation leaves the deletion done", async () => {
    const { master, temporaryId, repositoryId } = await setUp();
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/cherry-pick-1", sha: master });

    const answer = await send({
      repositoryId,
      name: "refs/heads/cherry-pick-1",
      oid: master,
      temporary: temporaryId,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ pick: null, temporary: { clientMutationId: null } });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        type: "UNPROCESSABLE",
        path: ["pick"],
        message: "Reference already exists",
      }),
    ]);
    expect((await repo.branches()).sort()).toEqual(["cherry-pick-1", "master"]);
  });

  it("applies the repository's rules and the App's permissions", async () => {
    const { master, temporaryId, repositoryId } = await setUp();
    repo.addRuleset({ branches: ["tmp/**"], bypass: [] });
    repo.setRules({ appPermissions: { metadata: "read", contents: "read" } });

    const answer = await send({
      repositoryId,
      name: "refs/heads/cherry-pick-1",
      oid: master,
      temporary: temporaryId,
    });

    expect(answer.body.data).toEqual({ pick: null, temporary: null });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        type: "FORBIDDEN",
        path: ["pick"],
        message: "Resource not accessible by integration",
      }),
      expect.objectContaining({
        type: "FORBIDDEN",
        path: ["temporary"],
        message: "Resource not accessible by integration",
      }),
    ]);
    repo.setRules({ appPermissions: null });
    const ruled = await send({
      repositoryId,
      name: "refs/heads/cherry-pick-1",
      oid: master,
      temporary: temporaryId,
    });
    expect(ruled.body.data).toEqual({
      pick: { ref: expect.objectContaining({ name: "cherry-pick-1" }) },
      temporary: null,
    });
    expect(ruled.body.errors).toEqual([
      expect.objectContaining({
        type: "UNPROCESSABLE",
        path: ["temporary"],
        message: "Repository rule violations found\n\nCannot delete this branch\n\n",
      }),
    ]);
    expect((await repo.branches()).sort()).toEqual(["cherry-pick-1", "master", "tmp/x"]);
  });

  it("answers an unknown node id with NOT_FOUND", async () => {
    const { master, repositoryId } = await setUp();
    const answer = await send({
      repositoryId,
      name: "refs/heads/cherry-pick-1",
      oid: master,
      temporary: "REF_nothing",
    });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["temporary"],
        message: "Could not resolve to a node with the global id of 'REF_nothing'",
      }),
    ]);
  });
});
