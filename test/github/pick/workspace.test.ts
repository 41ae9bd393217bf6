/** The workspace written against GitHub's REST API (nock): tree, commit, branch, in order. */
import { describe, expect, it } from "vitest";
import {
  createWorkspaceCommit,
  isSameWorkspace,
  moveWorkspace,
  placeWorkspace,
  readModes,
} from "../../../src/github/pick/workspace.js";
import { api, github, REPO_PATH, repo } from "../octokit.js";

const sha = (c: string) => c.repeat(40);
const BRANCH = "cherry-pick-7-to-release-1.5";

describe("the workspace commit", () => {
  it("is a tree over the target's (texts inline, blobs by id, deletions) and a commit on its head", async () => {
    const bodies: Record<string, unknown>[] = [];
    const keep = (body: Record<string, unknown>) => {
      bodies.push(body);
      return true;
    };
    const scope = api()
      .post(`${REPO_PATH}/git/trees`, keep)
      .reply(201, { sha: sha("t") })
      .post(`${REPO_PATH}/git/commits`, keep)
      .reply(201, { sha: sha("w") });
    const made = await createWorkspaceCommit(github(), repo, {
      head: { sha: sha("h"), treeSha: sha("9") },
      writes: [
        { path: "a.go", text: "<<<<<<< release-1.5\n" },
        { path: "run.sh", id: sha("2") },
        { path: "old.go", id: null },
      ],
      modes: new Map([["run.sh", "100755"]]),
      message: "Fix\n",
      author: { name: "Ana", email: "ana@example.com", date: "2026-01-01T00:00:00Z" },
    });
    scope.done();
    expect(made).toEqual({ sha: sha("w"), treeSha: sha("t") });
    expect(bodies).toEqual([
      {
        base_tree: sha("9"),
        tree: [
          { path: "a.go", mode: "100644", type: "blob", content: "<<<<<<< release-1.5\n" },
          { path: "run.sh", mode: "100755", type: "blob", sha: sha("2") },
          { path: "old.go", mode: "100644", type: "blob", sha: null },
        ],
      },
      {
        message: "Fix\n",
        tree: sha("t"),
        parents: [sha("h")],
        author: { name: "Ana", email: "ana@example.com", date: "2026-01-01T00:00:00Z" },
      },
    ]);
  });
});

describe("the workspace branch", () => {
  it("is created once; another delivery's is found and left as it is", async () => {
    const scope = api()
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${BRANCH}`, sha: sha("w") })
      .reply(201, { ref: `refs/heads/${BRANCH}` })
      .post(`${REPO_PATH}/git/refs`)
      .reply(422, { message: "Reference already exists" })
      .get(`${REPO_PATH}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`)
      .reply(200, { object: { sha: sha("x") } });
    expect(await placeWorkspace(github(), repo, BRANCH, sha("w"))).toEqual({
      created: true,
      head: sha("w"),
    });
    expect(await placeWorkspace(github(), repo, BRANCH, sha("w"))).toEqual({
      created: false,
      head: sha("x"),
    });
    scope.done();
  });

  it("made by a request whose answer was lost is ours", async () => {
    const scope = api()
      .post(`${REPO_PATH}/git/refs`)
      .reply(502, { message: "Server Error" })
      .get(`${REPO_PATH}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`)
      .reply(200, { object: { sha: sha("w") } });
    expect(await placeWorkspace(github(), repo, BRANCH, sha("w"))).toEqual({
      created: true,
      head: sha("w"),
    });
    scope.done();
  });

  it("found made tells another delivery's workspace (same tree, same parent) from an older pick", async () => {
    const made = { treeSha: sha("t"), parent: sha("h") };
    const scope = api()
      .get(`${REPO_PATH}/git/commits/${sha("x")}`)
      .reply(200, { tree: { sha: sha("t") }, parents: [{ sha: sha("h") }] })
      .get(`${REPO_PATH}/git/commits/${sha("y")}`)
      .reply(200, { tree: { sha: sha("u") }, parents: [{ sha: sha("h") }] })
      .get(`${REPO_PATH}/git/commits/${sha("z")}`)
      .reply(200, { tree: { sha: sha("t") }, parents: [{ sha: sha("g") }] });
    expect(await isSameWorkspace(github(), repo, sha("x"), made)).toBe(true);
    expect(await isSameWorkspace(github(), repo, sha("y"), made)).toBe(false);
    expect(await isSameWorkspace(github(), repo, sha("z"), made)).toBe(false);
    scope.done();
  });

  it("moves with force on a refresh", async () => {
    const scope = api()
      .patch(`${REPO_PATH}/git/refs/${encodeURIComponent(`heads/${BRANCH}`)}`, {
        sha: sha("n"),
        force: true,
      })
      .reply(200, {});
    await moveWorkspace(github(), repo, BRANCH, sha("n"));
    scope.done();
  });

  it("takes its files' modes from their side's tree, none when GitHub cuts the listing", async () => {
    const scope = api()
      .get(`${REPO_PATH}/git/trees/${sha("c")}`)
      .query({ recursive: "true" })
      .reply(200, {
        truncated: false,
        tree: [
          { path: "a.go", mode: "100644", type: "blob" },
          { path: "run.sh", mode: "100755", type: "blob" },
          { path: "link", mode: "120000", type: "blob" },
        ],
      })
      .get(`${REPO_PATH}/git/trees/${sha("d")}`)
      .query({ recursive: "true" })
      .reply(200, { truncated: true, tree: [{ path: "run.sh", mode: "100755", type: "blob" }] });
    expect([...(await readModes(github(), repo, sha("c")))]).toEqual([
      ["run.sh", "100755"],
      ["link", "120000"],
    ]);
    expect((await readModes(github(), repo, sha("d"))).size).toBe(0);
    scope.done();
  });
});
