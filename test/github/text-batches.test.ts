import { describe, expect, it } from "vitest";
import { readTextBatches, textsDocument } from "../../src/github/tree.js";
import { api, github, repo } from "./octokit.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const D = "d".repeat(40);

describe("readTextBatches", () => {
  it("reads each batch in one request, the batches at once, and keeps text files only", async () => {
    const bodies: Array<{ query: string; variables: Record<string, string> }> = [];
    const record = (body: (typeof bodies)[number]) => {
      bodies.push(body);
      return true;
    };
    const scope = api()
      .post("/graphql", record)
      .reply(200, {
        data: {
          repository: {
            f0: { text: "v1\n", isTruncated: false },
            // Binary: GitHub gives no text.
            f1: { text: null, isTruncated: false },
            f2: { text: "xxx", isTruncated: true },
          },
        },
      })
      .post("/graphql", record)
      .reply(200, { data: { repository: { f0: null, f1: { text: "ok", isTruncated: false } } } });
    const texts = await readTextBatches(github(), repo, [
      [
        { path: "VERSION", sha: A },
        { path: "same/VERSION", sha: A },
        { path: "logo.png", sha: B },
        { path: "big.json", sha: C },
      ],
      [
        { path: "gone", sha: D },
        { path: "other.txt", sha: B },
      ],
      [],
    ]);
    scope.done();
    expect(texts).toEqual(
      new Map([
        ["VERSION", "v1\n"],
        ["same/VERSION", "v1\n"],
        ["other.txt", "ok"],
      ]),
    );
    // One alias per blob, the SHAs as typed variables (never written into the document), in
    // the release flow's document.
    const expected = (shas: string[]) =>
      textsDocument(
        repo,
        shas.map((sha) => ({ key: sha, oid: sha })),
      );
    expect(bodies).toEqual(expect.arrayContaining([expected([A, B, C]), expected([D, B])]));
    expect(bodies[0]?.variables).toEqual(
      expect.objectContaining({ owner: "kubeflow", name: "spark-operator" }),
    );
    expect(bodies.map((body) => body.query.includes(A) || body.query.includes(D))).toEqual([
      false,
      false,
    ]);
  });

  it("sends nothing for empty batches", async () => {
    expect(await readTextBatches(github(), repo, [[], []])).toEqual(new Map());
  });

  it("passes on a failed request", async () => {
    const scope = api().post("/graphql").reply(502, { message: "Server Error" });
    await expect(readTextBatches(github(), repo, [[{ path: "x", sha: A }]])).rejects.toThrow(
      "Server Error",
    );
    scope.done();
  });
});
