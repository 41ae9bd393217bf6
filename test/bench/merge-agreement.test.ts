import { describe, expect, it } from "vitest";
import { runMergeAgreement } from "../../bench/merge-agreement.js";
import { mergeAgreementChecks } from "../../bench/report.js";

describe("the bench row merge agreement with git", () => {
  it("prints N of M files and the clean-where-git-conflicts count, and passes", () => {
    const result = runMergeAgreement();
    const [row] = mergeAgreementChecks(result);
    expect(row?.measured).toMatch(
      new RegExp(`^${result.files} of ${result.files} files, clean-where-git-conflicts 0;`),
    );
    expect(row?.target.startsWith("merge agreement with git")).toBe(true);
    expect(row?.pass).toBe(true);
  });

  it("fails on a merge that calls clean what git conflicts on", () => {
    const [row] = mergeAgreementChecks({
      corpus: "x",
      cases: 1,
      files: 1000,
      agree: 999,
      cleanWhereGitConflicts: 1,
      bothClean: 10,
      sameBytes: 10,
      ms: 1,
    });
    expect(row?.pass).toBe(false);
  });
});
