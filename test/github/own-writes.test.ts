/**
 * The small writes flows make on what the bot alone owns: its pull-request branch put at a fresh
 * commit, a reply's marker written over once, a pull request's description replaced.
 */
import { describe, expect, it } from "vitest";
import { pointBranch } from "../../src/github/branches.js";
import { marker, replaceMarker } from "../../src/github/comments.js";
import { updatePullBody } from "../../src/github/pulls.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const SHA = "c".repeat(40);
const BRANCH = "release-bot/release-v1.5.0";

describe("pointBranch", () => {
  it("creates the branch at the commit, and writes nothing more", async () => {
    const scope = api()
      .post(`${REPO_PATH}/git/refs`, { ref: `refs/heads/${BRANCH}`, sha: SHA })
      .reply(201, { ref: `refs/heads/${BRANCH}`, node_id: "REF", object: { sha: SHA } });
    await pointBranch(github(), repo, BRANCH, SHA);
    scope.done();
  });

  it("forces a branch an earlier attempt left to the commit", async () => {
    const scope = api()
      .post(`${REPO_PATH}/git/refs`)
      .reply(422, { message: "Reference already exists" })
      .patch(`${REPO_PATH}/git/refs/heads%2F${encodeURIComponent(BRANCH)}`, {
        sha: SHA,
        force: true,
      })
      .reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: SHA } });
    await pointBranch(github(), repo, BRANCH, SHA);
    scope.done();
  });
});

describe("replaceMarker", () => {
  it("writes the news where the marker was, in the comment that carries it", async () => {
    const waiting = marker("awaiting:v1.5.0");
    const scope = api()
      .get(`${REPO_PATH}/issues/7/comments`)
      .query(true)
      .reply(200, [
        { id: 1, body: "unrelated", html_url: "u1" },
        { id: 2, body: `Tagging is up to the workflow.\n${waiting}`, html_url: "u2" },
      ])
      .patch(`${REPO_PATH}/issues/comments/2`, {
        body: "Tagging is up to the workflow.\nThe workflow tagged `v1.5.0`.",
      })
      .reply(200, {});
    expect(
      await replaceMarker(github(), repo, 7, "awaiting:v1.5.0", "The workflow tagged `v1.5.0`."),
    ).toBe(true);
    scope.done();
  });

  it("leaves the reply alone once its marker is written over", async () => {
    const scope = api()
      .get(`${REPO_PATH}/issues/7/comments`)
      .query(true)
      .reply(200, [{ id: 2, body: "The workflow tagged `v1.5.0`.", html_url: "u2" }]);
    expect(await replaceMarker(github(), repo, 7, "awaiting:v1.5.0", "again")).toBe(false);
    scope.done();
  });
});

describe("updatePullBody", () => {
  it("sends the description alone", async () => {
    const scope = api().patch(`${REPO_PATH}/pulls/9`, { body: "new" }).reply(200, {});
    await updatePullBody(github(), repo, 9, "new");
    scope.done();
  });
});
