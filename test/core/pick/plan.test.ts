import { describe, expect, it } from "vitest";
import {
  type CommitInfo,
  type GitPerson,
  MAX_PICK_COMMITS,
  needsPullCommits,
  planPick,
} from "../../../src/core/pick/plan.js";

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
        dropped: [],
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
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: landed,
        pullCommits: own,
      });
      expect(plan.ok && plan.commits.length).toBe(3);
      expect(plan.ok && plan.dropped).toEqual([]);
    });

    /** The reason and the commits to pick by hand when what landed cannot be told. */
    function unclear(landed: CommitInfo[]): { reason: string; byHand: string[] } | false {
      const plan = planPick({
        mergeCommitSha: landed[0]?.sha ?? "",
        commitCount: 3,
        history: landed,
        pullCommits: own,
      });
      return !plan.ok && "byHand" in plan && { reason: plan.reason, byHand: plan.byHand };
    }

    const byHand = [sha("1"), sha("2"), sha("3")];

    it("cannot tell what landed when a commit between the tip and the base is unlike the pull request's", () => {
      expect(
        unclear(rebased((c, i) => (i === 1 ? { ...c, message: "Add two tests" } : c))),
      ).toEqual({
        reason: `commit ${"a".repeat(12)} below the commits that landed looks like one of the pull request's`,
        byHand,
      });
    });

    it("is told from a squash by the tip's author name", () => {
      const renamed = rebased((c, i) => (i === 0 ? { ...c, author: { ...ana, name: "Anna" } } : c));
      expect(styleOf(renamed)).toBe("squash");
    });

    it("does not take a base commit by another email for the pull request's first commit", () => {
      const moved = rebased((c, i) =>
        i === 2 ? { ...c, author: { ...ana, email: "ana@example.org" } } : c,
      );
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: moved,
        pullCommits: own,
      });
      expect(plan.ok && plan.commits.map((c) => c.sha)).toEqual([sha("b"), sha("c")]);
      expect(plan.ok && plan.dropped).toEqual([{ sha: sha("1"), subject: "Fix the webhook" }]);
    });

    it("is not assumed when GitHub names no author", () => {
      expect(unclear(rebased((c, i) => (i === 1 ? { ...c, author: null } : c)))).toMatchObject({
        byHand,
      });
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: rebased(),
        pullCommits: own.map((c, i) => (i === 2 ? { ...c, author: null } : c)),
      });
      expect(plan.ok && plan.style).toBe("squash");
    });

    it("cannot tell what landed when a commit like the pull request's is a merge", () => {
      expect(
        unclear(rebased((c, i) => (i === 1 ? { ...c, parents: [sha("a"), sha("x")] } : c))),
      ).toEqual({
        reason: `commit ${"b".repeat(12)} below the commits that landed looks like one of the pull request's`,
        byHand,
      });
    });

    it("cannot tell what landed when the history ends among the pull request's commits", () => {
      expect(unclear(rebased().slice(0, 2))).toEqual({
        reason: "the history read ends before the commits that landed",
        byHand,
      });
    });

    it("names the commits GitHub dropped as empty and picks those that landed", () => {
      const landed = [
        commit("c", ["a"], "Address review", ana),
        commit("a", ["9"], "Fix the webhook", ana),
        commit("9", ["8"], "Add a test (from another pull request)", bo),
      ];
      const plan = planPick({
        mergeCommitSha: sha("c"),
        commitCount: 3,
        history: landed,
        pullCommits: own,
      });
      expect(plan).toEqual({
        ok: true,
        style: "rebase",
        commits: [
          { sha: sha("a"), parentSha: sha("9"), message: "Fix the webhook", author: ana },
          { sha: sha("c"), parentSha: sha("a"), message: "Address review", author: ana },
        ],
        dropped: [{ sha: sha("2"), subject: "Add a test" }],
      });
    });

    it("names the newest and oldest commits when those were dropped", () => {
      const plan = planPick({
        mergeCommitSha: sha("b"),
        commitCount: 3,
        history: [commit("b", ["9"], "Add a test", bo), commit("9", ["8"], "Earlier", bo)],
        pullCommits: own,
      });
      expect(plan.ok && plan.commits.map((c) => c.sha)).toEqual([sha("b")]);
      expect(plan.ok && plan.dropped.map((c) => c.sha)).toEqual([sha("1"), sha("3")]);
    });

    it("cannot tell what landed when a copy of a dropped commit is below the landed ones", () => {
      // The change of "Address review" was on the base as a copy with the same author and
      // subject: it was dropped, or it landed out of order; either way, not a pick to guess.
      const landed = [
        commit("b", ["a"], "Add a test", bo),
        commit("a", ["9"], "Fix the webhook", ana),
        commit("9", ["8"], "Address review", ana),
      ];
      expect(unclear(landed)).toEqual({
        reason: `commit ${"9".repeat(12)} below the commits that landed looks like one of the pull request's`,
        byHand,
      });
    });

    it("matches a commit to the newest commit of the pull request it can be, older than the last", () => {
      // Two commits of the pull request alike (a retest pushed twice in the same second).
      const retest = commit("r", ["3"], "retest", ana);
      const twin = commit("t", ["r"], "retest", ana);
      const plan = planPick({
        mergeCommitSha: sha("y"),
        commitCount: 5,
        history: [
          commit("y", ["x"], "retest", ana),
          commit("x", ["c"], "retest", ana),
          ...rebased(),
        ],
        pullCommits: [...own, retest, twin],
      });
      expect(plan.ok && plan.commits.map((c) => c.sha)).toEqual([
        sha("a"),
        sha("b"),
        sha("c"),
        sha("x"),
        sha("y"),
      ]);
      expect(plan.ok && plan.dropped).toEqual([]);
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
        dropped: [],
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

  it("never plans from part of a pull request's commits (GitHub lists 250 at most)", () => {
    const plan = planPick({
      mergeCommitSha: sha("3"),
      commitCount: 3,
      history: [...own].reverse(),
      pullCommits: own.slice(0, 2),
    });
    expect(plan).toEqual({
      ok: false,
      reason: "GitHub listed 2 of the pull request's 3 commits",
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
    // As the flow asks: the history of so long a pull request is not read at all.
    expect(planPick({ mergeCommitSha: sha("m"), commitCount: 260, history: [] })).toEqual({
      ok: false,
      reason: "the pull request has 260 commits, more than the 100 release-bot picks",
    });
  });
});
