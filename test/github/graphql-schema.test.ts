/**
 * Every GraphQL document the bot sends, checked against GitHub's own schema
 * (`@octokit/graphql-schema`, generated from GitHub's public schema), and the local GitHub's
 * answers to them run through that schema: an answer GitHub's types would not produce (a
 * missing non-null field, a wrong scalar) fails here, not in production.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { schema as githubSchema, validate } from "@octokit/graphql-schema";
import { Octokit } from "@octokit/rest";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { startSandbox } from "@release-bot/local-github";
import { buildClientSchema, type ExecutionResult, graphql, type IntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMIT_ON_BRANCH } from "../../src/github/commit-files.js";
import { CREATE_AND_DELETE } from "../../src/github/pick/finish.js";
import { ENABLE_AUTO_MERGE } from "../../src/github/pull-extras.js";
import { textsDocument } from "../../src/github/tree.js";

/** Each document the bot sends, by the file that sends it. */
const DOCUMENTS: Record<string, string> = {
  "src/github/pick/finish.ts": CREATE_AND_DELETE,
  // The release cut's one commit write, and its batched file read (by blob id and by path; the
  // version-place search sends the same document, by blob id only).
  "src/github/commit-files.ts": COMMIT_ON_BRANCH,
  "src/github/tree.ts": textsDocument({ owner: "o", repo: "r" }, [
    { key: "a", oid: "1111111111111111111111111111111111111111" },
    { key: "b", expression: "HEAD:VERSION" },
  ]).query,
  "src/github/pull-extras.ts": ENABLE_AUTO_MERGE,
};

// The package ships GitHub's introspection result (`{ __schema }`), typed loosely.
const SCHEMA = buildClientSchema(githubSchema.json as unknown as IntrospectionQuery);

/** The files of `src` (the bot; the demo drives the local GitHub) calling `.graphql`. */
function filesSendingGraphql(dir = "src"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === "src/demo" ? [] : filesSendingGraphql(path);
    if (!path.endsWith(".ts")) return [];
    return /\.graphql\s*[<(]/.test(readFileSync(path, "utf8")) ? [relative(".", path)] : [];
  });
}

/**
 * An answer run through GitHub's schema: each field resolves to what the answer holds under its
 * alias, so GitHub's types check every value (non-null, scalars, objects) on the way out.
 */
function throughGitHubSchema(
  document: string,
  variables: Record<string, unknown>,
  data: unknown,
): Promise<ExecutionResult> {
  return Promise.resolve(
    graphql({
      schema: SCHEMA,
      source: document,
      variableValues: variables,
      rootValue: data,
      fieldResolver: (source, _args, _context, info) =>
        (source as Record<string, unknown> | null)?.[String(info.path.key)],
    }),
  );
}

describe("the bot's GraphQL documents", () => {
  it("are all named here: every file of src that calls .graphql", () => {
    expect(filesSendingGraphql().sort()).toEqual(Object.keys(DOCUMENTS).sort());
  });

  it("validate against GitHub's schema", () => {
    for (const [file, document] of Object.entries(DOCUMENTS)) {
      expect([file, validate(document).map((e) => e.message)]).toEqual([file, []]);
    }
  });

  it("a document GitHub would refuse does not validate (the check bites)", () => {
    const wrong = CREATE_AND_DELETE.replace("ref { name }", "ref { name branch }").replace(
      "$oid: GitObjectID!",
      "$oid: String!",
    );
    const messages = validate(wrong).map((e) => e.message);
    expect(messages).toContain('Cannot query field "branch" on type "Ref".');
    expect(messages.join("\n")).toMatch(
      /Variable "\$oid" of type "String!" used in position expecting type "GitObjectID!"/,
    );
  });
});

describe("the local GitHub's answers, through GitHub's schema", () => {
  let sandbox: Sandbox;
  let repo: SandboxRepo;
  let bot: Octokit;
  const o = { owner: "kubeflow", repo: "spark-operator" };

  beforeAll(async () => {
    sandbox = await startSandbox({ webhookSecret: "graphql-schema", latencyMs: 0 });
    repo = await sandbox.createRepo(`${o.owner}/${o.repo}`, {
      defaultBranch: "master",
      files: { VERSION: "v1\n" },
    });
    bot = new Octokit({
      baseUrl: sandbox.url,
      auth: sandbox.installationToken(),
      request: { retries: 0 },
    });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  async function send(variables: Record<string, string>) {
    const response = await bot.request("POST /graphql", { query: CREATE_AND_DELETE, variables });
    return response.data as { data?: unknown; errors?: unknown[] };
  }

  async function temporaryBranch(name: string) {
    const master = (await repo.resolve("master")) as string;
    const { data } = await bot.rest.git.createRef({ ...o, ref: `refs/heads/${name}`, sha: master });
    const repositoryId = (await bot.rest.repos.get(o)).data.node_id;
    return { master, temporary: data.node_id, repositoryId };
  }

  it("both mutations done: the answer comes out of GitHub's types unchanged", async () => {
    const { master, temporary, repositoryId } = await temporaryBranch("tmp/one");
    const variables = { repositoryId, name: "refs/heads/cherry-pick-1", oid: master, temporary };
    const answer = await send(variables);
    expect(answer.errors).toBeUndefined();
    const checked = await throughGitHubSchema(CREATE_AND_DELETE, variables, answer.data);
    expect(checked.errors).toBeUndefined();
    expect(checked.data).toEqual(answer.data);
  });

  it("one mutation refused: the data beside the error is of GitHub's types too", async () => {
    const { master, temporary, repositoryId } = await temporaryBranch("tmp/two");
    // The pick branch exists already: createRef fails, deleteRef still happens.
    const variables = { repositoryId, name: "refs/heads/cherry-pick-1", oid: master, temporary };
    const answer = await send(variables);
    expect(answer.errors).toEqual([
      expect.objectContaining({ path: ["pick"], type: "UNPROCESSABLE" }),
    ]);
    const checked = await throughGitHubSchema(CREATE_AND_DELETE, variables, answer.data);
    expect(checked.errors).toBeUndefined();
    expect(checked.data).toEqual(answer.data);
  });

  it("an answer GitHub's types would not give is caught", async () => {
    const variables = {
      repositoryId: "R_1",
      name: "refs/heads/x",
      oid: "0".repeat(40),
      temporary: "REF_1",
    };
    const checked = await throughGitHubSchema(CREATE_AND_DELETE, variables, {
      pick: { ref: { name: null } },
      temporary: { clientMutationId: null },
    });
    expect(checked.errors?.map((e) => e.message)).toEqual([
      "Cannot return null for non-nullable field Ref.name.",
    ]);
  });

  it("auto-merge turned on: the answer comes out of GitHub's types unchanged", async () => {
    repo.allowAutoMerge = true;
    await repo.createBranch("fix", "master");
    await repo.commit({ branch: "fix", files: { VERSION: "v2\n" }, message: "Fix" });
    const pull = await repo.openPullRequest({ head: "fix", title: "Fix", user: "ana" });
    const variables = { pullRequestId: String(pull.node_id), mergeMethod: "SQUASH" };
    const response = await bot.request("POST /graphql", { query: ENABLE_AUTO_MERGE, variables });
    const answer = response.data as { data?: unknown; errors?: unknown[] };
    expect(answer.errors).toBeUndefined();
    const checked = await throughGitHubSchema(ENABLE_AUTO_MERGE, variables, answer.data);
    expect(checked.errors).toBeUndefined();
    expect(checked.data).toEqual(answer.data);
  });
});
