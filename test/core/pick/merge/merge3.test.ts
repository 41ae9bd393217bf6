import { describe, expect, it } from "vitest";
import {
  type MergeOptions,
  mergeTexts,
  pickOptions,
} from "../../../../src/core/pick/merge/merge3.js";

const pick = pickOptions("release-1.5", "1a2b3c4d5e6f (Fix it)");
const fileLevel: MergeOptions = { ...pick, algorithm: "myers", level: "alnum" };
const lines = (...l: string[]) => l.map((x) => `${x}\n`).join("");

describe("a three-way merge, as git merges", () => {
  it("takes changes of both sides that do not touch", () => {
    const merged = mergeTexts(
      lines("a", "b", "c", "d", "e"),
      lines("a", "B", "c", "d", "e"),
      lines("a", "b", "c", "D", "e"),
      pick,
    );
    expect(merged).toEqual({ clean: true, text: lines("a", "B", "c", "D", "e"), conflicts: [] });
  });

  it("gives one side's text as it is when the other did not change", () => {
    const base = "x\r\ny";
    expect(mergeTexts(base, base, "x\r\nz", pick).text).toBe("x\r\nz");
    expect(mergeTexts(base, "w\r\ny", base, pick).text).toBe("w\r\ny");
  });

  it("takes the same change made on both sides once", () => {
    const merged = mergeTexts(
      lines("a", "b", "c"),
      lines("a", "B", "c"),
      lines("a", "B", "c"),
      pick,
    );
    expect(merged).toMatchObject({ clean: true, text: lines("a", "B", "c") });
  });

  it("marks a conflict with git's markers and says where it is in the result and on each side", () => {
    const merged = mergeTexts(
      lines("package x", "", "const T = 60", "", "func f() {}"),
      lines("package x", "", "const T = 90", "", "func f() {}"),
      lines("package x", "", "const T = 120", "", "func f() {}"),
      pick,
    );
    expect(merged.text).toBe(
      lines(
        "package x",
        "",
        "<<<<<<< release-1.5",
        "const T = 90",
        "=======",
        "const T = 120",
        ">>>>>>> 1a2b3c4d5e6f (Fix it)",
        "",
        "func f() {}",
      ),
    );
    expect(merged.conflicts).toEqual([
      { resultStart: 3, resultEnd: 7, ours: { at: 2, count: 1 }, theirs: { at: 2, count: 1 } },
    ]);
    expect(merged.clean).toBe(false);
  });

  it("narrows a conflict to the lines where the sides differ (the zealous level)", () => {
    const merged = mergeTexts(
      lines("a", "b", "c", "d", "e", "f", "g", "h"),
      lines("a", "X", "c", "-", "-", "-", "-", "Y", "h"),
      lines("a", "P", "c", "-", "-", "-", "-", "Q", "h"),
      pick,
    );
    expect(merged.text).toBe(
      lines(
        "a",
        "<<<<<<< release-1.5",
        "X",
        "=======",
        "P",
        ">>>>>>> 1a2b3c4d5e6f (Fix it)",
        "c",
        "-",
        "-",
        "-",
        "-",
        "<<<<<<< release-1.5",
        "Y",
        "=======",
        "Q",
        ">>>>>>> 1a2b3c4d5e6f (Fix it)",
        "h",
      ),
    );
    expect(merged.conflicts.map((c) => [c.resultStart, c.resultEnd])).toEqual([
      [2, 6],
      [12, 16],
    ]);
  });

  it("joins conflicts at most three lines apart, and (git merge-file's alnum level) those apart by lines without letters or digits", () => {
    const base = lines("a", "b", "c", "d", "e", "f", "g");
    const ours = lines("a", "X", "c", "d", "e", "Y", "g");
    const theirs = lines("a", "P", "c", "d", "e", "Q", "g");
    expect(mergeTexts(base, ours, theirs, pick).conflicts).toHaveLength(1);
    const dashes = [
      lines("a", "b", "-", "-", "-", "-", "g", "h"),
      lines("a", "X", "-", "-", "-", "-", "Y", "h"),
      lines("a", "P", "-", "-", "-", "-", "Q", "h"),
    ] as const;
    expect(mergeTexts(...dashes, pick).conflicts).toHaveLength(2);
    expect(mergeTexts(...dashes, fileLevel).conflicts).toHaveLength(1);
  });

  it("ends markers in CRLF in a CRLF file, and ends a side without a final line end before the next marker", () => {
    expect(
      mergeTexts(
        "one\r\ntwo\r\nthree\r\n",
        "one\r\n2\r\nthree\r\n",
        "one\r\nTWO\r\nthree\r\n",
        pick,
      ).text,
    ).toBe(
      "one\r\n<<<<<<< release-1.5\r\n2\r\n=======\r\nTWO\r\n>>>>>>> 1a2b3c4d5e6f (Fix it)\r\nthree\r\n",
    );
    expect(mergeTexts("x\ny", "x\nours", "x\ntheirs", pick).text).toBe(
      "x\n<<<<<<< release-1.5\nours\n=======\ntheirs\n>>>>>>> 1a2b3c4d5e6f (Fix it)\n",
    );
  });

  it("merges two additions to an empty base as a conflict of the whole texts", () => {
    const merged = mergeTexts(
      "",
      lines("# Notes", "", "Release."),
      lines("# Notes", "", "Master."),
      pick,
    );
    expect(merged.text).toBe(
      lines(
        "# Notes",
        "",
        "<<<<<<< release-1.5",
        "Release.",
        "=======",
        "Master.",
        ">>>>>>> 1a2b3c4d5e6f (Fix it)",
      ),
    );
  });
});
