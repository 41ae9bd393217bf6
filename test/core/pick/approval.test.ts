import { describe, expect, it } from "vitest";
import {
  approvedByRow,
  awaitingTargets,
  holdUnapproved,
  labelAdders,
  requestVerdict,
} from "../../../src/core/pick/approval.js";
import { decideRequest, decideRequestFromBranch } from "../../../src/core/pick/decision.js";
import { parseStatus, renderStatus, type TargetEntry } from "../../../src/core/pick/status.js";
import { withdrawsRequest } from "../../../src/core/pick/status-decision.js";
import { summarize } from "../../../src/core/pick/summary.js";

const link = (n: number) => `#${n}`;
const target = { branch: "release-1.5", link };
const waiting: TargetEntry = {
  branch: "release-1.5",
  state: "awaiting",
  requester: "ana",
  label: "cherry-pick-approved",
};
const unapproved = { approved: false as const, requester: "ana", label: "cherry-pick-approved" };

describe("labelAdders", () => {
  it("names who added each label the pull request carries now, by lower-case name", () => {
    const adders = labelAdders([
      { event: "labeled", label: "Cherry-Pick/release-1.5", actor: "rita" },
      { event: "labeled", label: "kind/bug", actor: "ana" },
      { event: "unlabeled", label: "cherry-pick/release-1.5", actor: "rita" },
      { event: "labeled", label: "cherry-pick/release-1.5", actor: "lead" },
      { event: "labeled", label: "cherry-pick-approved", actor: "rita" },
      { event: "unlabeled", label: "kind/bug", actor: "ana" },
      { event: "labeled", label: "cherry-pick-approved", actor: null },
    ]);
    expect([...adders]).toEqual([["cherry-pick/release-1.5", "lead"]]);
  });
});

describe("requestVerdict", () => {
  it("approves a request by an approver, or one an approver's approval label covers", () => {
    const base = { requester: "ana", approvalLabel: "cherry-pick-approved" };
    expect(requestVerdict({ ...base, requesterApproves: true, approvedByLabel: false })).toEqual({
      approved: true,
    });
    expect(requestVerdict({ ...base, requesterApproves: false, approvedByLabel: true })).toEqual({
      approved: true,
    });
    expect(requestVerdict({ ...base, requesterApproves: false, approvedByLabel: false })).toEqual(
      unapproved,
    );
  });
});

describe("approvedByRow", () => {
  it("takes a pending row or a pick made as approved, and nothing else", () => {
    expect(approvedByRow({ branch: "b", state: "pending" })).toBe(true);
    expect(approvedByRow({ branch: "b", state: "open", pr: 3 })).toBe(true);
    expect(approvedByRow(waiting)).toBe(false);
    expect(approvedByRow({ branch: "b", state: "missing", releaseBranches: [] })).toBe(false);
    expect(approvedByRow(undefined)).toBe(false);
  });
});

describe("holdUnapproved", () => {
  it("records a wait naming the requester and the approval label", () => {
    expect(holdUnapproved(target, undefined, unapproved)).toEqual({
      action: "record",
      report: {
        branch: "release-1.5",
        state: waiting,
        summary:
          "`release-1.5` waits for an approver: add `cherry-pick-approved` or comment `/cherry-pick release-1.5`",
      },
    });
    const failed: TargetEntry = { branch: "release-1.5", state: "failed", reason: "boom" };
    expect(holdUnapproved(target, failed, unapproved).action).toBe("record");
  });

  it("keeps a row that says more: a pick made, a conflict, or the same wait", () => {
    const open: TargetEntry = { branch: "release-1.5", state: "open", pr: 12 };
    expect(holdUnapproved(target, open, unapproved)).toEqual({
      action: "keep",
      report: { branch: "release-1.5", state: open, summary: "`release-1.5`: #12 is already open" },
    });
    const other = { ...unapproved, requester: "zed" };
    expect(holdUnapproved(target, waiting, other)).toMatchObject({
      action: "keep",
      report: { state: waiting },
    });
  });
});

describe("awaitingTargets", () => {
  it("lists the branches waiting for an approver", () => {
    expect(
      awaitingTargets([
        waiting,
        { branch: "release-1.4", state: "pending" },
        { ...waiting, branch: "release-1.3" },
      ]),
    ).toEqual(["release-1.5", "release-1.3"]);
  });
});

describe("requests on an open pull request", () => {
  it("keeps a wait for an unapproved request and redoes it for an approved one", () => {
    expect(decideRequest(target, waiting, false).action).toBe("keep");
    expect(decideRequest(target, waiting, true)).toEqual({ action: "read-branch" });
    expect(decideRequest(target, waiting).action).toBe("read-branch");
    expect(decideRequest(target, { branch: "release-1.5", state: "pending" }, true).action).toBe(
      "keep",
    );
  });

  it("records an unapproved request on an existing branch as waiting", () => {
    expect(decideRequestFromBranch(target, true, 7, unapproved)).toEqual({
      action: "report",
      report: {
        branch: "release-1.5",
        state: { state: "awaiting", requester: "ana", label: "cherry-pick-approved" },
        summary:
          "`release-1.5` waits for an approver: add `cherry-pick-approved` or comment `/cherry-pick release-1.5`",
      },
    });
    expect(decideRequestFromBranch(target, false, 7, unapproved)).toEqual({
      action: "report-missing",
    });
    expect(decideRequestFromBranch(target, true, 7)).toMatchObject({
      report: { state: { state: "pending" }, summary: "`release-1.5` is picked when #7 is merged" },
    });
  });

  it("withdraws a wait with its label", () => {
    expect(withdrawsRequest(waiting)).toBe(true);
    expect(withdrawsRequest({ branch: "b", state: "open", pr: 1 })).toBe(false);
    expect(withdrawsRequest(undefined)).toBe(false);
  });
});

describe("the waiting row", () => {
  it("is rendered without mentioning anyone and read back from the comment", () => {
    const tricky: TargetEntry = { ...waiting, requester: "@ana|x" };
    const body = renderStatus({ targets: [tricky] }, { labelPrefix: "cherry-pick/" });
    expect(body).toContain(
      "| `release-1.5` | ✋ Waiting for an approver: add `cherry-pick-approved` or comment `/cherry-pick release-1.5` (asked for by `@ana\\|x`). |",
    );
    expect(body).not.toContain('"@ana');
    expect(parseStatus(body).targets).toEqual([tricky]);
  });

  it("says only the command when no approval label is configured", () => {
    const bare: TargetEntry = { ...waiting, label: "" };
    expect(renderStatus({ targets: [bare] }, { labelPrefix: "cherry-pick/" })).toContain(
      "| `release-1.5` | ✋ Waiting for an approver: comment `/cherry-pick release-1.5` (asked for by `ana`). |",
    );
    expect(summarize(bare, link)).toBe(
      "`release-1.5` waits for an approver: comment `/cherry-pick release-1.5`",
    );
  });
});
