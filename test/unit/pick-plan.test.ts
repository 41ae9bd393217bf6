import { describe, expect, it } from "vitest";
import {
  type CommitInfo,
  type GitPerson,
  MAX_PICK_COMMITS,
  needsPullCommits,
  planPick,
} from "../../src/core/pick-plan.js";

const ana: GitPerson = { name: "Ana", email: "ana@example.com", date: "2025-03-01T10:00:00Z" };
const bo: GitPerson = { name: "Bo", email: "bo@example.com", date: "2025-03-02T11:00:00Z" };
const sha = (c: string) => c.repeat(40);

function commit(
  id: string,
  parents: string[],
  message: string,
  author: GitPerson | null = ana,
): CommitInfo {
  return { sha: sha(id), parents: parents.map(sha), message, author };
}

// The pull request's own commits: 1 <- 2 <- 3, branched from base commit 0.
const own = [
  commit("1", ["0"], "Fix the webhook\n\nSigned-off-by: Ana <ana@example.com>"),
  commit("2", ["1"], "Add a test", bo),
  commit("3", ["2"], "Address review", ana),
];

describe("planPick", () => {
  describe("a squash merge", () => {
    it("picks the one squashed commit", () => {
      const squash = commit("s", ["b"], "Fix the webhook (#7)\n\n* Fix the webhook\n* Add a test", {
        ...ana,
        date: "2025-03-05T09:00:00Z",
      });
      const plan = planPick({
        mergeCommitSha: sha("s"),
        commitCount: 3,
        history: [squash, commit("b", ["a"], "Earlier work"), commit("a", ["9"], "Older")],
        pullCommits: own,
      });
      expect(plan).toEqual({
        ok: true,
        style: "squash",
        commits: [
          { sha: sha("s"), parentSha: sha("b"), message: squash.message, author: squash.author },
        ],
      });
    });

    it("picks the one commit of a one-commit pull request without its commit list", () => {
      const landed = commit("s", ["b"], "Fix (#7)");
      const plan = planPick({ mergeCommitSha: sha("s"), commitCount: 1, history: [landed] });
      expect(plan).toMatchObject({
        ok: true,
        style: "squash",
        commits: [{ sha: sha("s"), parentSha: sha("b") }],
      });
      expect(needsPullCommits(landed, 1)).toBe(false);
    });

    it("reports a one-commit pull request as a squash even when its commit landed as it was", () => {
      const landed = commit("a", ["9"], own[0]?.message ?? "", ana);
      const plan = planPick({
        mergeCommitSha: sha("a"),
        commitCount: 1,
        history: [landed],
        pullCommits: [own[0] as CommitInfo],
      });
      expect(plan.ok && plan.style).toBe("squash");
    });

    it("picks the squashed commit of a pull request whose commits are all merges", () => {
      const plan = planPick({
        mergeCommitSha: sha("s"),
        commitCount: 2,
        history: [commit("s", ["b"], "Sync (#7)"), commit("b", ["a"], "Earlier work")],
        pullCommits: [
          commit("u", ["1", "z"], "Merge branch 'master'"),
          commit("v", ["u", "y"], "Merge"),
        ],
      });
      expect(plan).toMatchObject({ ok: true, style: "squash", commits: [{ sha: sha("s") }] });
    });

    it("needs the pull request's commits to tell a squash of several commits from a rebase", () => {
      const squash = commit("s", ["b"], "Fix (#7)");
      expect(needsPullCommits(squash, 3)).toBe(true);
      expect(planPick({ mergeCommitSha: sha("s"), commitCount: 3, history: [squash] })).toEqual({
        ok: false,
        reason: "the pull request's commits are needed to plan the pick",
      });
    });
  });

  describe("a rebase merge", () => {
    it("picks the pull request's commits as they landed, oldest first", () => {
      const landed = [
        commit("c", ["b"], "Address review", ana),
        commit("b", ["a"], "Add a test", bo),
        commit("a", ["9"], "Fix the webhook\n\nSigned-off-by: Ana <ana@example.com>", ana),
        commit("9", ["8"], "Unrelated earlier work", bo),
      ];
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: landed,
        pullCommits: own,
      });
      expect(plan.ok && plan.style).toBe("rebase");
      expect(plan.ok && plan.commits.map((c) => [c.sha, c.parentSha])).toEqual([
        [sha("a"), sha("9")],
        [sha("b"), sha("a")],
        [sha("c"), sha("b")],
      ]);
      expect(plan.ok && plan.commits[1]?.author).toEqual(bo);
    });

    it("leaves out merges inside the pull request, which a rebase drops", () => {
      const withMerge = [
        own[0] as CommitInfo,
        commit("m", ["1", "x"], "Merge branch 'master'"),
        commit("2", ["m"], "Add a test", bo),
      ];
      const landed = [
        commit("b", ["a"], "Add a test", bo),
        commit("a", ["9"], own[0]?.message ?? "", ana),
      ];
      const plan = planPick({
        mergeCommitSha: sha("b"),
        commitCount: 3,
        history: landed,
        pullCommits: withMerge,
      });
      expect(plan.ok && plan.style).toBe("rebase");
      expect(plan.ok && plan.commits.map((c) => c.sha)).toEqual([sha("a"), sha("b")]);
    });

    it("is told from a squash by the authors' dates", () => {
      const landed = [
        commit("c", ["b"], "Address review", { ...ana, date: "2025-04-01T00:00:00Z" }),
        commit("b", ["a"], "Add a test", bo),
        commit("a", ["9"], "Fix the webhook", ana),
      ];
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: landed,
        pullCommits: own,
      });
      expect(plan.ok && plan.style).toBe("squash");
    });
    /** Plans the pick of `own` when the base branch's newest three commits are `landed`. */
    function styleOf(landed: CommitInfo[]): string | false {
      const plan = planPick({
        mergeCommitSha: landed[0]?.sha ?? "",
        commitCount: 3,
        history: landed,
        pullCommits: own,
      });
      return plan.ok && plan.style;
    }

    /** The pull request's commits as a rebase lands them, with `change` applied to one of them. */
    function rebased(change: (commit: CommitInfo, i: number) => CommitInfo = (c) => c) {
      return [
        commit("c", ["b"], "Address review", ana),
        commit("b", ["a"], "Add a test", bo),
        commit("a", ["9"], "Fix the webhook", ana),
      ].map(change);
    }

    it("ignores the body and trailing blanks of a message and the case of an email", () => {
      const landed = rebased((c, i) =>
        i === 2
          ? { ...c, message: "Fix the webhook  \r\n\r\nReviewed-by: Bo" }
          : { ...c, author: c.author && { ...c.author, email: c.author.email.toUpperCase() } },
      );
      expect(styleOf(landed)).toBe("rebase");
    });

    it("is told from a squash by a subject that differs", () => {
      expect(styleOf(rebased((c, i) => (i === 1 ? { ...c, message: "Add two tests" } : c)))).toBe(
        "squash",
      );
    });

    it("is told from a squash by an author's name or email", () => {
      const renamed = rebased((c, i) => (i === 0 ? { ...c, author: { ...ana, name: "Anna" } } : c));
      const moved = rebased((c, i) =>
        i === 2 ? { ...c, author: { ...ana, email: "ana@example.org" } } : c,
      );
      expect(styleOf(renamed)).toBe("squash");
      expect(styleOf(moved)).toBe("squash");
    });

    it("is not assumed when GitHub names no author", () => {
      expect(styleOf(rebased((c, i) => (i === 1 ? { ...c, author: null } : c)))).toBe("squash");
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: rebased(),
        pullCommits: own.map((c, i) => (i === 2 ? { ...c, author: null } : c)),
      });
      expect(plan.ok && plan.style).toBe("squash");
    });

    it("is not assumed when one of the landed commits is a merge", () => {
      expect(
        styleOf(rebased((c, i) => (i === 1 ? { ...c, parents: [sha("a"), sha("x")] } : c))),
      ).toBe("squash");
    });

    it("is not assumed when the history is shorter than the pull request", () => {
      expect(styleOf(rebased().slice(0, 2))).toBe("squash");
    });
  });

  describe("a merge commit", () => {
    it("picks the pull request's own commits in order, not the merge commit", () => {
      const merge = commit("m", ["b", "3"], "Merge pull request #7 from ana/fix");
      const plan = planPick({
        mergeCommitSha: sha("m"),
        commitCount: 3,
        history: [merge],
        pullCommits: own,
      });
      expect(plan).toEqual({
        ok: true,
        style: "merge",
        commits: own.map((c) => ({
          sha: c.sha,
          parentSha: c.parents[0],
          message: c.message,
          author: c.author,
        })),
      });
    });

    it("skips merges inside the pull request", () => {
      const merge = commit("m", ["b", "2"], "Merge pull request #7");
      const pullCommits = [
        own[0] as CommitInfo,
        commit("u", ["1", "z"], "Merge branch 'master' into fix"),
        commit("2", ["u"], "Add a test"),
      ];
      const plan = planPick({
        mergeCommitSha: sha("m"),
        commitCount: 3,
        history: [merge],
        pullCommits,
      });
      expect(plan.ok && plan.commits.map((c) => c.sha)).toEqual([sha("1"), sha("2")]);
      expect(plan.ok && plan.commits[1]?.parentSha).toBe(sha("u"));
    });

    it("needs the pull request's commits even for one commit", () => {
      expect(needsPullCommits(commit("m", ["b", "1"], "Merge"), 1)).toBe(true);
      expect(
        planPick({
          mergeCommitSha: sha("m"),
          commitCount: 1,
          history: [commit("m", ["b", "1"], "Merge")],
        }),
      ).toEqual({
        ok: false,
        reason: "the pull request's commits are needed to plan the pick",
      });
    });
  });

  it("refuses when the history does not start at the merge commit", () => {
    const refusal = { ok: false, reason: `merge commit ${sha("m")} was not found` };
    expect(
      planPick({
        mergeCommitSha: sha("m"),
        commitCount: 1,
        history: [commit("x", ["b"], "Other")],
      }),
    ).toEqual(refusal);
    expect(planPick({ mergeCommitSha: sha("m"), commitCount: 1, history: [] })).toEqual(refusal);
  });

  it("refuses a merge commit without a parent", () => {
    expect(
      planPick({ mergeCommitSha: sha("m"), commitCount: 1, history: [commit("m", [], "Root")] }),
    ).toEqual({ ok: false, reason: `merge commit ${sha("m")} has no parent` });
  });

  it("refuses a merge commit whose pull request holds only merges", () => {
    expect(
      planPick({
        mergeCommitSha: sha("m"),
        commitCount: 1,
        history: [commit("m", ["b", "u"], "Merge pull request #7")],
        pullCommits: [commit("u", ["1", "z"], "Merge branch 'master'")],
      }),
    ).toEqual({ ok: false, reason: "the pull request has no commits of its own besides merges" });
  });

  it("plans a pull request of exactly as many commits as it picks", () => {
    const plan = planPick({
      mergeCommitSha: sha("m"),
      commitCount: MAX_PICK_COMMITS,
      history: [commit("m", ["b"], "x")],
    });
    expect(plan).toEqual({
      ok: false,
      reason: "the pull request's commits are needed to plan the pick",
    });
  });

  it("refuses pull requests with more commits than it picks", () => {
    const plan = planPick({
      mergeCommitSha: sha("m"),
      commitCount: MAX_PICK_COMMITS + 1,
      history: [commit("m", ["b"], "x")],
    });
    expect(plan).toEqual({
      ok: false,
      reason: "the pull request has 101 commits, more than the 100 release-bot picks",
    });
  });
});
