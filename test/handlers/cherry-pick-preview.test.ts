/**
 * When the cherry-pick preview runs, through the app (nock, call by call): on a push to an open
 * pull request with pick requests, on a release branch's push for the open pull requests that
 * ask for it, and withdrawn with its label; never for pull requests without pick requests.
 */
import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { examplePayload, INSTALLATION_ID, pullRequestPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const sha = api.sha;
const HEAD = sha("e");
const BASE = sha("b");

async function deliver(name: "pull_request" | "push", payload: unknown) {
  const { probot } = createTestBot();
  await probot.receive({ name, id: "delivery-1", payload } as never);
}

function synchronized(labels: string[]) {
  const payload = pullRequestPayload("opened", { number: 7, baseRef: "master", labels });
  payload.action = "synchronize";
  payload.pull_request.state = "open";
  payload.pull_request.head.sha = HEAD;
  return payload;
}

/** The merge's reads for one file the release branch did not change, and the check run. */
function cleanPreview(
  scope: ReturnType<typeof github>,
  ours: string,
  options: { readHead: boolean; movedTo?: string },
) {
  if (options.readHead) api.getBranch(scope, "release-1.5", { sha: ours, tree: sha("t") });
  scope
    .get(`${REPO_PATH}/compare/master...${HEAD}`)
    .query({ per_page: 1 })
    .reply(200, {
      merge_base_commit: { sha: BASE },
      files: [{ filename: "a.go", status: "modified", sha: sha("1") }],
    });
  for (const ref of [BASE, ours]) {
    scope
      .get(`${REPO_PATH}/contents/a.go`)
      .query({ ref })
      .reply(200, { type: "file", sha: sha("2"), encoding: "base64", content: "" });
  }
  api.getBranch(scope, "release-1.5", { sha: options.movedTo ?? ours, tree: sha("t") });
  const runs: api.Body[] = [];
  if (options.movedTo === undefined) {
    scope
      .post(`${REPO_PATH}/check-runs`, (body) => {
        runs.push(body);
        return true;
      })
      .reply(201, { id: 1, html_url: "x" });
  }
  return runs;
}

describe("the cherry-pick preview", () => {
  it("runs on a push to an open pull request with a pick label: one check run per target", async () => {
    const scope = github();
    mockConfig(scope, null);
    const runs = cleanPreview(scope, sha("5"), { readHead: true });
    await deliver("pull_request", synchronized(["kind/bug", "cherry-pick/release-1.5"]));
    scope.done();
    expect(runs).toEqual([
      expect.objectContaining({
        name: "cherry-pick preview (release-1.5)",
        head_sha: HEAD,
        conclusion: "success",
        output: expect.objectContaining({ title: "applies cleanly to `release-1.5`" }),
      }),
    ]);
  });

  it("reports nothing when the release branch moved while it merged: the move's own run will", async () => {
    const scope = github();
    mockConfig(scope, null);
    const runs = cleanPreview(scope, sha("5"), { readHead: true, movedTo: sha("6") });
    await deliver("pull_request", synchronized(["cherry-pick/release-1.5"]));
    scope.done();
    expect(runs).toEqual([]);
  });

  it("costs nothing on a pull request without pick labels", async () => {
    const scope = github();
    await deliver("pull_request", synchronized(["kind/bug", "size/XS"]));
    scope.done();
  });

  it("says no pick is requested when the last label asking for the branch is removed", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listComments(scope, 7, []);
    const runs: api.Body[] = [];
    scope
      .post(`${REPO_PATH}/check-runs`, (body) => {
        runs.push(body);
        return true;
      })
      .reply(201, { id: 1, html_url: "x" });
    const payload = pullRequestPayload("unlabeled", {
      number: 7,
      baseRef: "master",
      labels: ["kind/bug"],
      label: "cherry-pick/release-1.5",
    });
    payload.pull_request.state = "open";
    await deliver("pull_request", payload);
    scope.done();
    expect(runs).toEqual([
      expect.objectContaining({
        name: "cherry-pick preview (release-1.5)",
        conclusion: "neutral",
        output: expect.objectContaining({ title: "no pick onto `release-1.5` is requested" }),
      }),
    ]);
  });

  it("runs again for the open pull requests asking for a release branch when it moves", async () => {
    const payload = examplePayload("push");
    payload.ref = "refs/heads/release-1.5";
    payload.deleted = false;
    payload.after = sha("5");
    payload.commits = [];
    payload.installation = { id: INSTALLATION_ID, node_id: "x" };
    const scope = github();
    mockConfig(scope, null);
    const pull = (number: number, base: string, labels: string[]) => ({
      number,
      head: { sha: HEAD, ref: `fix-${number}` },
      base: { ref: base },
      labels: labels.map((name) => ({ name })),
    });
    scope
      .get(`${REPO_PATH}/pulls`)
      .query({ state: "open", per_page: 100 })
      .reply(200, [
        pull(7, "master", ["cherry-pick/release-1.5"]),
        pull(8, "master", ["cherry-pick/release-1.4"]),
        pull(9, "release-1.5", ["cherry-pick/release-1.5"]),
      ]);
    const runs = cleanPreview(scope, sha("5"), { readHead: false });
    // The dashboard of the line, which the push also updates: none yet.
    scope.get(`${REPO_PATH}/issues`).query(true).reply(200, []);
    await deliver("push", payload);
    scope.done();
    expect(runs.map((r) => [r.name, r.head_sha])).toEqual([
      ["cherry-pick preview (release-1.5)", HEAD],
    ]);
  });
});
