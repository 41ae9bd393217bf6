import { describe, expect, it } from "vitest";
import {
  conflictMarkersResult,
  findConflictMarkers,
} from "../../../src/core/checks/conflict-markers.js";

describe("conflict marker lines", () => {
  it("are the seven-character lines git writes around a conflict, `=======` and `|||||||` only inside one", () => {
    const text = [
      "Title",
      "=======",
      "<<<<<<< release-1.5",
      "ours",
      "||||||| base",
      "base",
      "=======",
      "theirs",
      ">>>>>>> 1a2b3c4d5e6f (Fix)",
      "=======",
      "<<<<<<<",
      "=======\r",
      ">>>>>>>",
    ].join("\n");
    expect(findConflictMarkers(text)).toEqual([
      { line: 3, marker: "<<<<<<<" },
      { line: 5, marker: "|||||||" },
      { line: 7, marker: "=======" },
      { line: 9, marker: ">>>>>>>" },
      { line: 11, marker: "<<<<<<<" },
      { line: 12, marker: "=======" },
      { line: 13, marker: ">>>>>>>" },
    ]);
  });

  it("are not longer runs, runs followed by text, nor indented ones", () => {
    expect(
      findConflictMarkers("<<<<<<<< eight\n<<<<<<<x\n <<<<<<< indented\n>>>>>>>>\nx >>>>>>> y\n"),
    ).toEqual([]);
  });
});

describe("the conflict markers check", () => {
  it("fails with the files, the lines, and an annotation at each", () => {
    const result = conflictMarkersResult({
      files: [
        {
          path: "a.go",
          markers: [
            { line: 3, marker: "<<<<<<<" },
            { line: 5, marker: "=======" },
          ],
        },
        { path: "b.md", markers: [] },
      ],
      checked: 2,
      unchecked: ["big.json"],
    });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("2 conflict markers in `a.go`");
    expect(result.summary).toContain("- `a.go`: lines 3, 5");
    expect(result.summary).toContain("Not read (1): `big.json`.");
    expect(result.annotations).toEqual([
      {
        path: "a.go",
        line: 3,
        level: "failure",
        title: "Conflict marker",
        message:
          "A <<<<<<< conflict marker: keep the lines this file needs and delete the marker lines.",
      },
      expect.objectContaining({ path: "a.go", line: 5 }),
    ]);
  });

  it("names three files in its title and counts the rest", () => {
    const marked = ["a", "b", "c", "d", "e"].map((path) => ({
      path,
      markers: [{ line: 1, marker: ">>>>>>>" as const }],
    }));
    expect(conflictMarkersResult({ files: marked, checked: 5, unchecked: [] }).title).toBe(
      "5 conflict markers in `a`, `b`, `c` and 2 more",
    );
  });

  it("passes when no changed text file holds one", () => {
    expect(
      conflictMarkersResult({ files: [{ path: "a.go", markers: [] }], checked: 1, unchecked: [] }),
    ).toEqual({
      conclusion: "success",
      title: "No conflict markers",
      summary: "No changed text file holds a conflict marker (1 file read).",
      annotations: [],
    });
  });
});
