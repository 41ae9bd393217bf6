/**
 * The files of a release read in one GraphQL request (nock): by blob id or `rev:path`, a blob
 * GitHub truncates read again whole over REST, a path that is not there read as null.
 */
import { describe, expect, it } from "vitest";
import { listFiles, readTexts } from "../../src/github/tree.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

describe("readTexts", () => {
  it("reads blobs and paths in one request, and a truncated blob whole over REST", async () => {
    const sent: Array<{ query: string; variables: Record<string, string> }> = [];
    const scope = api()
      .post("/graphql", (body: { query: string; variables: Record<string, string> }) => {
        sent.push(body);
        return true;
      })
      .reply(200, {
        data: {
          repository: {
            f0: { text: "v1.5.0\n", isTruncated: false },
            f1: { text: "partial", isTruncated: true },
            f2: null,
          },
        },
      })
      .get(`${REPO_PATH}/git/blobs/${"b".repeat(40)}`)
      .reply(200, { encoding: "base64", content: Buffer.from("whole\n").toString("base64") });
    const texts = await readTexts(github(), repo, [
      { key: "VERSION", oid: "a".repeat(40) },
      { key: "big", oid: "b".repeat(40) },
      { key: "values", expression: "release-1.5:charts/op/values.yaml" },
    ]);
    scope.done();
    expect(Object.fromEntries(texts)).toEqual({
      VERSION: "v1.5.0\n",
      big: "whole\n",
      values: null,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.variables).toEqual({
      owner: repo.owner,
      name: repo.repo,
      v0: "a".repeat(40),
      v1: "b".repeat(40),
      v2: "release-1.5:charts/op/values.yaml",
    });
    expect(sent[0]?.query).toContain("$v0: GitObjectID!, $v1: GitObjectID!, $v2: String!");
    expect(sent[0]?.query).toContain(
      "f2: object(expression: $v2) { ... on Blob { text isTruncated } }",
    );
  });
});

describe("listFiles", () => {
  it("lists the text files, and keeps every entry for the tree id computed locally", async () => {
    const tree = [
      { path: "VERSION", mode: "100644", type: "blob", sha: "1".repeat(40) },
      { path: "bin", mode: "040000", type: "tree", sha: "2".repeat(40) },
      { path: "bin/run", mode: "100755", type: "blob", sha: "3".repeat(40) },
      { path: "link", mode: "120000", type: "blob", sha: "4".repeat(40) },
    ];
    const scope = api()
      .get(`${REPO_PATH}/git/trees/${"t".repeat(40)}`)
      .query({ recursive: "true" })
      .reply(200, { sha: "t".repeat(40), truncated: false, tree });
    const listing = await listFiles(github(), repo, "t".repeat(40));
    scope.done();
    expect([...listing]).toEqual([
      { path: "VERSION", sha: "1".repeat(40), mode: "100644" },
      { path: "bin/run", sha: "3".repeat(40), mode: "100755" },
    ]);
    expect(listing.treeEntries.map((e) => `${e.mode} ${e.path}`)).toEqual([
      "100644 VERSION",
      "040000 bin",
      "100755 bin/run",
      "120000 link",
    ]);
  });
});
