/**
 * The reads of a local merge against GitHub's REST API (nock): which calls a path costs, by
 * what the blob ids leave open, and what is written over our tree.
 */
import { describe, expect, it } from "vitest";
import { pickOptions } from "../../../src/core/pick/merge/merge3.js";
import { decode, mergeChangedPath, readChanges } from "../../../src/github/pick/versions.js";
import { api, github, REPO_PATH, repo } from "../octokit.js";

const sha = (c: string) => c.repeat(40);
const refs = { base: sha("b"), ours: sha("o") };
const options = pickOptions("release-1.5", "cccccccccccc (Fix)");
const b64 = (text: string) => Buffer.from(text).toString("base64");

/** `GET /contents/{path}?ref=`: a file with its blob id and text, or 404. */
function content(
  scope: ReturnType<typeof api>,
  path: string,
  ref: string,
  file: [string, string] | null,
) {
  const call = scope.get(`${REPO_PATH}/contents/${encodeURIComponent(path)}`).query({ ref });
  if (file === null) call.reply(404, { message: "Not Found" });
  else call.reply(200, { type: "file", sha: file[0], encoding: "base64", content: b64(file[1]) });
}

describe("the changes of a pick", () => {
  it("come from one comparison: paths, their blob ids, renames, deletions and the merge base", async () => {
    const scope = api()
      .get(`${REPO_PATH}/compare/master...${sha("c")}`)
      .query({ per_page: 1 })
      .reply(200, {
        merge_base_commit: { sha: sha("b") },
        files: [
          { filename: "a.go", status: "modified", sha: sha("1") },
          { filename: "new/b.go", previous_filename: "old/b.go", status: "renamed", sha: sha("2") },
          { filename: "c.go", status: "removed", sha: sha("0") },
        ],
      });
    const changes = await readChanges(github(), repo, "master", sha("c"));
    scope.done();
    expect(changes).toEqual({
      mergeBase: sha("b"),
      truncated: false,
      paths: [
        { path: "a.go", previousPath: null, theirs: sha("1") },
        { path: "new/b.go", previousPath: "old/b.go", theirs: sha("2") },
        { path: "c.go", previousPath: null, theirs: null },
      ],
    });
  });
});

describe("one changed path", () => {
  it("unchanged on our side: two reads, their blob written by id, no text read", async () => {
    const scope = api();
    content(scope, "a.go", refs.base, [sha("1"), "a\n"]);
    content(scope, "a.go", refs.ours, [sha("1"), "a\n"]);
    const merged = await mergeChangedPath(
      github(),
      repo,
      { path: "a.go", previousPath: null, theirs: sha("2") },
      refs,
      options,
    );
    scope.done();
    expect(merged).toEqual({
      merge: { path: "a.go", clean: true, content: "unchanged" },
      writes: [{ path: "a.go", id: sha("2") }],
    });
  });

  it("changed on both sides: their text read, merged with git's markers", async () => {
    const scope = api();
    content(scope, "a.go", refs.base, [sha("1"), "x\nT = 60\ny\n"]);
    content(scope, "a.go", refs.ours, [sha("3"), "x\nT = 90\ny\n"]);
    scope
      .get(`${REPO_PATH}/git/blobs/${sha("2")}`)
      .reply(200, { encoding: "base64", content: b64("x\nT = 120\ny\n") });
    const merged = await mergeChangedPath(
      github(),
      repo,
      { path: "a.go", previousPath: null, theirs: sha("2") },
      refs,
      options,
    );
    scope.done();
    expect(merged.merge).toMatchObject({ clean: false, kind: "content" });
    expect(merged.writes).toEqual([
      {
        path: "a.go",
        text: "x\n<<<<<<< release-1.5\nT = 90\n=======\nT = 120\n>>>>>>> cccccccccccc (Fix)\ny\n",
      },
    ]);
  });

  it("renamed by the pick: read at the old path, written at the new one, the old one deleted", async () => {
    const scope = api();
    content(scope, "old/b.go", refs.base, [sha("1"), "b\n"]);
    content(scope, "old/b.go", refs.ours, [sha("1"), "b\n"]);
    const merged = await mergeChangedPath(
      github(),
      repo,
      { path: "new/b.go", previousPath: "old/b.go", theirs: sha("2") },
      refs,
      options,
    );
    scope.done();
    expect(merged.writes).toEqual([
      { path: "new/b.go", id: sha("2") },
      { path: "old/b.go", id: null },
    ]);
  });

  it("deleted on our side and changed by the pick: a conflict, the markers against nothing", async () => {
    const scope = api();
    content(scope, "a.go", refs.base, [sha("1"), "a\n"]);
    content(scope, "a.go", refs.ours, null);
    scope
      .get(`${REPO_PATH}/git/blobs/${sha("2")}`)
      .reply(200, { encoding: "base64", content: b64("b\n") });
    const merged = await mergeChangedPath(
      github(),
      repo,
      { path: "a.go", previousPath: null, theirs: sha("2") },
      refs,
      options,
    );
    scope.done();
    expect(merged.merge).toMatchObject({ clean: false, kind: "modify/delete" });
  });

  it("binary on both sides: a conflict that keeps our version (nothing written)", async () => {
    const scope = api();
    content(scope, "logo.png", refs.base, [sha("1"), "\0a"]);
    content(scope, "logo.png", refs.ours, [sha("3"), "\0b"]);
    scope
      .get(`${REPO_PATH}/git/blobs/${sha("2")}`)
      .reply(200, { encoding: "base64", content: b64("\0c") });
    const merged = await mergeChangedPath(
      github(),
      repo,
      { path: "logo.png", previousPath: null, theirs: sha("2") },
      refs,
      options,
    );
    scope.done();
    expect(merged).toEqual({
      merge: { path: "logo.png", clean: false, kind: "binary", content: null, hunks: [] },
      writes: [],
    });
  });
});

describe("decode", () => {
  it("keeps a byte-order mark and CRLF, and refuses what is not UTF-8 text", () => {
    expect(decode(Buffer.from("\uFEFFa\r\n").toString("base64"))).toBe("\uFEFFa\r\n");
    expect(decode(Buffer.from([0xff, 0xfe, 0x41]).toString("base64"))).toBeNull();
    expect(decode(b64("a\0b"))).toBeNull();
  });
});
