import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";
import * as cp from "./cherry-pick.helpers.js";
import { PR, R14, R15, SQUASH, sha } from "./cherry-pick.helpers.js";

const PICK15 = "cherry-pick-7-to-release-1.5";
const TARGET15 = { branch: "release-1.5", head: R15, pickBranch: PICK15 };

function command(body: string, options: { user?: string; pullRequest?: boolean } = {}) {
  return commentPayload(body, {
    user: options.user ?? "maintainer",
    pullRequest: options.pullRequest ?? true,
    issueNumber: PR,
  });
}

async function deliver(payload: ReturnType<typeof commentPayload>) {
  const { probot } = createTestBot();
  await probot.receive({ name: "issue_comment", id: "delivery-1", payload });
}

/** Eyes, no earlier reply, the configuration, the requester's permission. */
function preamble(
  scope: ReturnType<typeof github>,
  payload: ReturnType<typeof commentPayload>,
  role = "write",
  config: string | null = null,
) {
  api.commandPreamble(
    scope,
    {
      commentId: payload.comment.id,
      issue: PR,
      config,
      user: payload.comment.user.login,
      role,
    },
    mockConfig,
  );
}

describe("/cherry-pick", () => {
  it("is refused to a user with read permission, and nothing is written", async () => {
    const payload = command("/cherry-pick release-1.5", { user: "reader" });
    const scope = github();
    const requests = cp.recordRequests(scope);
    preamble(scope, payload, "read");
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(replies[0]?.body).toContain(
      "Sorry @reader, only people with the `write` role or higher on this repository can run `/cherry-pick release-1.5` (yours is `read`)",
    );
    expect(requests.filter((r) => !r.startsWith("GET"))).toEqual([
      `POST /issues/comments/${payload.comment.id}/reactions`,
      "POST /issues/7/comments",
    ]);
  });

  it("on a merged pull request: picks now (Prow's /cherrypick, a release line for the branch)", async () => {
    const payload = command("/cherrypick 1.5");
    const scope = github();
    preamble(scope, payload);
    cp.getPull(scope, { state: "closed", merged: true, labels: ["kind/bug"] });
    const pick = cp.squashPick(scope, TARGET15);
    const pulls = cp.openPull(scope, { number: 40 });
    cp.updateIssue(scope, 40);
    cp.statusComments(scope, PR);
    const status = cp.createStatus(scope, PR);
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(pick.commit[0]).toMatchObject({ parents: [R15.sha], author: SQUASH.author });
    expect(pulls[0]).toMatchObject({
      title: `[release-1.5] ${cp.TITLE}`,
      base: "release-1.5",
      head: PICK15,
    });
    expect(status[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #40 is open. |");
    expect(replies[0]?.body).toMatch(
      /^`release-1\.5`: opened \[#40\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/pull\/40\)\. \(\[status\]\(.+\)\)\n\n<!-- release-bot:reply-to:\d+ -->$/,
    );
  });

  it("on an open pull request: adds the labels, records the picks as pending, picks at merge", async () => {
    const payload = command("/cherry-pick release-1.5 1.4");
    const scope = github();
    preamble(scope, payload);
    cp.getPull(scope, { state: "open", merged: false, labels: ["kind/bug"] });
    cp.statusComments(scope, PR);
    cp.getBranch(scope, "release-1.5", R15);
    cp.getBranch(scope, "release-1.4", R14);
    cp.statusComments(scope, PR);
    const status = cp.createStatus(scope, PR);
    const labels = cp.addLabels(scope, PR);
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(labels[0]).toEqual({ labels: ["cherry-pick/release-1.5", "cherry-pick/release-1.4"] });
    expect(status[0]?.body).toContain("| `release-1.5` | ⏳ Pending");
    expect(status[0]?.body).toContain("| `release-1.4` | ⏳ Pending");
    expect(replies[0]?.body).toContain(
      "`release-1.5` and `release-1.4` will be picked when [#7](https://github.com/Codertocat/Hello-World/pull/7) is merged (added `cherry-pick/release-1.5`, `cherry-pick/release-1.4`).",
    );
  });

  it("naming a branch that does not exist: replies with the release branches, nothing else", async () => {
    const payload = command("/cherry-pick release-9.9");
    const scope = github();
    const requests = cp.recordRequests(scope);
    preamble(scope, payload);
    cp.getPull(scope, { state: "closed", merged: true });
    cp.statusComments(scope, PR);
    cp.getBranch(scope, "release-9.9", null);
    // Read beside the branch, before anyone knows it is missing.
    cp.pickPulls(scope, "cherry-pick-7-to-release-9.9", "release-9.9");
    cp.history(scope, SQUASH.sha, 1, [SQUASH]);
    cp.releaseBranches(scope, ["release-1.4", "release-1.5"]);
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(replies[0]?.body).toContain(
      "`release-9.9` does not exist; the release branches are `release-1.5`, `release-1.4`.",
    );
    expect(requests.filter((r) => !r.startsWith("GET"))).toEqual([
      `POST /issues/comments/${payload.comment.id}/reactions`,
      "POST /issues/7/comments",
    ]);
  });

  it("on a pull request closed without merging: nothing to pick", async () => {
    const payload = command("/cherry-pick release-1.5");
    const scope = github();
    preamble(scope, payload);
    cp.getPull(scope, { state: "closed", merged: false });
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(replies[0]?.body).toContain("was closed without merging, so there is nothing to pick.");
  });

  it("on an issue: refused", async () => {
    const payload = command("/cherry-pick release-1.5", { pullRequest: false });
    const scope = github();
    preamble(scope, payload);
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(replies[0]?.body).toContain("`/cherry-pick` works on pull requests only.");
  });

  it("repeated: creates nothing and says where the existing pick is", async () => {
    const existing = {
      id: 55,
      body: cp.statusBody([{ branch: "release-1.5", state: "open", pr: 40 }]),
    };
    const payload = command("/cherry-pick release-1.5");
    const scope = github();
    const requests = cp.recordRequests(scope);
    preamble(scope, payload);
    cp.getPull(scope, { state: "closed", merged: true });
    cp.squashPickReads(scope, {
      ...TARGET15,
      comments: [existing],
      pulls: [{ number: 40, state: "open" }],
    });
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(replies[0]?.body).toContain(
      "`release-1.5`: [#40](https://github.com/Codertocat/Hello-World/pull/40) is already open.",
    );
    expect(requests.filter((r) => !r.startsWith("GET"))).toEqual([
      `POST /issues/comments/${payload.comment.id}/reactions`,
      "POST /issues/7/comments",
    ]);
  });

  it("after a conflict: tries again, and removes the failed label once it succeeds", async () => {
    const conflicted = {
      id: 55,
      body: cp.statusBody([
        {
          branch: "release-1.5",
          state: "conflict",
          conflict: {
            pickBranch: PICK15,
            commits: [SQUASH.sha],
            at: SQUASH.sha,
            files: ["a.go"],
            moreFiles: false,
            source: "master",
            number: 7,
            title: "[release-1.5] x",
          },
        },
      ]),
    };
    const payload = command("/cherry-pick release-1.5");
    const scope = github();
    preamble(scope, payload);
    cp.getPull(scope, {
      state: "closed",
      merged: true,
      labels: ["kind/bug", "cherry-pick/failed"],
    });
    cp.squashPick(scope, { ...TARGET15, comments: [conflicted] });
    cp.openPull(scope, { number: 41 });
    const issue = cp.updateIssue(scope, 41);
    cp.statusComments(scope, PR, [conflicted]);
    const edits = cp.updateComment(scope, 55);
    cp.removeLabel(scope, PR, "cherry-pick/failed");
    api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(issue[0]).toEqual({ labels: ["kind/bug"], assignees: [cp.AUTHOR] });
    expect(edits[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #41 is open. |");
    expect(edits[0]?.body).not.toContain("Conflict");
  });

  it("after the pick pull request was closed: picks again from scratch", async () => {
    const payload = command("/cherry-pick release-1.5");
    const scope = github();
    preamble(scope, payload);
    cp.getPull(scope, { state: "closed", merged: true });
    cp.squashPickBranchTaken(scope, { ...TARGET15, pulls: [{ number: 40, state: "closed" }] });
    cp.getPickBranch(scope, PICK15, {
      sha: sha("9"),
      message: `Old pick\n\n(cherry picked from commit ${SQUASH.sha})\n`,
      date: new Date().toISOString(),
    });
    // The closed pull request's pick is replaced: deleted, and created again at the new pick.
    cp.deleteRef(scope, PICK15);
    const created = cp.createRef(scope);
    cp.openPull(scope, { number: 42 });
    cp.updateIssue(scope, 42);
    cp.statusComments(scope, PR);
    cp.createStatus(scope, PR);
    const replies = api.postComment(scope, PR);

    await deliver(payload);
    scope.done();
    expect(created[0]).toEqual({ ref: `refs/heads/${PICK15}`, sha: sha("c") });
    expect(replies[0]?.body).toContain("`release-1.5`: opened [#42]");
  });

  it("in dry-run mode: says what it would pick and writes nothing", async () => {
    const payload = command("/cherry-pick release-1.5");
    const scope = github();
    const requests = cp.recordRequests(scope);
    preamble(scope, payload, "write", "dryRun: true\n");
    cp.getPull(scope, { state: "closed", merged: true });
    cp.squashPickReads(scope, TARGET15);
    const replies = api.postComment(scope, PR);

    await deliver(payload);

    scope.done();
    expect(replies[0]?.body).toContain(
      "`release-1.5`: would pick 1 commit (squash merge) onto it in `cherry-pick-7-to-release-1.5` and open a pull request: ",
    );
    expect(requests.filter((r) => !r.startsWith("GET"))).toEqual([
      `POST /issues/comments/${payload.comment.id}/reactions`,
      "POST /issues/7/comments",
    ]);
  });
});
