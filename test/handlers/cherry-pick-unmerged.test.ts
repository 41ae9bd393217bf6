/**
 * A pull request with pick requests closed without merging: its pending rows say nothing was
 * picked; reopened, they are pending again. Pull requests without a pick label cost no call.
 */
import { describe, expect, it } from "vitest";
import { github, mockConfig, WITHOUT_PREVIEW } from "../helpers/github.js";
import { pullRequestPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";
import * as cp from "./cherry-pick.helpers.js";
import { PR } from "./cherry-pick.helpers.js";

const LABELS = ["kind/bug", "cherry-pick/release-1.5", "cherry-pick/release-1.4"];
const PENDING = "| `release-1.5` | ⏳ Pending: picked when this pull request is merged. |";
const UNMERGED =
  "| `release-1.5` | ⛔ Not merged: nothing picked. Picked if this pull request is reopened and merged. |";

async function deliver(payload: unknown) {
  const { probot } = createTestBot();
  await probot.receive({ name: "pull_request", id: "delivery-1", payload } as never);
}

function closed(labels = LABELS) {
  return pullRequestPayload("closed", { number: PR, merged: false, labels });
}

function reopened(labels = LABELS) {
  const payload = pullRequestPayload("reopened", { number: PR, labels });
  payload.pull_request.state = "open";
  payload.pull_request.merged = false;
  return payload;
}

/** The status comment with these rows. */
function comment(targets: unknown[]) {
  return { id: 55, body: cp.statusBody(targets) };
}

describe("a pull request closed without merging", () => {
  it("turns its pending rows into not merged and leaves the others", async () => {
    const existing = comment([
      { branch: "release-1.5", state: "pending" },
      { branch: "release-1.4", state: "open", pr: 12 },
    ]);
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(closed());
    scope.done();
    expect(edits).toHaveLength(1);
    expect(edits[0]?.body).toContain(UNMERGED);
    expect(edits[0]?.body).toContain("| `release-1.4` | 🔀 Pick pull request #12 is open. |");
    expect(edits[0]?.body).not.toContain("Pending");
  });

  it("writes nothing when no row is pending", async () => {
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR, [comment([{ branch: "release-1.5", state: "unmerged" }])]);

    await deliver(closed());
    scope.done();
  });

  it("writes nothing in a dry run", async () => {
    const scope = github();
    mockConfig(scope, "dryRun: true\n");
    cp.statusComments(scope, PR, [comment([{ branch: "release-1.5", state: "pending" }])]);

    await deliver(closed());
    scope.done();
  });

  it("costs no API call without a pick label", async () => {
    // test/setup.ts fails the test on any request no scope expects.
    await deliver(closed(["kind/bug", "lgtm"]));
  });
});

describe("a pull request reopened", () => {
  it("turns its not-merged rows back into pending", async () => {
    const existing = comment([
      { branch: "release-1.5", state: "unmerged" },
      { branch: "release-9.9", state: "missing", releaseBranches: [] },
    ]);
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(reopened());
    scope.done();
    expect(edits).toHaveLength(1);
    expect(edits[0]?.body).toContain(PENDING);
    expect(edits[0]?.body).toContain("| `release-9.9` | ⚠️ The branch does not exist;");
    expect(edits[0]?.body).not.toContain("Not merged");
  });

  it("costs one configuration read when its labels only look like pick labels", async () => {
    const scope = github();
    mockConfig(scope, "cherryPick:\n  labelPrefixes: [backport/]\n");

    await deliver(reopened(["cherry-pick/release-1.5"]));
    scope.done();
  });

  it("costs no API call without a pick label", async () => {
    await deliver(reopened(["kind/bug"]));
  });
});
