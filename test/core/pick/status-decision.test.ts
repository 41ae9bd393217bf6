import { describe, expect, it } from "vitest";
import type { PickStatus, TargetEntry, TargetState } from "../../../src/core/pick/status.js";
import {
  changesStatus,
  closedPickState,
  failedLabelChange,
  isSettled,
  recordsOutcome,
  resolvesLastConflict,
  withdrawnAtMerge,
  withdrawsRequest,
} from "../../../src/core/pick/status-decision.js";

const conflict: TargetState = {
  state: "conflict",
  conflict: {
    pickBranch: "cherry-pick-7-to-release-1.4",
    commits: ["c1"],
    at: "c1",
    files: [],
    moreFiles: false,
    source: "master",
    number: 7,
    title: "[release-1.4] Fix",
  },
};

const entry = (branch: string, state: TargetState): TargetEntry => ({ branch, ...state });
const status = (...targets: TargetEntry[]): PickStatus => ({ targets });

describe("isSettled", () => {
  it("settles a pick made, refused by a maintainer, or needing a person; not a request or a failure", () => {
    const states: Array<[TargetState, boolean]> = [
      [{ state: "open", pr: 1 }, true],
      [{ state: "merged", pr: 1 }, true],
      [{ state: "closed", pr: 1 }, true],
      [{ state: "already" }, true],
      [{ state: "branch", pickBranch: "p" }, true],
      [conflict, true],
      [{ state: "pending" }, false],
      [{ state: "missing", releaseBranches: [] }, false],
      [{ state: "failed", reason: "x" }, false],
    ];
    for (const [state, settled] of states)
      expect([state.state, isSettled(state)]).toEqual([state.state, settled]);
  });
});

describe("recordsOutcome", () => {
  it("records every state reached, but not a missing branch named in a command", () => {
    const missing: TargetState = { state: "missing", releaseBranches: [] };
    expect(recordsOutcome(missing, "merged")).toBe(true);
    expect(recordsOutcome(missing, "label")).toBe(true);
    expect(recordsOutcome(missing, "command")).toBe(false);
    expect(recordsOutcome({ state: "failed", reason: "x" }, "command")).toBe(true);
    expect(recordsOutcome({ state: "open", pr: 3 }, "command")).toBe(true);
  });

  it("records nothing for an outcome without a state (dry run)", () => {
    expect(recordsOutcome(null, "merged")).toBe(false);
  });
});

describe("withdrawnAtMerge", () => {
  const before = status(
    entry("release-1.3", { state: "pending" }),
    entry("release-1.4", { state: "pending" }),
    entry("release-1.2", { state: "missing", releaseBranches: [] }),
  );

  it("drops at the merge the pending rows no label asks for any more", () => {
    expect(withdrawnAtMerge(before, ["release-1.4"], "merged")).toEqual(["release-1.3"]);
  });

  it("drops nothing on a label or a command, which name only some targets", () => {
    expect(withdrawnAtMerge(before, ["release-1.4"], "label")).toEqual([]);
    expect(withdrawnAtMerge(before, [], "command")).toEqual([]);
  });
});

describe("changesStatus", () => {
  const before = status(entry("release-1.5", { state: "open", pr: 20 }));

  it("is false when every change is already what the comment holds", () => {
    expect(changesStatus(before, new Map([["release-1.5", { state: "open", pr: 20 }]]))).toBe(
      false,
    );
    expect(changesStatus(before, new Map([["release-1.4", null]]))).toBe(false);
    expect(changesStatus(before, new Map())).toBe(false);
  });

  it("is true for a new row, a changed one, or a row removed", () => {
    expect(changesStatus(before, new Map([["release-1.4", { state: "already" }]]))).toBe(true);
    expect(changesStatus(before, new Map([["release-1.5", { state: "merged", pr: 20 }]]))).toBe(
      true,
    );
    expect(changesStatus(before, new Map([["release-1.5", null]]))).toBe(true);
  });
});

describe("failedLabelChange", () => {
  const withConflict = status(entry("release-1.4", conflict));
  const without = status(entry("release-1.4", { state: "open", pr: 21 }));

  it("adds the label for a conflict, removes it once none is left", () => {
    expect(failedLabelChange({ status: withConflict, changed: true, hasLabel: false })).toBe("add");
    expect(failedLabelChange({ status: without, changed: true, hasLabel: true })).toBe("remove");
  });

  it("leaves the label as it is when it already matches", () => {
    expect(failedLabelChange({ status: withConflict, changed: true, hasLabel: true })).toBe("none");
    expect(failedLabelChange({ status: without, changed: true, hasLabel: false })).toBe("none");
  });

  it("leaves the label alone when the delivery changed nothing", () => {
    expect(failedLabelChange({ status: withConflict, changed: false, hasLabel: false })).toBe(
      "none",
    );
    expect(failedLabelChange({ status: without, changed: false, hasLabel: true })).toBe("none");
  });
});

describe("closedPickState", () => {
  const merged = { number: 20, merged: true };
  const closed = { number: 20, merged: false };

  it("changes nothing on a pull request without a status comment", () => {
    expect(closedPickState({ hasComment: false, previous: undefined }, merged)).toBeNull();
  });

  it("changes nothing when the row records another pick pull request", () => {
    const previous = entry("release-1.5", { state: "open", pr: 19 });
    expect(closedPickState({ hasComment: true, previous }, merged)).toBeNull();
  });

  it("records the pick pull request merged or closed", () => {
    const previous = entry("release-1.5", { state: "open", pr: 20 });
    expect(closedPickState({ hasComment: true, previous }, merged)).toEqual({
      state: "merged",
      pr: 20,
    });
    expect(closedPickState({ hasComment: true, previous }, closed)).toEqual({
      state: "closed",
      pr: 20,
    });
  });

  it("records a conflict picked by hand, or a row not there yet", () => {
    const previous = entry("release-1.5", conflict);
    expect(closedPickState({ hasComment: true, previous }, merged)).toEqual({
      state: "merged",
      pr: 20,
    });
    expect(closedPickState({ hasComment: true, previous: undefined }, closed)).toEqual({
      state: "closed",
      pr: 20,
    });
  });
});

describe("resolvesLastConflict", () => {
  const previous = entry("release-1.5", conflict);
  const resolved = status(entry("release-1.5", { state: "merged", pr: 20 }));

  it("is true when the merged pick resolves the last conflict", () => {
    expect(resolvesLastConflict(previous, { merged: true }, resolved)).toBe(true);
  });

  it("is false while another conflict is left, when closed unmerged, or when there was no conflict", () => {
    const other = status(...resolved.targets, entry("release-1.4", conflict));
    expect(resolvesLastConflict(previous, { merged: true }, other)).toBe(false);
    expect(resolvesLastConflict(previous, { merged: false }, resolved)).toBe(false);
    const open = entry("release-1.5", { state: "open", pr: 20 });
    expect(resolvesLastConflict(open, { merged: true }, resolved)).toBe(false);
  });
});

describe("withdrawsRequest", () => {
  it("withdraws a pending request or a missing branch, nothing else", () => {
    expect(withdrawsRequest(entry("release-1.5", { state: "pending" }))).toBe(true);
    expect(withdrawsRequest(entry("release-9.9", { state: "missing", releaseBranches: [] }))).toBe(
      true,
    );
    expect(withdrawsRequest(entry("release-1.5", { state: "open", pr: 20 }))).toBe(false);
    expect(withdrawsRequest(entry("release-1.5", { state: "failed", reason: "x" }))).toBe(false);
    expect(withdrawsRequest(undefined)).toBe(false);
  });
});
