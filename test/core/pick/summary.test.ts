import { describe, expect, it } from "vitest";
import {
  cannotPickSummary,
  openedSummary,
  pendingRequestSummary,
  summarize,
} from "../../../src/core/pick/summary.js";

const link = (n: number) => `[#${n}](https://github.com/o/r/pull/${n})`;

describe("summarize", () => {
  it("says what each recorded state means for the branch", () => {
    const branch = "release-1.5";
    expect(summarize({ branch, state: "pending" }, link)).toBe(
      "`release-1.5` is picked when the pull request is merged",
    );
    expect(summarize({ branch, state: "missing", releaseBranches: ["release-1.4"] }, link)).toBe(
      "`release-1.5` does not exist; the release branches are `release-1.4`",
    );
    expect(summarize({ branch, state: "failed", reason: "GitHub answered 500: x" }, link)).toBe(
      "`release-1.5`: failed, GitHub answered 500: x",
    );
    expect(summarize({ branch, state: "open", pr: 4 }, link)).toBe(
      "`release-1.5`: [#4](https://github.com/o/r/pull/4) is already open",
    );
  });

  it("keeps user text inert: branch names in code spans, GitHub's words escaped", () => {
    expect(summarize({ branch: "a`b", state: "already" }, link)).toBe(
      "``a`b``: the changes are on the branch already, nothing to pick",
    );
    expect(summarize({ branch: "r", state: "failed", reason: "@team [x](y)" }, link)).toBe(
      "`r`: failed, @\u2060team \\[x\\]\\(y\\)",
    );
  });
});

describe("clauses of a pick", () => {
  it("says what was done, or why not", () => {
    expect(openedSummary("release-1.5", 9, link)).toBe(
      "`release-1.5`: opened [#9](https://github.com/o/r/pull/9)",
    );
    expect(cannotPickSummary("release-1.5", "merge commit x was not found")).toBe(
      "`release-1.5`: cannot pick, merge commit x was not found",
    );
    expect(pendingRequestSummary("release-1.5", 7)).toBe(
      "`release-1.5` is picked when #7 is merged",
    );
  });
});
