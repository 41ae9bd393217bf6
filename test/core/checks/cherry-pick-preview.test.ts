import { describe, expect, it } from "vitest";
import {
  previewCheckName,
  previewResult,
  previewUnknown,
  previewWithdrawn,
} from "../../../src/core/checks/cherry-pick-preview.js";
import type { PathMerge } from "../../../src/core/pick/merge/file.js";

const HEAD = "5".repeat(40);
const hunk = (at: number, count: number) => ({
  resultStart: 1,
  resultEnd: 5,
  ours: { at, count: 1 },
  theirs: { at, count },
});

describe("the cherry-pick preview", () => {
  it("has a run of its own per target branch", () => {
    expect(previewCheckName("release-1.5")).toBe("cherry-pick preview (release-1.5)");
  });

  it("passes when every path merges cleanly", () => {
    const merges: PathMerge[] = [
      { path: "a.go", clean: true, content: "x" },
      { path: "b.go", clean: true, content: "unchanged" },
    ];
    expect(previewResult({ branch: "release-1.5", branchHead: HEAD, merges })).toEqual({
      conclusion: "success",
      title: "applies cleanly to `release-1.5`",
      summary:
        "The changes of this pull request (2 files) merge with `release-1.5` at `555555555555` without a conflict: once this pull request is merged, release-bot opens its pick.",
      annotations: [],
    });
  });

  it("fails naming the files and their lines, with an annotation at each conflict", () => {
    const merges: PathMerge[] = [
      {
        path: "a.go",
        clean: false,
        kind: "content",
        content: "",
        hunks: [hunk(39, 13), hunk(79, 1)],
      },
      { path: "b.go", clean: false, kind: "modify/delete", content: "", hunks: [] },
      { path: "logo.png", clean: false, kind: "binary", content: null, hunks: [] },
      { path: "c.go", clean: false, kind: "content", content: "", hunks: [hunk(10, 0)] },
      { path: "ok.go", clean: true, content: "x" },
    ];
    const result = previewResult({ branch: "release-1.5", branchHead: HEAD, merges });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe(
      "conflicts on `release-1.5` in `a.go` (lines 40–52, line 80), `b.go`, `logo.png` and 1 more",
    );
    expect(result.summary).toBe(
      [
        `Picked onto \`release-1.5\` at \`${HEAD.slice(0, 12)}\` as it is now, this pull request would conflict:`,
        "",
        "- `a.go`: 2 conflicts (lines 40–52, line 80)",
        "- `b.go`: deleted on one side and changed on the other",
        "- `logo.png`: a binary file changed on both sides",
        "- `c.go`: 1 conflict (line 10)",
        "",
        "When it is merged, release-bot opens a draft pull request into `release-1.5` holding the pick with the conflicts marked, to resolve in the browser or locally. To avoid the conflict, pick the change `release-1.5` lacks first, or adapt this pull request; this check runs again on every push here and whenever `release-1.5` moves.",
      ].join("\n"),
    );
    expect(result.annotations).toEqual([
      {
        path: "a.go",
        line: 40,
        endLine: 52,
        level: "failure",
        title: "Conflict with the release branch",
        message: "lines 40–52 of this change conflict with what the release branch has here.",
      },
      expect.objectContaining({ path: "a.go", line: 80 }),
      expect.objectContaining({
        path: "b.go",
        line: 1,
        message: "This file was deleted on one side and changed on the other.",
      }),
      expect.objectContaining({ path: "logo.png", line: 1 }),
      expect.objectContaining({ path: "c.go", line: 10 }),
    ]);
    expect(result.annotations[4]).not.toHaveProperty("endLine");
  });

  it("names up to three conflicting files in its title with no count", () => {
    const merges: PathMerge[] = ["a", "b", "c"].map((path) => ({
      path,
      clean: false,
      kind: "modify/delete",
      content: "",
      hunks: [],
    }));
    expect(previewResult({ branch: "release-1.5", branchHead: HEAD, merges }).title).toBe(
      "conflicts on `release-1.5` in `a`, `b`, `c`",
    );
  });

  it("says when it cannot tell, and when no pick is requested any more, neither passing nor failing", () => {
    expect(previewUnknown("release-1.5", "Too many files.")).toEqual({
      conclusion: "neutral",
      title: "could not preview the pick onto `release-1.5`",
      summary:
        "Too many files. The pick is made when this pull request is merged; a conflict then opens a draft pull request to resolve it.",
      annotations: [],
    });
    expect(previewWithdrawn("release-1.5")).toEqual({
      conclusion: "neutral",
      title: "no pick onto `release-1.5` is requested",
      summary:
        "The pick onto `release-1.5` was withdrawn (its label was removed), so nothing is previewed.",
      annotations: [],
    });
  });
});
