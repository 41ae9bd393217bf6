import { describe, expect, it } from "vitest";
import { noDashboard } from "../helpers/dashboard.js";
import { github, mockConfig, WITHOUT_PREVIEW } from "../helpers/github.js";
import { pullRequestPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";
import * as cp from "./cherry-pick.helpers.js";
import { PR, R14, R15, SQUASH, sha } from "./cherry-pick.helpers.js";

const PICK15 = "cherry-pick-7-to-release-1.5";

async function deliver(payload: unknown, id = "delivery-1") {
  const { probot } = createTestBot();
  await probot.receive({ name: "pull_request", id, payload } as never);
}

describe("a cherry-pick label added", () => {
  describe("to a merged pull request", () => {
    it("picks onto that label's branch only", async () => {
      const scope = github();
      mockConfig(scope, WITHOUT_PREVIEW);
      const pick = cp.squashPick(scope, { branch: "release-1.5", head: R15, pickBranch: PICK15 });
      const pulls = cp.openPull(scope, { number: 30 });
      const issue = cp.updateIssue(scope, 30);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      // Prow's prefix and a release line instead of the branch name.
      const payload = cp.labeledPayload("cherrypick/1.5", {
        merged: true,
        labels: ["kind/bug", "cherry-pick/release-1.4", "cherrypick/1.5"],
      });
      await deliver(payload);
      scope.done();
      expect(pick.pickRef[0]).toEqual({ ref: `refs/heads/${PICK15}`, sha: sha("c") });
      expect(pulls[0]).toMatchObject({ base: "release-1.5", head: PICK15 });
      expect(issue[0]).toEqual({ labels: ["kind/bug"], assignees: [cp.AUTHOR] });
      expect(status[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #30 is open. |");
      expect(status[0]?.body).not.toContain("release-1.4");
    });

    it("says the branch does not exist and lists the release branches, nothing else", async () => {
      const scope = github();
      const requests = cp.recordRequests(scope);
      mockConfig(scope, WITHOUT_PREVIEW);
      cp.statusComments(scope, PR);
      cp.getBranch(scope, "release-9.9", null);
      // Read beside the branch, before anyone knows it is missing.
      cp.pickPulls(scope, "cherry-pick-7-to-release-9.9", "release-9.9");
      cp.history(scope, SQUASH.sha, 1, [SQUASH]);
      cp.releaseBranches(scope, ["release-1.4", "release-1.5", "release-1.10", "release-notes"]);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.labeledPayload("cherry-pick/release-9.9", { merged: true }));
      scope.done();
      expect(status[0]?.body).toContain(
        "| `release-9.9` | ⚠️ The branch does not exist; the release branches are `release-1.10`, `release-1.5`, `release-1.4`. |",
      );
      expect(requests.filter((r) => !r.startsWith("GET"))).toEqual(["POST /issues/7/comments"]);
    });

    it("ignores the failed label, which shares the prefix", async () => {
      const scope = github();
      mockConfig(scope, WITHOUT_PREVIEW);

      await deliver(cp.labeledPayload("cherry-pick/failed", { merged: true }));
      scope.done();
    });

    it("ignores labels that cannot be pick requests without any API call", async () => {
      // test/setup.ts fails the test on any request no scope expects.
      for (const label of ["kind/bug", "size/XS", "lgtm"]) {
        await deliver(cp.labeledPayload(label, { merged: true }));
      }
    });

    it("reads the configuration for a label naming a release line, and ignores it when its prefix is not configured", async () => {
      const scope = github();
      mockConfig(scope, WITHOUT_PREVIEW);

      await deliver(cp.labeledPayload("backport/release-1.5", { merged: true }));
      scope.done();
    });
  });

  describe("to an open pull request", () => {
    it("records the pick as pending and does nothing else", async () => {
      const scope = github();
      const requests = cp.recordRequests(scope);
      mockConfig(scope, WITHOUT_PREVIEW);
      cp.statusComments(scope, PR);
      cp.getBranch(scope, "release-1.5", R15);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.labeledPayload("cherry-pick/release-1.5", { merged: false }));
      scope.done();
      expect(status[0]?.body).toContain(
        "| `release-1.5` | ⏳ Pending: picked when this pull request is merged. |",
      );
      expect(requests.filter((r) => !r.startsWith("GET"))).toEqual(["POST /issues/7/comments"]);
    });

    it("writes nothing on a redelivery", async () => {
      const scope = github();
      mockConfig(scope, WITHOUT_PREVIEW);
      cp.statusComments(scope, PR, [
        { id: 55, body: cp.statusBody([{ branch: "release-1.5", state: "pending" }]) },
      ]);

      await deliver(cp.labeledPayload("cherry-pick/release-1.5", { merged: false }), "delivery-2");
      scope.done();
    });

    it("arriving late, after the merge was picked, changes nothing", async () => {
      const scope = github();
      mockConfig(scope, WITHOUT_PREVIEW);
      cp.statusComments(scope, PR, [
        { id: 55, body: cp.statusBody([{ branch: "release-1.5", state: "open", pr: 20 }]) },
      ]);

      await deliver(cp.labeledPayload("cherry-pick/release-1.5", { merged: false }), "delivery-2");
      scope.done();
    });

    it("adds a second target to the same comment, edited in place", async () => {
      const existing = {
        id: 55,
        body: cp.statusBody([{ branch: "release-1.5", state: "pending" }]),
      };
      const scope = github();
      mockConfig(scope, WITHOUT_PREVIEW);
      cp.statusComments(scope, PR, [existing]);
      cp.getBranch(scope, "release-1.4", R14);
      cp.statusComments(scope, PR, [existing]);
      const edits = cp.updateComment(scope, 55);

      await deliver(cp.labeledPayload("cherry-pick/release-1.4", { merged: false }));
      scope.done();
      expect(edits[0]?.body).toContain("| `release-1.5` | ⏳ Pending");
      expect(edits[0]?.body).toContain("| `release-1.4` | ⏳ Pending");
    });
  });
});

describe("a pull request closed", () => {
  it("without merging, with pick labels but no status comment: reads it, writes nothing", async () => {
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR);
    const payload = pullRequestPayload("closed", {
      number: PR,
      merged: false,
      labels: ["cherry-pick/release-1.5"],
    });
    await deliver(payload);
    scope.done();
  });

  it("merged without labels: no API call", async () => {
    const scope = github();
    await deliver(cp.mergedPayload([]));
    scope.done();
  });

  it("merged without pick labels: no API call", async () => {
    // test/setup.ts fails the test on any request no scope expects.
    await deliver(cp.mergedPayload(["kind/bug", "size/XS", "lgtm"]));
  });

  it("merged: pending requests whose label was removed before the merge are dropped", async () => {
    const existing = {
      id: 55,
      body: cp.statusBody([
        { branch: "release-1.4", state: "pending" },
        { branch: "release-1.5", state: "pending" },
      ]),
    };
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.squashPick(scope, {
      branch: "release-1.5",
      head: R15,
      pickBranch: PICK15,
      comments: [existing],
    });
    cp.openPull(scope, { number: 31 });
    cp.updateIssue(scope, 31);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]));
    scope.done();
    expect(edits[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #31 is open. |");
    expect(edits[0]?.body).not.toContain("release-1.4");
  });
});

describe("a pick pull request closed", () => {
  function pickClosed(merged: boolean, options: { fork?: boolean } = {}) {
    const payload = pullRequestPayload("closed", {
      number: 20,
      merged,
      fork: options.fork ?? false,
      mergeCommitSha: sha("d"),
      headRef: PICK15,
      baseRef: "release-1.5",
      labels: ["kind/bug"],
      title: "[release-1.5] Fix",
      body: `Cherry-pick of #7 onto release-1.5.\n\n${cp.BODY}`,
    });
    return payload;
  }

  it("merged: the original's status says merged", async () => {
    const existing = {
      id: 55,
      body: cp.statusBody([{ branch: "release-1.5", state: "open", pr: 20 }]),
    };
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    noDashboard(scope);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(pickClosed(true));
    scope.done();
    expect(edits[0]?.body).toContain("| `release-1.5` | ✅ Merged in #20. |");
  });

  it("closed without merging: the original's status says so", async () => {
    const existing = {
      id: 55,
      body: cp.statusBody([{ branch: "release-1.5", state: "open", pr: 20 }]),
    };
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    noDashboard(scope);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(pickClosed(false));
    scope.done();
    expect(edits[0]?.body).toContain(
      "| `release-1.5` | ⛔ Pick pull request #20 was closed without merging; comment `/cherry-pick release-1.5` to pick again. |",
    );
  });

  it("merged after a conflict picked by hand: the row says merged and the failed label goes", async () => {
    const existing = {
      id: 55,
      body: cp.statusBody([
        {
          branch: "release-1.5",
          state: "conflict",
          conflict: {
            pickBranch: PICK15,
            commits: [SQUASH.sha],
            at: SQUASH.sha,
            files: [],
            moreFiles: false,
            source: "master",
            number: 7,
            title: "[release-1.5] x",
          },
        },
      ]),
    };
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    noDashboard(scope);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);
    cp.removeLabel(scope, PR, "cherry-pick/failed");

    await deliver(pickClosed(true));
    scope.done();
    expect(edits[0]?.body).toContain("| `release-1.5` | ✅ Merged in #20. |");
    expect(edits[0]?.body).not.toContain("Conflict");
  });

  it("from a fork under the pick branch's name: not taken for the pick, only the dashboard looks", async () => {
    // Only the bot's branches in this repository are picks: a fork's pull request merged or
    // closed must not mark the original's row merged nor remove its failed label. test/setup.ts
    // fails the test on any request no scope expects (the status comment); the configuration
    // and the dashboard listing are the dashboard's, for any pull request into a release branch.
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    mockConfig(scope, WITHOUT_PREVIEW);
    noDashboard(scope, 2);
    await deliver(pickClosed(true, { fork: true }));
    await deliver(pickClosed(false, { fork: true }));
    scope.done();
  });

  it("writes nothing when the original has no status comment (a branch that only looks like a pick)", async () => {
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    noDashboard(scope);
    cp.statusComments(scope, PR);

    await deliver(pickClosed(true));
    scope.done();
  });
});

describe("a cherry-pick label removed", () => {
  function unlabeledPayload(label: string, options: { merged?: boolean; labels?: string[] } = {}) {
    return pullRequestPayload("unlabeled", {
      number: PR,
      ...(options.merged ? { merged: true, mergeCommitSha: SQUASH.sha } : {}),
      labels: options.labels ?? ["kind/bug"],
      label,
    });
  }
  const pending = (branch: string) => ({ branch, state: "pending" });

  it("from an open pull request: its pending row leaves the status comment", async () => {
    const existing = {
      id: 55,
      body: cp.statusBody([pending("release-1.4"), pending("release-1.5")]),
    };
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(
      unlabeledPayload("cherry-pick/release-1.5", { labels: ["cherry-pick/release-1.4"] }),
    );
    scope.done();
    expect(edits[0]?.body).toContain(
      "| `release-1.4` | ⏳ Pending: picked when this pull request is merged. |",
    );
    expect(edits[0]?.body).not.toContain("release-1.5");
  });

  it("the last one: the comment says no pick is requested", async () => {
    const existing = { id: 55, body: cp.statusBody([pending("release-1.5")]) };
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR, [existing]);
    cp.statusComments(scope, PR, [existing]);
    const edits = cp.updateComment(scope, 55);

    await deliver(unlabeledPayload("cherrypick/1.5"));
    scope.done();
    expect(edits[0]?.body).toMatch(
      /^### Cherry-picks\n\nNo pick is requested: the cherry-pick labels were removed\.\n/,
    );
    expect(edits[0]?.body).toContain('<!-- release-bot:cherry-pick-state {"targets":[]} -->');
  });

  it("while another label asks for the same branch: nothing changes", async () => {
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);

    await deliver(unlabeledPayload("cherrypick/1.5", { labels: ["cherry-pick/release-1.5"] }));
    scope.done();
  });

  it("from a merged pull request: the picks made stay, no API call", async () => {
    // test/setup.ts fails the test on any request no scope expects.
    await deliver(unlabeledPayload("cherry-pick/release-1.5", { merged: true }));
    await deliver(unlabeledPayload("kind/bug"));
  });

  it("whose row is not pending (no status comment yet): nothing is written", async () => {
    const scope = github();
    mockConfig(scope, WITHOUT_PREVIEW);
    cp.statusComments(scope, PR);

    await deliver(unlabeledPayload("cherry-pick/release-1.5"));
    scope.done();
  });
});
