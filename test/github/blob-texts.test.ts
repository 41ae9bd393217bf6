import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import { blobsQuery, readBlobTexts } from "../../src/github/blob-texts.js";
import { api, github, repo } from "./octokit.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const D = "d".repeat(40);

describe("readBlobTexts", () => {
  it("sends a document GitHub's schema accepts", () => {
    expect(validate(blobsQuery([A, B]))).toEqual([]);
  });

  it("reads each batch in one request, the batches at once, and keeps text files only", async () => {
    const bodies: Array<{ query: string; variables: unknown }> = [];
    const scope = api()
      .post("/graphql", (body) => {
        bodies.push(body);
        return true;
      })
      .reply(200, {
        data: {
          repository: {
            b0: { text: "v1\n", isBinary: false, byteSize: 3, isTruncated: false },
            b1: { text: null, isBinary: true, byteSize: 9, isTruncated: false },
            b2: { text: "xxx", isBinary: false, byteSize: 600000, isTruncated: true },
          },
        },
      })
      .post("/graphql", (body) => {
        bodies.push(body);
        return true;
      })
      .reply(200, {
        data: {
          repository: {
            b0: null,
            b1: { text: "ok", isBinary: null, byteSize: 2, isTruncated: false },
          },
        },
      });
    const texts = await readBlobTexts(github(), repo, [
      [
        { path: "VERSION", sha: A },
        { path: "same/VERSION", sha: A },
        { path: "logo.png", sha: B },
        { path: "big.json", sha: C },
      ],
      [
        { path: "gone", sha: D },
        { path: "unknown-encoding.txt", sha: B },
      ],
      [],
    ]);
    scope.done();
    expect(texts).toEqual(
      new Map([
        ["VERSION", "v1\n"],
        ["same/VERSION", "v1\n"],
        ["unknown-encoding.txt", "ok"],
      ]),
    );
    expect(bodies.map((b) => b.variables)).toEqual([
      { owner: "kubeflow", name: "spark-operator" },
      { owner: "kubeflow", name: "spark-operator" },
    ]);
    expect(bodies.map((b) => b.query)).toEqual(
      expect.arrayContaining([blobsQuery([A, B, C]), blobsQuery([D, B])]),
    );
  });

  it("refuses a SHA that is not a git object id before any request", async () => {
    await expect(
      readBlobTexts(github(), repo, [[{ path: "x", sha: 'a") { x } #' }]]),
    ).rejects.toThrow('"a\\") { x } #" is not a git object id');
  });

  it("passes on a failed request", async () => {
    const scope = api().post("/graphql").reply(502, { message: "Server Error" });
    await expect(readBlobTexts(github(), repo, [[{ path: "x", sha: A }]])).rejects.toThrow(
      "Server Error",
    );
    scope.done();
  });
});
