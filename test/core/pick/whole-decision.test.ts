/**
 * The decisions that keep a pick whole and honest: a rebase merge whose landed commits cannot be
 * told picks nothing and gives the commands to pick by hand, commits a rebase merge dropped
 * follow the target's row, and a pull request closed without merging (then reopened) changes
 * its pending rows.
 */
import { describe, expect, it } from "vitest";
import {
  decideFromPlan,
  decideFromStatus,
  decideRequest,
  type PickTarget,
  type TargetReport,
  withOnBase,
} from "../../../src/core/pick/decision.js";
import type { PickStatus, TargetEntry } from "../../../src/core/pick/status.js";
import {
  closedPickState,
  failedLabelChange,
  keepOnBase,
  requestRowsAt,
  resolvesLastConflict,
  withdrawnAtMerge,
} from "../../../src/core/pick/status-decision.js";

const link = (n: number) => `#${n}`;
const target: PickTarget = {
  branch: "release-1.5",
  pickBranch: "cherry-pick-7-to-release-1.5",
  trigger: "merged",
  link,
};
const pr = { number: 7, title: "Fix the webhook" };
const onBase = [{ sha: "d".repeat(40), subject: "Add notes" }];
const unclearRow: TargetEntry = {
  branch: "release-1.5",
  state: "unclear",
  unclear: {
    pickBranch: "cherry-pick-7-to-release-1.5",
    commits: ["c1", "c2"],
    number: 7,
    title: "[release-1.5] Fix the webhook",
    reason: "the history read ends before the commits that landed",
  },
};

describe("decideFromPlan: a rebase merge that cannot be told", () => {
  it("records the commits to pick by hand, dry run or not, and picks nothing", () => {
    const plan = {
      ok: false as const,
      reason: "the history read ends before the commits that landed",
      byHand: ["c1", "c2"],
    };
    for (const dryRun of [false, true]) {
      expect(decideFromPlan(target, plan, dryRun, pr)).toEqual({
        action: "report",
        report: {
          branch: "release-1.5",
          state: {
            state: "unclear",
            unclear: unclearRow.state === "unclear" && unclearRow.unclear,
          },
          summary:
            "`release-1.5`: cannot tell which commits of the pull request landed (the history read ends before the commits that landed), nothing picked; the commands to pick it by hand are in the status comment",
        },
      });
    }
  });
});

describe("withOnBase", () => {
  const opened: TargetReport = {
    branch: "release-1.5",
    state: { state: "open", pr: 12 },
    summary: "`release-1.5`: opened #12",
    opened: true,
  };

  it("adds the dropped commits to the state the row records", () => {
    expect(withOnBase(opened, onBase)).toEqual({
      ...opened,
      state: { state: "open", pr: 12, onBase },
    });
  });

  it("leaves a report alone when nothing was dropped or nothing is recorded", () => {
    expect(withOnBase(opened, [])).toBe(opened);
    const dry = { ...opened, state: null };
    expect(withOnBase(dry, onBase)).toBe(dry);
  });
});

describe("a row that asks for hands", () => {
  it("is settled like a conflict: events keep it, a command re-checks it", () => {
    expect(decideFromStatus(target, unclearRow)).toMatchObject({ action: "keep" });
    expect(decideFromStatus({ ...target, trigger: "command" }, unclearRow)).toEqual({
      action: "read-branch",
    });
  });

  it("adds the failed label, and a manual pick merged under the pick branch removes it", () => {
    const status: PickStatus = { targets: [unclearRow] };
    expect(failedLabelChange({ status, changed: true, hasLabel: false })).toBe("add");
    expect(failedLabelChange({ status, changed: true, hasLabel: true })).toBe("none");
    const merged = closedPickState(
      { hasComment: true, previous: unclearRow },
      { number: 13, merged: true },
    );
    expect(merged).toEqual({ state: "merged", pr: 13 });
    const written: PickStatus = { targets: [{ branch: "release-1.5", state: "merged", pr: 13 }] };
    expect(resolvesLastConflict(unclearRow, { merged: true }, written)).toBe(true);
    expect(resolvesLastConflict(unclearRow, { merged: false }, written)).toBe(false);
    expect(resolvesLastConflict(unclearRow, { merged: true }, status)).toBe(false);
    expect(resolvesLastConflict(undefined, { merged: true }, written)).toBe(false);
  });
});

describe("closedPickState keeps the dropped commits", () => {
  it("on the merged and the closed row", () => {
    const previous: TargetEntry = { branch: "release-1.5", state: "open", pr: 12, onBase };
    const read = { hasComment: true, previous };
    expect(closedPickState(read, { number: 12, merged: true })).toEqual({
      state: "merged",
      pr: 12,
      onBase,
    });
    expect(closedPickState(read, { number: 12, merged: false })).toEqual({
      state: "closed",
      pr: 12,
      onBase,
    });
  });
});

describe("requestRowsAt: closed without merging, reopened", () => {
  const status: PickStatus = {
    targets: [
      { branch: "release-1.6", state: "pending" },
      { branch: "release-1.5", state: "open", pr: 12 },
      { branch: "release-1.4", state: "unmerged" },
      { branch: "release-9.9", state: "missing", releaseBranches: [] },
    ],
  };

  it("turns pending rows into not merged at a close", () => {
    expect([...requestRowsAt(status, "closed")]).toEqual([["release-1.6", { state: "unmerged" }]]);
  });

  it("turns them back into pending at a reopen", () => {
    expect([...requestRowsAt(status, "reopened")]).toEqual([["release-1.4", { state: "pending" }]]);
  });

  it("changes nothing without such rows", () => {
    expect(requestRowsAt({ targets: [] }, "closed").size).toBe(0);
  });
});

describe("a not-merged row whose reopen was missed", () => {
  const unmerged: TargetEntry = { branch: "release-1.5", state: "unmerged" };

  it("is picked at the merge, or withdrawn when its label is gone", () => {
    expect(decideFromStatus(target, unmerged)).toEqual({ action: "read-branch" });
    expect(withdrawnAtMerge({ targets: [unmerged] }, [], "merged")).toEqual(["release-1.5"]);
    expect(withdrawnAtMerge({ targets: [unmerged] }, ["release-1.5"], "merged")).toEqual([]);
  });

  it("is asked again by a new request on the open pull request", () => {
    expect(decideRequest({ branch: "release-1.5", link }, unmerged)).toEqual({
      action: "read-branch",
    });
  });
});

describe("keepOnBase", () => {
  const previous: TargetEntry = { branch: "release-1.5", state: "open", pr: 12, onBase };

  it("keeps the dropped commits a report from the pick pull request alone leaves out", () => {
    expect(keepOnBase({ state: "merged", pr: 12 }, previous)).toEqual({
      state: "merged",
      pr: 12,
      onBase,
    });
  });

  it("takes the plan's own list, and adds none where none was named", () => {
    const fresh = [{ sha: "e".repeat(40), subject: "Retest" }];
    const state = { state: "open" as const, pr: 13, onBase: fresh };
    expect(keepOnBase(state, previous)).toBe(state);
    const plain = { state: "open" as const, pr: 13 };
    expect(keepOnBase(plain, { branch: "release-1.5", state: "pending" })).toBe(plain);
    expect(keepOnBase(plain, undefined)).toBe(plain);
  });
});
