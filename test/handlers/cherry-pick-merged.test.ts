import { describe, expect, it } from "vitest";
import { github, mockConfig } from "../helpers/github.js";
import { createTestBot } from "../helpers/probot.js";
import * as cp from "./cherry-pick.helpers.js";
import { AUTHOR, BODY, PR, R14, R15, SQUASH, sha, TITLE } from "./cherry-pick.helpers.js";

const PICK15 = "cherry-pick-7-to-release-1.5";
const PICK14 = "cherry-pick-7-to-release-1.4";
const TARGET15 = { branch: "release-1.5", head: R15, pickBranch: PICK15 };

async function deliver(payload: unknown, id = "delivery-1") {
  const { probot, logs } = createTestBot();
  await probot.receive({ name: "pull_request", id, payload } as never);
  return logs;
}

describe("a merged pull request with cherry-pick labels", () => {
  describe("squash-merged, one label", () => {
    it("picks the squash commit onto the branch and opens the pick pull request", async () => {
      const scope = github();
      const requests = cp.recordRequests(scope);
      mockConfig(scope, null);
      const pick = cp.squashPick(scope, TARGET15);
      const pulls = cp.openPull(scope, { number: 20 });
      const issue = cp.updateIssue(scope, 20);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["kind/bug", "cherry-pick/release-1.5", "lgtm"]));
      scope.done();

      expect(pick.scaffold[0]).toEqual({
        message: expect.stringMatching(
          new RegExp(
            `^release-bot: temporary commit to pick ${SQUASH.sha} onto release-1\\.5\\n\\nattempt [0-9a-f-]{36}$`,
          ),
        ),
        tree: R15.tree,
        parents: [cp.SQUASH_PARENT],
      });
      expect(pick.temporary[0]).toEqual({
        ref: expect.stringMatching(cp.TEMPORARY(PICK15)),
        sha: sha("a"),
      });
      const temporary = String(pick.temporary[0]?.ref).replace("refs/heads/", "");
      expect(pick.merge[0]).toEqual({
        base: temporary,
        head: SQUASH.sha,
        commit_message: `release-bot: temporary merge of ${SQUASH.sha}`,
      });
      expect(pick.commit[0]).toEqual({
        message: `${TITLE} (#7)\n\nSigned-off-by: Ana <ana@example.com>\n(cherry picked from commit ${SQUASH.sha})\n`,
        tree: sha("b"),
        parents: [R15.sha],
        author: { name: "Ana", email: "ana@example.com", date: "2025-03-05T09:00:00Z" },
        committer: { ...cp.APP, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      });
      // The committer date is the time of the pick.
      const committer = pick.commit[0]?.committer as { date: string } | undefined;
      const committed = Date.parse(String(committer?.date));
      expect(Math.abs(Date.now() - committed)).toBeLessThan(60_000);
      expect(pick.pickRef[0]).toEqual({ ref: `refs/heads/${PICK15}`, sha: sha("c") });
      expect(pulls[0]).toEqual({
        title: `[release-1.5] ${TITLE}`,
        head: PICK15,
        base: "release-1.5",
        body: `Cherry-pick of #7 onto release-1.5.\n\n${BODY}`,
      });
      expect(issue[0]).toEqual({ labels: ["kind/bug"], assignees: [AUTHOR] });
      expect(status[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #20 is open. |");
      expect(status[0]?.body).toContain('{"branch":"release-1.5","state":"open","pr":20}');
      expect(status[0]?.body).toMatch(/<!-- release-bot:cherry-pick-status -->$/);

      // The API calls of the whole delivery, as docs/cherry-pick.md lists them.
      expect(requests).toEqual([
        "GET /contents/.github/release-bot.yml",
        "GET /repos/Codertocat/.github/contents/.github/release-bot.yml",
        "GET /issues/7/comments",
        // These three in parallel.
        "GET /commits",
        "GET /branches/release-1.5",
        "GET /pulls",
        "POST /git/commits",
        "POST /git/refs",
        "POST /merges",
        "POST /git/commits",
        "POST /git/refs",
        `DELETE /git/refs/heads/${temporary}`,
        "POST /pulls",
        "PATCH /issues/20",
        "GET /issues/7/comments",
        "POST /issues/7/comments",
        "GET /issues/7/comments",
      ]);
      // The pick itself: all but the configuration and the status comment.
      const overhead = /contents\/\.github|\/issues\/7\/comments/;
      expect(requests.filter((r) => !overhead.test(r))).toHaveLength(11);
    });
  });

  describe("two labels, one conflicting", () => {
    it("reports the conflict with files and commands, adds the failed label, and still picks the other", async () => {
      const scope = github();
      // The workspace of the conflict is tested on the local GitHub (test/e2e/conflict-workspace).
      mockConfig(scope, "cherryPick:\n  workspace: false\n");
      // release-1.4: conflict
      cp.squashPickReads(scope, { branch: "release-1.4", head: R14, pickBranch: PICK14 });
      cp.createCommit(scope, sha("a"));
      const ref14 = cp.createRef(scope);
      const merge14 = cp.merge(scope, { conflict: true });
      cp.deleteTemporary(scope, PICK14);
      cp.pullFiles(scope, ["pkg/webhook/webhook.go", "docs/webhook.md"]);
      cp.compare(scope, cp.SQUASH_PARENT, R14.sha, ["pkg/webhook/webhook.go", "go.mod"]);
      // release-1.5: picked
      cp.getBranch(scope, "release-1.5", R15);
      cp.pickPulls(scope, PICK15, "release-1.5");
      const pick15 = cp.pickOneCommit(scope, {
        pickBranch: PICK15,
        scaffold: sha("d"),
        mergeTree: sha("b"),
        real: sha("c"),
      });
      const pulls = cp.openPull(scope, { number: 21 });
      cp.updateIssue(scope, 21);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);
      const labels = cp.addLabels(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.4", "cherry-pick/release-1.5"]));
      scope.done();

      // No pick branch for the conflict: only the temporary branch, deleted again.
      expect(ref14[0]).toEqual({ ref: expect.stringMatching(cp.TEMPORARY(PICK14)), sha: sha("a") });
      expect(merge14[0]).toMatchObject({
        base: String(ref14[0]?.ref).replace("refs/heads/", ""),
        head: SQUASH.sha,
      });
      expect(pick15.commit[0]).toMatchObject({ parents: [R15.sha], tree: sha("b") });
      expect(pulls.map((p) => p.base)).toEqual(["release-1.5"]);
      expect(labels[0]).toEqual({ labels: ["cherry-pick/failed"] });
      const body = String(status[0]?.body);
      expect(body).toContain("| `release-1.4` | ❌ Conflict: pick it by hand as shown below");
      expect(body).toContain("| `release-1.5` | 🔀 Pick pull request #21 is open. |");
      expect(body).toContain("- `pkg/webhook/webhook.go`");
      expect(body).not.toContain("docs/webhook.md");
      expect(body).not.toContain("go.mod");
      expect(body).toContain(
        [
          "```sh",
          "git fetch origin master",
          "git fetch origin release-1.4",
          `git checkout -b ${PICK14} origin/release-1.4`,
          `git cherry-pick -x ${SQUASH.sha}`,
          "# resolve the conflicts, git add the files, then: git cherry-pick --continue",
          `git push origin ${PICK14}`,
          `gh pr create --base release-1.4 --head ${PICK14} --title '[release-1.4] ${TITLE}' --body 'Cherry-pick of #7 onto release-1.4.'`,
          "```",
        ].join("\n"),
      );
    });

    it("does not repeat the conflict on a redelivery", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.statusComments(scope, PR, [
        {
          id: 55,
          body: cp.statusBody([
            {
              branch: "release-1.4",
              state: "conflict",
              conflict: {
                pickBranch: PICK14,
                commits: [SQUASH.sha],
                at: SQUASH.sha,
                files: [],
                moreFiles: false,
                source: "master",
                number: 7,
                title: "[release-1.4] x",
              },
            },
            { branch: "release-1.5", state: "open", pr: 21 },
          ]),
        },
      ]);

      const payload = cp.mergedPayload([
        "cherry-pick/release-1.4",
        "cherry-pick/release-1.5",
        "cherry-pick/failed",
      ]);
      await deliver(payload, "delivery-2");
      scope.done();
    });
  });

  describe("rebase-merged, two commits", () => {
    it("picks the commits as they landed on the base branch, each with its author", async () => {
      const own = [
        cp.commit("1", ["0"], "Fix the webhook\n\nSigned-off-by: Ana <ana@example.com>", cp.ana),
        cp.commit("2", ["1"], "Add a regression test\n\nSigned-off-by: Bo <bo@example.com>", cp.bo),
      ];
      const landed = [
        cp.commit("8", ["7"], own[1]?.message ?? "", cp.bo),
        cp.commit("7", ["p"], own[0]?.message ?? "", cp.ana),
      ];
      const scope = github();
      const requests = cp.recordRequests(scope);
      mockConfig(scope, null);
      cp.statusComments(scope, PR);
      cp.getBranch(scope, "release-1.5", R15);
      cp.pickPulls(scope, PICK15, "release-1.5");
      cp.history(scope, sha("8"), 2, landed);
      cp.pullCommits(scope, own);
      const commits: cp.Body[] = [];
      const merges: cp.Body[] = [];
      cp.createCommit(scope, sha("a"), commits);
      const temporary = cp.createRef(scope);
      cp.merge(scope, { parent: sha("a"), tree: sha("b"), sha: sha("m1") }, merges);
      cp.createCommit(scope, sha("c"), commits);
      cp.merge(scope, { parent: sha("m1"), tree: sha("e"), sha: sha("m2") }, merges);
      cp.createCommit(scope, sha("f"), commits);
      const pickRef = cp.createRef(scope);
      cp.deleteTemporary(scope, PICK15);
      cp.openPull(scope, { number: 22 });
      cp.updateIssue(scope, 22);
      cp.statusComments(scope, PR);
      cp.createStatus(scope, PR);

      await deliver(
        cp.mergedPayload(["cherry-pick/release-1.5"], { mergeCommitSha: sha("8"), commits: 2 }),
      );
      scope.done();

      expect(commits).toEqual([
        {
          message: expect.stringMatching(
            new RegExp(
              `^release-bot: temporary commit to pick ${sha("7")} onto release-1\\.5\\n\\nattempt [0-9a-f-]{36}$`,
            ),
          ),
          tree: R15.tree,
          parents: [sha("p")],
        },
        {
          message: `Fix the webhook\n\nSigned-off-by: Ana <ana@example.com>\n(cherry picked from commit ${sha("7")})\n`,
          tree: sha("b"),
          parents: [R15.sha],
          author: cp.ana,
          committer: { ...cp.APP, date: expect.any(String) },
        },
        {
          message: `Add a regression test\n\nSigned-off-by: Bo <bo@example.com>\n(cherry picked from commit ${sha("8")})\n`,
          tree: sha("e"),
          parents: [sha("c")],
          author: cp.bo,
          committer: { ...cp.APP, date: expect.any(String) },
        },
      ]);
      // Both merges go into the one temporary branch; the second's merge base is the first commit.
      const branch = String(temporary[0]?.ref).replace("refs/heads/", "");
      expect(merges.map((m) => [m.base, m.head])).toEqual([
        [branch, sha("7")],
        [branch, sha("8")],
      ]);
      expect(pickRef[0]).toEqual({ ref: `refs/heads/${PICK15}`, sha: sha("f") });
      // Per extra commit: one merge and one commit.
      expect(requests.slice(3, -3)).toHaveLength(14);
    });
  });

  describe("merged with a merge commit", () => {
    it("picks the pull request's own commits in order, not the merge commit", async () => {
      const own = [
        cp.commit("1", ["0"], "Fix the webhook", cp.ana),
        cp.commit("2", ["1"], "Add a regression test", cp.bo),
      ];
      const mergeCommit = cp.commit("m", ["p", "2"], "Merge pull request #7 from ana/fix");
      const scope = github();
      mockConfig(scope, null);
      cp.statusComments(scope, PR);
      cp.getBranch(scope, "release-1.5", R15);
      cp.pickPulls(scope, PICK15, "release-1.5");
      cp.history(scope, mergeCommit.sha, 2, [mergeCommit, cp.commit("p", ["o"], "Earlier")]);
      cp.pullCommits(scope, own);
      const commits: cp.Body[] = [];
      const merges: cp.Body[] = [];
      cp.createCommit(scope, sha("a"), commits);
      cp.createRef(scope);
      cp.merge(scope, { parent: sha("a"), tree: sha("b"), sha: sha("m1") }, merges);
      cp.createCommit(scope, sha("c"), commits);
      cp.merge(scope, { parent: sha("m1"), tree: sha("e"), sha: sha("m2") }, merges);
      cp.createCommit(scope, sha("f"), commits);
      cp.createRef(scope);
      cp.deleteTemporary(scope, PICK15);
      cp.openPull(scope, { number: 23 });
      cp.updateIssue(scope, 23);
      cp.statusComments(scope, PR);
      cp.createStatus(scope, PR);

      await deliver(
        cp.mergedPayload(["cherry-pick/release-1.5"], {
          mergeCommitSha: mergeCommit.sha,
          commits: 2,
        }),
      );
      scope.done();

      expect(merges.map((m) => m.head)).toEqual([sha("1"), sha("2")]);
      expect(commits.map((c) => c.parents)).toEqual([[sha("0")], [R15.sha], [sha("c")]]);
      expect(commits[1]).toMatchObject({
        message: `Fix the webhook\n\n(cherry picked from commit ${sha("1")})\n`,
        author: cp.ana,
      });
      expect(commits[2]).toMatchObject({
        message: `Add a regression test\n\n(cherry picked from commit ${sha("2")})\n`,
        author: cp.bo,
      });
    });
  });

  describe("idempotence", () => {
    it("creates nothing on a redelivery once the status comment records the pick", async () => {
      const scope = github();
      const requests = cp.recordRequests(scope);
      mockConfig(scope, null);
      cp.statusComments(scope, PR, [
        { id: 55, body: cp.statusBody([{ branch: "release-1.5", state: "open", pr: 20 }]) },
      ]);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(requests.filter((r) => !r.startsWith("GET"))).toEqual([]);
    });

    it("finds an existing pick pull request the status comment does not know, and records it", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickReads(scope, {
        ...TARGET15,
        pulls: [{ number: 20, state: "closed", merged: true }],
      });
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(status[0]?.body).toContain("| `release-1.5` | ✅ Merged in #20. |");
    });

    it("meets another delivery at the pick branch: its finished pick gets the one pull request", async () => {
      const scope = github();
      const requests = cp.recordRequests(scope);
      mockConfig(scope, null);
      cp.squashPickBranchTaken(scope, TARGET15);
      cp.getPickBranch(scope, PICK15, {
        sha: sha("9"),
        message: `${TITLE} (#7)\n\n(cherry picked from commit ${SQUASH.sha})\n`,
        date: new Date().toISOString(),
      });
      cp.openPull(scope, {
        status: 422,
        message: "A pull request already exists for Codertocat:cherry-pick-7-to-release-1.5.",
      });
      cp.pickPulls(scope, PICK15, "release-1.5", [{ number: 20, state: "open" }]);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(status[0]?.body).toContain("#20 is open");
      // Nothing force-moved, nothing but its own temporary branch deleted.
      expect(requests.filter((r) => r.startsWith("PATCH /git") || r.startsWith("DELETE"))).toEqual([
        expect.stringMatching(/^DELETE \/git\/refs\/heads\/release-bot\/tmp\//),
      ]);
    });

    it("retries opening the pull request while GitHub answers 'No commits between'", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPick(scope, TARGET15);
      scope.post("/repos/Codertocat/Hello-World/pulls").reply(422, {
        message: "Validation Failed",
        errors: [
          {
            resource: "PullRequest",
            code: "custom",
            message: `No commits between release-1.5 and ${PICK15}`,
          },
        ],
      });
      const pulls = cp.openPull(scope, { number: 20 });
      cp.updateIssue(scope, 20);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(pulls[0]).toMatchObject({ head: PICK15, base: "release-1.5" });
      expect(status[0]?.body).toContain("#20 is open");
    });

    it("signs the picks when the branch's rules require signed commits", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.statusComments(scope, PR);
      cp.getBranch(scope, "release-1.5", { ...R15, protected: true });
      cp.pickPulls(scope, PICK15, "release-1.5");
      cp.history(scope, SQUASH.sha, 1, [SQUASH]);
      scope
        .get("/repos/Codertocat/Hello-World/rules/branches/release-1.5")
        .query({ per_page: "100" })
        .reply(200, [{ type: "deletion" }, { type: "required_signatures" }]);
      const pick = cp.pickOneCommit(scope, {
        pickBranch: PICK15,
        scaffold: sha("a"),
        mergeTree: sha("b"),
        real: sha("c"),
      });
      const pulls = cp.openPull(scope, { number: 20 });
      cp.updateIssue(scope, 20);
      cp.statusComments(scope, PR);
      cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]));
      scope.done();
      // No author, no committer: GitHub signs the commit; Ana stays as a co-author.
      expect(pick.commit[0]).toEqual({
        message: `${TITLE} (#7)\n\nSigned-off-by: Ana <ana@example.com>\n(cherry picked from commit ${SQUASH.sha})\nCo-authored-by: Ana <ana@example.com>\n`,
        tree: sha("b"),
        parents: [R15.sha],
      });
      expect(String(pulls[0]?.body)).toMatch(
        /GitHub signed these picks[^\n]*Written by Ana <ana@example\.com>\.$/,
      );
    });

    it("opens the pull request of a pick that was finished before it was opened", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickBranchTaken(scope, TARGET15);
      cp.getPickBranch(scope, PICK15, {
        sha: sha("c"),
        message: `${TITLE} (#7)\n\n(cherry picked from commit ${SQUASH.sha})\n`,
        date: "2025-03-05T09:00:00Z",
      });
      const pulls = cp.openPull(scope, { number: 20 });
      cp.updateIssue(scope, 20);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(pulls[0]).toMatchObject({ head: PICK15, base: "release-1.5" });
      expect(status[0]?.body).toContain("#20 is open");
    });

    it("uses the pull request another delivery opened a moment earlier", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPick(scope, TARGET15);
      cp.openPull(scope, {
        status: 422,
        message: "A pull request already exists for Codertocat:cherry-pick-7-to-release-1.5.",
      });
      cp.pickPulls(scope, PICK15, "release-1.5", [{ number: 20, state: "open" }]);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(status[0]?.body).toContain("#20 is open");
    });

    it("leaves a pick branch holding someone else's commits alone and says so", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickBranchTaken(scope, TARGET15);
      cp.getPickBranch(scope, PICK15, {
        sha: sha("9"),
        message: "Resolve the conflict by hand",
        date: "2025-03-05T09:00:00Z",
      });
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]), "delivery-2");
      scope.done();
      expect(status[0]?.body).toContain(`Branch \`${PICK15}\` exists without a pull request`);
    });
  });

  describe("already on the branch", () => {
    it("opens no pull request, makes no pick branch and says the change is there", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickReads(scope, TARGET15);
      cp.createCommit(scope, sha("a"));
      cp.createRef(scope);
      cp.merge(scope, { parent: sha("a"), tree: R15.tree });
      cp.deleteTemporary(scope, PICK15);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]));
      scope.done();
      expect(status[0]?.body).toContain(
        "| `release-1.5` | ✅ Already on the branch: nothing to pick. |",
      );
    });
  });

  describe("failures", () => {
    it("reports a rule's refusal with what an admin must change", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickReads(scope, TARGET15);
      cp.createCommit(scope, sha("a"));
      cp.createRef(scope);
      cp.merge(scope, { parent: sha("a"), tree: sha("b") });
      cp.createCommit(scope, sha("c"));
      cp.createRef(scope, {
        status: 422,
        message:
          "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission",
      });
      cp.deleteTemporary(scope, PICK15);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]));
      scope.done();
      expect(status[0]?.body).toContain(
        "refused by the App's `workflows: write` permission; an organization owner must grant Workflows (read and write) to the App",
      );
    });

    it("deletes the temporary branch when GitHub fails mid-pick and records the failure", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickReads(scope, TARGET15);
      cp.createCommit(scope, sha("a"));
      cp.createRef(scope);
      scope.post("/repos/Codertocat/Hello-World/merges").reply(500, { message: "Server Error" });
      // The merge may have happened without an answer: the temporary branch says it did not.
      cp.temporaryHead(scope, PICK15, { sha: sha("a"), parents: [sha("0")] });
      cp.deleteTemporary(scope, PICK15);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5"]));
      scope.done();
      expect(status[0]?.body).toContain(
        "| `release-1.5` | ❌ Failed: GitHub answered 500: Server Error.",
      );
    });

    it("labels and assigns an open pick pull request found without either (opened by a delivery that lost GitHub's answer)", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPickReads(scope, {
        ...TARGET15,
        pulls: [{ number: 20, state: "open", bare: true }],
      });
      const edits = cp.updateIssue(scope, 20);
      cp.statusComments(scope, PR);
      const status = cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5", "area/webhook"]), "delivery-2");
      scope.done();
      expect(edits[0]).toEqual({ labels: ["area/webhook"], assignees: [AUTHOR] });
      expect(status[0]?.body).toContain("| `release-1.5` | 🔀 Pick pull request #20 is open. |");
    });

    it("carries on when GitHub refuses the assignee", async () => {
      const scope = github();
      mockConfig(scope, null);
      cp.squashPick(scope, TARGET15);
      cp.openPull(scope, { number: 20 });
      const first = cp.updateIssue(scope, 20, 422);
      const second = cp.updateIssue(scope, 20);
      cp.statusComments(scope, PR);
      cp.createStatus(scope, PR);

      await deliver(cp.mergedPayload(["cherry-pick/release-1.5", "area/webhook"]));
      scope.done();
      expect(first[0]).toEqual({ labels: ["area/webhook"], assignees: [AUTHOR] });
      expect(second[0]).toEqual({ labels: ["area/webhook"] });
    });
  });
});
