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

  it("inside a block, are the middle lines alone: not text around seven `=`, a bare `|||||||` is one", () => {
    const text = ["<<<<<<< ours", "x=======", "=======x", "|||||||", ">>>>>>>x", ">>>>>>>"];
    expect(findConflictMarkers(text.join("\n"))).toEqual([
      { line: 1, marker: "<<<<<<<" },
      { line: 4, marker: "|||||||" },
      { line: 6, marker: ">>>>>>>" },
    ]);
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
    expect(result.summary).toBe(
      [
        "These files still hold lines git writes around a conflict:",
        "",
        "- `a.go`: lines 3, 5",
        "",
        "Resolve each conflict: keep the lines the file needs between `<<<<<<<` and `>>>>>>>`, delete the three marker lines, and push. This check turns green when no marker is left.",
        "",
        "Not read (1): `big.json`.",
      ].join("\n"),
    );
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

  it("names exactly three files with no count, and annotates at most 200 lines", () => {
    const many = Array.from({ length: 201 }, (_, i) => ({
      line: i + 1,
      marker: "=======" as const,
    }));
    const result = conflictMarkersResult({
      files: [
        { path: "a", markers: many },
        { path: "b", markers: [{ line: 1, marker: "<<<<<<<" }] },
        { path: "c", markers: [{ line: 2, marker: ">>>>>>>" }] },
      ],
      checked: 3,
      unchecked: [],
    });
    expect(result.title).toBe("203 conflict markers in `a`, `b`, `c`");
    expect(result.annotations).toHaveLength(200);
    expect(result.annotations.at(-1)).toMatchObject({ path: "a", line: 200 });
  });

  it("names 20 files it did not read, and says when there were more", () => {
    const paths = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);
    const summary = (n: number) =>
      conflictMarkersResult({ files: [], checked: 0, unchecked: paths(n) }).summary;
    const listed = paths(20)
      .map((p) => `\`${p}\``)
      .join(", ");
    expect(summary(20)).toBe(
      `No changed text file holds a conflict marker (0 files read).\n\nNot read (20): ${listed}.`,
    );
    expect(summary(21)).toBe(
      `No changed text file holds a conflict marker (0 files read).\n\nNot read (21): ${listed}, ….`,
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
