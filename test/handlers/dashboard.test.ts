import { describe, expect, it } from "vitest";
import { decodeState, encodeState } from "../../src/core/line/dashboard-state.js";
import type { LineStatus } from "../../src/core/line/status.js";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { examplePayload, INSTALLATION_ID, tagCreatedPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const STORED: LineStatus = {
  line: "1.5",
  branch: "release-1.5",
  tags: [
    {
      name: "v1.5.0-rc.0",
      version: "1.5.0-rc.0",
      candidate: true,
      commit: api.sha("a"),
      date: "2026-11-28T10:00:00Z",
    },
  ],
  untested: [],
  untestedCount: 0,
  picks: [{ pr: 7, title: "Fix leak", state: "open", pickPr: 9 }],
  pulls: [{ number: 9, title: "[release-1.5] Fix leak" }],
};

function storedDashboard(scope: ReturnType<typeof github>) {
  const body = `old\n\n${encodeState(STORED)}\n<!-- release-bot:dashboard:1.5 -->`;
  scope
    .get(`${REPO_PATH}/issues`)
    .query({ state: "open", labels: "release-bot/dashboard", per_page: "100" })
    .reply(200, [{ number: 40, body, html_url: "https://github.com/x/y/issues/40" }]);
}

function branchReads(
  scope: ReturnType<typeof github>,
  since: string,
  baseMessage = "Release v1.5.0-rc.1\n",
) {
  scope
    .get(`${REPO_PATH}/compare/${since}...release-1.5`)
    .query(true)
    .reply(200, {
      status: "ahead",
      ahead_by: 1,
      total_commits: 1,
      merge_base_commit: {
        sha: api.sha("a"),
        commit: { committer: { date: "2026-11-29T08:00:00Z" }, message: baseMessage },
      },
      commits: [{ sha: api.sha("b"), commit: { message: "[release-1.5] Fix leak (#9)\n\nbody" } }],
    });
  scope
    .get(`${REPO_PATH}/pulls`)
    .query({
      base: "release-1.5",
      state: "all",
      sort: "created",
      direction: "desc",
      per_page: "100",
    })
    .reply(200, [
      {
        number: 9,
        title: "[release-1.5] Fix leak",
        state: "closed",
        merged_at: "2026-11-29T08:00:00Z",
        head: {
          ref: "cherry-pick-7-to-release-1.5",
          repo: { full_name: "Codertocat/Hello-World" },
        },
      },
    ]);
}

function editedBodies(scope: ReturnType<typeof github>): api.Body[] {
  const bodies: api.Body[] = [];
  scope
    .patch(`${REPO_PATH}/issues/40`, (body) => {
      bodies.push(body);
      return true;
    })
    .reply(200, {});
  return bodies;
}

async function deliver(name: "push" | "create", payload: unknown) {
  const { probot } = createTestBot();
  await probot.receive({ name, id: "delivery-1", payload } as never);
}

describe("the dashboard after an event", () => {
  it("a push to the release branch: 4 calls, the merged pick and its commit, no open pull request", async () => {
    const payload = examplePayload("push");
    payload.ref = "refs/heads/release-1.5";
    payload.deleted = false;
    payload.head_commit = { ...payload.head_commit, message: "[release-1.5] Fix leak (#9)" };
    payload.installation = { id: INSTALLATION_ID, node_id: "x" };
    const scope = github();
    // The push's other handler, the cherry-pick preview, is tested in cherry-pick-preview.test.ts.
    mockConfig(scope, "release:\n  mode: direct\nchecks:\n  cherryPickPreview: false\n");
    storedDashboard(scope);
    branchReads(scope, "v1.5.0-rc.0");
    const edits = editedBodies(scope);

    await deliver("push", payload);
    scope.done();
    const body = String(edits[0]?.body);
    expect(body).toContain("**Next:** `/rc 1.5`: 1 commit on `release-1.5` no tag covers");
    expect(body).toContain("- merged: #7 Fix leak → #9");
    expect(body).toContain("**Open pull requests into `release-1.5`:** none.");
    expect(decodeState(body)?.untested).toEqual([
      { sha: api.sha("b"), title: "[release-1.5] Fix leak (#9)" },
    ]);
  });

  it("the bot's tag: added with the commit and date the compare gives", async () => {
    const scope = github();
    mockConfig(scope, null);
    storedDashboard(scope);
    branchReads(scope, "v1.5.0-rc.1");
    const edits = editedBodies(scope);

    await deliver("create", tagCreatedPayload("v1.5.0-rc.1"));
    scope.done();
    expect(decodeState(String(edits[0]?.body))?.tags[0]).toEqual({
      name: "v1.5.0-rc.1",
      version: "1.5.0-rc.1",
      candidate: true,
      commit: api.sha("a"),
      date: "2026-11-29T08:00:00Z",
    });
  });

  it("the bot's tag: shows the places its bump commit says it left", async () => {
    const scope = github();
    mockConfig(scope, null);
    storedDashboard(scope);
    branchReads(
      scope,
      "v1.5.0-rc.1",
      "Release v1.5.0-rc.1\n\nSet the version in:\n- VERSION\n\nNot changed (see versionPlaces in .github/release-bot.yml):\n* config/default/kustomization.yaml:36 still says v1.5.0-rc.0 [kustomize-new-tag]\n",
    );
    const edits = editedBodies(scope);

    await deliver("create", tagCreatedPayload("v1.5.0-rc.1"));
    scope.done();
    const body = String(edits[0]?.body);
    expect(decodeState(body)?.places).toEqual([
      {
        path: "config/default/kustomization.yaml",
        line: 36,
        found: "v1.5.0-rc.0",
        kind: "kustomize-new-tag",
      },
    ]);
    expect(body).toContain(
      "**Not changed by `v1.5.0-rc.1`** (1; add them to .github/release-bot.yml or to `versionPlaces.ignore`)\n\n- `config/default/kustomization.yaml:36` still says `v1.5.0-rc.0` (Kustomize `newTag`: `kustomize:`)",
    );
  });

  it("a person's tag, a bump commit pushed by the bot: no API call", async () => {
    const tag = tagCreatedPayload("v1.5.0-rc.1", "maintainer");
    tag.sender.type = "User";
    const bump = examplePayload("push");
    bump.ref = "refs/heads/release-1.5";
    bump.deleted = false;
    bump.head_commit = { ...bump.head_commit, message: "Release v1.5.0-rc.1" };
    const scope = github();
    await deliver("create", tag);
    await deliver("push", bump);
    scope.done();
  });
});
