/**
 * `POST /graphql` reading git objects: `repository { object(oid:) / object(expression:) }` with
 * `... on Blob { text isBinary byteSize isTruncated }`, aliased many to a document, as GitHub
 * answers them (text cut at 512,000 bytes, binary blobs without text, unknown objects null).
 */
import type { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { BLOB_TEXT_LIMIT } from "../src/routes/graphql.js";
import { octokitFor, startTestSandbox } from "./helpers.js";

let sandbox: Sandbox;
let repo: SandboxRepo;
let bot: Octokit;

const BIG = `${"x".repeat(BLOB_TEXT_LIMIT)}tail\n`;

beforeEach(async () => {
  sandbox = (await startTestSandbox()).sandbox;
  repo = await sandbox.createRepo("kubeflow/spark-operator", {
    defaultBranch: "master",
    files: { VERSION: "v2.5.0-rc.0\n", "big.txt": BIG, "logo.png": "\u0000PNG\u0001" },
  });
  bot = octokitFor(sandbox, sandbox.installationToken());
});
afterEach(async () => {
  await sandbox.close();
});

async function blobSha(path: string): Promise<string> {
  return (await repo.git("rev-parse", `master:${path}`)).trim();
}

const FIELDS = "... on Blob { text isBinary byteSize isTruncated }";

describe("POST /graphql: git objects", () => {
  it("reads many blobs in one document, by oid and by expression", async () => {
    const [version, big, logo] = await Promise.all(["VERSION", "big.txt", "logo.png"].map(blobSha));
    const query = `query ($owner: String!, $name: String!) {
      repository(owner: $owner, name: $name) {
        a: object(oid: "${version}") { ${FIELDS} }
        b: object(oid: "${big}") { ${FIELDS} }
        c: object(oid: "${logo}") { ${FIELDS} }
        d: object(expression: "master:VERSION") { ${FIELDS} }
        e: object(oid: "${"0".repeat(40)}") { ${FIELDS} }
        f: object(expression: "master") { __typename ${FIELDS} }
      }
    }`;
    const response = await bot.request("POST /graphql", {
      query,
      variables: { owner: "kubeflow", name: "spark-operator" },
    });
    const blob = (
      text: string | null,
      byteSize: number,
      isBinary: boolean,
      isTruncated: boolean,
    ) => ({ text, byteSize, isBinary, isTruncated });
    expect(response.data).toEqual({
      data: {
        repository: {
          a: blob("v2.5.0-rc.0\n", 12, false, false),
          b: blob("x".repeat(BLOB_TEXT_LIMIT), BIG.length, false, true),
          c: blob(null, 5, true, false),
          d: blob("v2.5.0-rc.0\n", 12, false, false),
          e: null,
          f: { __typename: "Commit" },
        },
      },
    });
  });

  it("answers a repository that does not exist with null and GitHub's NOT_FOUND error", async () => {
    const response = await bot.request("POST /graphql", {
      query: `{ repository(owner: "kubeflow", name: "nope") { object(expression: "HEAD") { oid } } }`,
    });
    expect(response.data).toEqual({
      data: { repository: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["repository"],
          locations: [{ line: 1, column: 3 }],
          message: "Could not resolve to a Repository with the name 'kubeflow/nope'.",
        },
      ],
    });
  });
});
