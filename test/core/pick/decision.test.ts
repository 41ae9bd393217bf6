import { describe, expect, it } from "vitest";
import {
  conflictBase,
  conflictReport,
  decideFromBranch,
  decideFromPick,
  decideFromPlan,
  decideFromStatus,
  decideRequest,
  decideRequestFromBranch,
  failedReport,
  MAX_CONFLICT_FILES,
  missingReport,
  openedReport,
  type PickTarget,
  withNote,
  withWorkspace,
} from "../../../src/core/pick/decision.js";
import type { PickCommit, PickPlan } from "../../../src/core/pick/plan.js";
import type { TargetEntry, TargetState } from "../../../src/core/pick/status.js";
import type { PickTrigger } from "../../../src/core/pick/status-decision.js";

const link = (n: number) => `[#${n}](https://github.com/o/r/pull/${n})`;
const PICK = "cherry-pick-7-to-release-1.5";
const HEAD = { sha: "h".repeat(40), treeSha: "t".repeat(40) };

function target(trigger: PickTrigger = "merged", branch = "release-1.5"): PickTarget {
  return { branch, pickBranch: PICK, trigger, link };
}

function row(state: TargetState): TargetEntry {
  return { branch: "release-1.5", ...state };
}

function pick(sha: string, parentSha: string): PickCommit {
  return { sha, parentSha, message: "Fix", author: null };
}

const conflictRow = row({
  state: "conflict",
  conflict: {
    pickBranch: PICK,
    commits: ["c1"],
    at: "c1",
    files: [],
    moreFiles: false,
    source: "master",
    number: 7,
    title: "[release-1.5] Fix",
  },
});

/** Each settled row and what a reply says about it. */
const settledRows: Array<[TargetEntry, string]> = [
  [
    row({ state: "open", pr: 20 }),
    "`release-1.5`: [#20](https://github.com/o/r/pull/20) is already open",
  ],
  [
    row({ state: "merged", pr: 20 }),
    "`release-1.5`: already picked in [#20](https://github.com/o/r/pull/20), which is merged",
  ],
  [
    row({ state: "closed", pr: 20 }),
    "`release-1.5`: the pick [#20](https://github.com/o/r/pull/20) was closed without merging",
  ],
  [
    row({ state: "already" }),
    "`release-1.5`: the changes are on the branch already, nothing to pick",
  ],
  [
    row({ state: "branch", pickBranch: PICK }),
    "`release-1.5`: branch `cherry-pick-7-to-release-1.5` exists without a pull request and holds commits release-bot did not make; open a pull request from it or delete it",
  ],
  [
    conflictRow,
    "`release-1.5`: conflict; the files and the commands to pick it by hand are in the status comment",
  ],
];

const settled = settledRows.map(([entry, summary]) => ({ state: entry.state, entry, summary }));

describe("decideFromStatus: the status comment's row", () => {
  it.each(settled)(
    "keeps a settled row ($state) on a redelivery or a label, writing nothing",
    ({ entry, summary }) => {
      for (const trigger of ["merged", "label"] as const) {
        expect(decideFromStatus(target(trigger), entry)).toEqual({
          action: "keep",
          report: { branch: "release-1.5", state: entry, summary },
        });
      }
    },
  );

  it.each(settled)("re-checks a settled row ($state) when a command asks", ({ entry }) => {
    expect(decideFromStatus(target("command"), entry)).toEqual({ action: "read-branch" });
  });

  it("reads the branch when there is no row, or one that is not settled", () => {
    const unsettled = [
      undefined,
      row({ state: "pending" }),
      row({ state: "missing", releaseBranches: [] }),
      row({ state: "failed", reason: "GitHub answered 500" }),
    ];
    for (const previous of unsettled) {
      expect(decideFromStatus(target(), previous)).toEqual({ action: "read-branch" });
    }
  });

  it("reports a name no branch can have as missing, without reading it", () => {
    expect(decideFromStatus(target("label", "release 1.5"), undefined)).toEqual({
      action: "report-missing",
    });
    expect(decideFromStatus(target("command", "a..b"), undefined)).toEqual({
      action: "report-missing",
    });
  });
});

describe("decideFromBranch: the target branch and an existing pick pull request", () => {
  it("reports a branch that does not exist as missing, whatever pull requests exist", () => {
    const existing = { number: 20, state: "open" as const, merged: false };
    expect(decideFromBranch(target(), { head: null, existing })).toEqual({
      action: "report-missing",
    });
  });

  it("records an open pick pull request, even when a command asks again", () => {
    for (const trigger of ["merged", "command"] as const) {
      const existing = { number: 20, state: "open" as const, merged: false };
      expect(decideFromBranch(target(trigger), { head: HEAD, existing })).toEqual({
        action: "report",
        report: {
          branch: "release-1.5",
          state: { state: "open", pr: 20 },
          summary: "`release-1.5`: [#20](https://github.com/o/r/pull/20) is already open",
        },
      });
    }
  });

  it("records a merged pick pull request as merged", () => {
    const existing = { number: 21, state: "closed" as const, merged: true };
    expect(decideFromBranch(target("command"), { head: HEAD, existing })).toEqual({
      action: "report",
      report: {
        branch: "release-1.5",
        state: { state: "merged", pr: 21 },
        summary:
          "`release-1.5`: already picked in [#21](https://github.com/o/r/pull/21), which is merged",
      },
    });
  });

  it("respects a pick pull request closed without merging on an event", () => {
    const existing = { number: 22, state: "closed" as const, merged: false };
    for (const trigger of ["merged", "label"] as const) {
      expect(decideFromBranch(target(trigger), { head: HEAD, existing })).toEqual({
        action: "report",
        report: {
          branch: "release-1.5",
          state: { state: "closed", pr: 22 },
          summary:
            "`release-1.5`: the pick [#22](https://github.com/o/r/pull/22) was closed without merging",
        },
      });
    }
  });

  it("picks again from scratch after a closed pick pull request when a command asks", () => {
    const existing = { number: 22, state: "closed" as const, merged: false };
    expect(decideFromBranch(target("command"), { head: HEAD, existing })).toEqual({
      action: "plan",
      head: HEAD,
      reset: true,
    });
  });

  it("plans the pick when there is no pick pull request", () => {
    expect(decideFromBranch(target(), { head: HEAD, existing: undefined })).toEqual({
      action: "plan",
      head: HEAD,
      reset: false,
    });
  });
});

describe("decideFromPlan: which commits to pick", () => {
  const squash: PickPlan = { ok: true, style: "squash", commits: [pick("c1", "p1")], dropped: [] };
  const rebase = {
    ok: true as const,
    style: "rebase" as const,
    commits: [pick("c1", "p1"), pick("c2", "c1")],
    dropped: [{ sha: "d".repeat(40), subject: "Add notes" }],
  };
  const pr = { number: 7, title: "Fix the webhook" };

  it("fails the target when no plan can be made, dry run or not, GitHub's words escaped", () => {
    const plan: PickPlan = {
      ok: false,
      reason: "the pull request has 101 commits, <more> than @ana picks",
    };
    for (const dryRun of [false, true]) {
      expect(decideFromPlan(target(), plan, dryRun, pr)).toEqual({
        action: "report",
        report: {
          branch: "release-1.5",
          state: { state: "failed", reason: plan.reason },
          summary:
            "`release-1.5`: cannot pick, the pull request has 101 commits, \\<more\\> than @\u2060ana picks",
        },
      });
    }
  });

  it("in a dry run says what it would pick and records nothing", () => {
    expect(decideFromPlan(target(), squash, true, pr)).toEqual({
      action: "report",
      report: {
        branch: "release-1.5",
        state: null,
        summary:
          "`release-1.5`: would pick 1 commit (squash merge) onto it in `cherry-pick-7-to-release-1.5` and open a pull request: c1 Fix; nothing was written (dry run)",
      },
    });
    expect(decideFromPlan(target(), rebase, true, pr)).toMatchObject({
      report: { summary: expect.stringContaining(": would pick 2 commits (rebase merge) onto it") },
    });
  });

  it("picks the planned commits", () => {
    expect(decideFromPlan(target(), rebase, false, pr)).toEqual({
      action: "pick",
      commits: rebase.commits,
      onBase: rebase.dropped,
    });
  });
});

describe("decideFromPick: what the engine answered", () => {
  it("opens the pick pull request for a pick made now or by an earlier delivery", () => {
    expect(decideFromPick(target(), { status: "picked" })).toEqual({ action: "open-pull-request" });
    expect(decideFromPick(target(), { status: "finished" })).toEqual({
      action: "open-pull-request",
    });
  });

  it("records commits all on the branch already", () => {
    expect(decideFromPick(target(), { status: "empty" })).toEqual({
      action: "report",
      report: {
        branch: "release-1.5",
        state: { state: "already" },
        summary: "`release-1.5`: the changes are on the branch already, nothing to pick",
      },
    });
  });

  it("reports a pick branch holding someone else's commits", () => {
    expect(decideFromPick(target(), { status: "foreign" })).toEqual({
      action: "report",
      report: {
        branch: "release-1.5",
        state: { state: "branch", pickBranch: PICK },
        summary: expect.stringContaining(
          "branch `cherry-pick-7-to-release-1.5` exists without a pull request",
        ),
      },
    });
  });

  it("reports a conflict at the commit whose pick conflicted", () => {
    expect(decideFromPick(target(), { status: "conflict", commit: { sha: "c2" } })).toEqual({
      action: "report-conflict",
      at: "c2",
    });
  });
});

describe("openedReport", () => {
  it("says a pull request opened by this delivery was opened", () => {
    expect(openedReport(target(), { number: 30, created: true })).toEqual({
      branch: "release-1.5",
      state: { state: "open", pr: 30 },
      summary: "`release-1.5`: opened [#30](https://github.com/o/r/pull/30)",
      opened: true,
    });
  });

  it("says one another delivery opened a moment earlier is already open", () => {
    expect(openedReport(target(), { number: 30, created: false })).toEqual({
      branch: "release-1.5",
      state: { state: "open", pr: 30 },
      summary: "`release-1.5`: [#30](https://github.com/o/r/pull/30) is already open",
      opened: false,
    });
  });
});

describe("conflicts", () => {
  const pr = { number: 7, title: "Fix the webhook", baseRef: "master" };
  const commits = [pick("c1", "p1"), pick("c2", "c1")];

  it("compares the target with the parent of the first picked commit", () => {
    expect(conflictBase(commits, HEAD.sha)).toBe("p1");
    expect(conflictBase([], HEAD.sha)).toBe(HEAD.sha);
  });

  it("lists the files both the pull request and the target changed, once each", () => {
    const report = conflictReport(target(), {
      pr,
      commits,
      at: "c2",
      touched: { paths: ["a.go", "b.go", "a.go", "docs/x.md"], more: false },
      changed: { paths: ["a.go", "go.mod", "b.go"], more: false },
    });
    expect(report).toEqual({
      branch: "release-1.5",
      state: {
        state: "conflict",
        conflict: {
          pickBranch: PICK,
          commits: ["c1", "c2"],
          at: "c2",
          files: ["a.go", "b.go"],
          moreFiles: false,
          source: "master",
          number: 7,
          title: "[release-1.5] Fix the webhook",
        },
      },
      summary:
        "`release-1.5`: conflict; the files and the commands to pick it by hand are in the status comment",
    });
  });

  it("says there are more files past the limit, or when either list was cut", () => {
    const many = Array.from({ length: MAX_CONFLICT_FILES + 1 }, (_, i) => `f${i}.go`);
    const over = conflictReport(target(), {
      pr,
      commits,
      at: "c1",
      touched: { paths: many, more: false },
      changed: { paths: many, more: false },
    });
    expect(over.state).toMatchObject({
      conflict: { files: many.slice(0, MAX_CONFLICT_FILES), moreFiles: true },
    });
    const atLimit = conflictReport(target(), {
      pr,
      commits,
      at: "c1",
      touched: { paths: many.slice(1), more: false },
      changed: { paths: many, more: false },
    });
    expect(atLimit.state).toMatchObject({ conflict: { moreFiles: false } });
    const cut = conflictReport(target(), {
      pr,
      commits,
      at: "c1",
      touched: { paths: ["a.go"], more: true },
      changed: { paths: [], more: false },
    });
    expect(cut.state).toMatchObject({ conflict: { files: [], moreFiles: true } });
    // GitHub lists 300 changed files of a comparison at most: the target's list may be cut too.
    const targetCut = conflictReport(target(), {
      pr,
      commits,
      at: "c1",
      touched: { paths: ["a.go"], more: false },
      changed: { paths: ["a.go"], more: true },
    });
    expect(targetCut.state).toMatchObject({ conflict: { files: ["a.go"], moreFiles: true } });
  });
});

describe("missingReport and failedReport", () => {
  it("names the release branches that exist", () => {
    expect(missingReport(target(), ["release-1.5", "release-1.4"])).toEqual({
      branch: "release-1.5",
      state: { state: "missing", releaseBranches: ["release-1.5", "release-1.4"] },
      summary:
        "`release-1.5` does not exist; the release branches are `release-1.5`, `release-1.4`",
    });
    expect(missingReport(target(), []).summary).toBe(
      "`release-1.5` does not exist; there is no release branch yet",
    );
  });

  it("fails with GitHub's words, escaped", () => {
    expect(failedReport(target(), "GitHub answered 500: *boom*")).toEqual({
      branch: "release-1.5",
      state: { state: "failed", reason: "GitHub answered 500: *boom*" },
      summary: "`release-1.5`: failed, GitHub answered 500: \\*boom\\*",
    });
  });
});

describe("a request on an open pull request", () => {
  it("keeps a pending row and a pick made since (a late event)", () => {
    for (const previous of [row({ state: "pending" }), row({ state: "open", pr: 20 })]) {
      expect(decideRequest(target("label"), previous)).toMatchObject({
        action: "keep",
        report: { state: previous },
      });
    }
    expect(decideRequest(target("label"), row({ state: "pending" }))).toMatchObject({
      report: { summary: "`release-1.5` is picked when the pull request is merged" },
    });
  });

  it("checks the branch again for no row, a missing branch or a failure", () => {
    const again = [
      undefined,
      row({ state: "missing", releaseBranches: [] }),
      row({ state: "failed", reason: "x" }),
    ];
    for (const previous of again) {
      expect(decideRequest(target("command"), previous)).toEqual({ action: "read-branch" });
    }
  });

  it("reports a name no branch can have as missing, without reading it", () => {
    expect(decideRequest(target("label", "release~1"), undefined)).toEqual({
      action: "report-missing",
    });
  });

  it("records a request for a branch that exists as pending, and reports one that does not", () => {
    expect(decideRequestFromBranch(target("label"), true, 7)).toEqual({
      action: "report",
      report: {
        branch: "release-1.5",
        state: { state: "pending" },
        summary: "`release-1.5` is picked when #7 is merged",
      },
    });
    expect(decideRequestFromBranch(target("label"), false, 7)).toEqual({
      action: "report-missing",
    });
  });
});

describe("withNote and withWorkspace", () => {
  const opened = openedReport(target(), { number: 30, created: true });
  const conflict = conflictReport(target(), {
    pr: { number: 7, title: "Fix", baseRef: "master" },
    commits: [pick("c1", "p1")],
    at: "c1",
    touched: { paths: ["a.go"], more: false },
    changed: { paths: ["a.go"], more: false },
  });

  it("adds a sentence to the row and the reply clause, and nothing without one or a row", () => {
    expect(withNote(opened, "auto-merge is on")).toEqual({
      ...opened,
      state: { state: "open", pr: 30, note: "auto-merge is on" },
      summary: "`release-1.5`: opened [#30](https://github.com/o/r/pull/30) (auto-merge is on)",
    });
    expect(withNote(opened, null)).toBe(opened);
    const dryRun = { branch: "release-1.5", state: null, summary: "would pick" };
    expect(withNote(dryRun, "auto-merge is on")).toBe(dryRun);
  });

  it("links a conflict's draft workspace in its row and reply, and leaves any other report", () => {
    const workspace = { pr: 41, head: "w".repeat(40) };
    expect(withWorkspace(conflict, workspace, link)).toEqual({
      ...conflict,
      state: {
        ...conflict.state,
        conflict: {
          ...(conflict.state?.state === "conflict" ? conflict.state.conflict : {}),
          workspace,
        },
      },
      summary: "`release-1.5`: conflict; resolve it in draft [#41](https://github.com/o/r/pull/41)",
    });
    expect(withWorkspace(opened, workspace, link)).toBe(opened);
    const dryRun = { branch: "release-1.5", state: null, summary: "would pick" };
    expect(withWorkspace(dryRun, workspace, link)).toBe(dryRun);
  });
});
