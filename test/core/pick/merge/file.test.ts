import { describe, expect, it } from "vitest";
import { decideByIds, isBinaryText, mergePath } from "../../../../src/core/pick/merge/file.js";
import { classify, splitLines } from "../../../../src/core/pick/merge/lines.js";
import { pickOptions } from "../../../../src/core/pick/merge/merge3.js";
import { roughSqrt } from "../../../../src/core/pick/merge/myers.js";

const options = pickOptions("release-1.5", "1a2b3c4d5e6f (Fix)");
const path = "pkg/a.go";

describe("the merge of one path of a pick", () => {
  it("keeps our version when their side did not change it or changed it as we did", () => {
    expect(mergePath({ path, base: "a\n", ours: "b\n", theirs: "a\n" }, options)).toEqual({
      path,
      clean: true,
      content: "unchanged",
    });
    expect(mergePath({ path, base: "a\n", ours: "b\n", theirs: "b\n" }, options)).toEqual({
      path,
      clean: true,
      content: "unchanged",
    });
    expect(mergePath({ path, base: "a\n", ours: null, theirs: null }, options)).toMatchObject({
      clean: true,
      content: "unchanged",
    });
  });

  it("takes their version, or their deletion, when our side did not change the path", () => {
    expect(mergePath({ path, base: "a\n", ours: "a\n", theirs: "c\n" }, options)).toEqual({
      path,
      clean: true,
      content: "c\n",
    });
    expect(mergePath({ path, base: "a\n", ours: "a\n", theirs: null }, options)).toEqual({
      path,
      clean: true,
      content: null,
    });
    expect(mergePath({ path, base: null, ours: null, theirs: "new\n" }, options)).toEqual({
      path,
      clean: true,
      content: "new\n",
    });
  });

  it("merges texts changed on both sides", () => {
    expect(
      mergePath({ path, base: "a\nb\nc\n", ours: "A\nb\nc\n", theirs: "a\nb\nC\n" }, options),
    ).toEqual({
      path,
      clean: true,
      content: "A\nb\nC\n",
    });
    const conflict = mergePath({ path, base: "a\n", ours: "b\n", theirs: "c\n" }, options);
    expect(conflict).toMatchObject({
      clean: false,
      kind: "content",
      hunks: [{ resultStart: 1, resultEnd: 5 }],
    });
  });

  it("calls a path deleted on one side and changed on the other a conflict, its markers against nothing", () => {
    const deletedOurs = mergePath({ path, base: "a\n", ours: null, theirs: "c\n" }, options);
    expect(deletedOurs).toMatchObject({ clean: false, kind: "modify/delete" });
    expect(deletedOurs.content).toBe(
      "<<<<<<< release-1.5\n=======\nc\n>>>>>>> 1a2b3c4d5e6f (Fix)\n",
    );
    expect(mergePath({ path, base: "a\n", ours: "b\n", theirs: null }, options)).toMatchObject({
      clean: false,
      kind: "modify/delete",
    });
  });

  it("never merges binary contents changed on both sides", () => {
    expect(mergePath({ path, base: "a\0", ours: "b\0", theirs: "c\0" }, options)).toEqual({
      path,
      clean: false,
      kind: "binary",
      content: null,
      hunks: [],
    });
    expect(
      mergePath({ path, base: "a", ours: "b", theirs: { binary: true } }, options),
    ).toMatchObject({ kind: "binary" });
    // Two binary versions are never known to be equal here: only their blob ids tell.
    expect(
      mergePath({ path, base: "a", ours: { binary: true }, theirs: { binary: true } }, options),
    ).toMatchObject({ clean: false });
  });

  it("tells binary as git does: a NUL in the first 8000 characters", () => {
    expect(isBinaryText(`${"x".repeat(7999)}\0`)).toBe(true);
    expect(isBinaryText(`${"x".repeat(8000)}\0`)).toBe(false);
  });
});

describe("what blob ids decide before any text is read", () => {
  it("ours stays, theirs is taken, or the texts merge", () => {
    expect(decideByIds({ base: "1", ours: "2", theirs: "2" })).toBe("ours");
    expect(decideByIds({ base: "1", ours: "2", theirs: "1" })).toBe("ours");
    expect(decideByIds({ base: null, ours: null, theirs: null })).toBe("ours");
    expect(decideByIds({ base: "1", ours: "1", theirs: "3" })).toBe("theirs");
    expect(decideByIds({ base: "1", ours: "1", theirs: null })).toBe("theirs");
    expect(decideByIds({ base: "1", ours: "2", theirs: "3" })).toBe("merge");
    expect(decideByIds({ base: null, ours: "2", theirs: "3" })).toBe("merge");
  });
});

describe("lines as git's diff sees them", () => {
  it("each keeps its line end; the last may have none; an empty text has none", () => {
    expect(splitLines("a\r\nb\n\nc")).toEqual(["a\r\n", "b\n", "\n", "c"]);
    expect(splitLines("a\n")).toEqual(["a\n"]);
    expect(splitLines("")).toEqual([]);
  });

  it("equal lines get equal numbers across texts", () => {
    const [a, b] = classify(["x\n", "y\n", "x\n"], ["y\n", "z"]);
    expect([...(a ?? [])]).toEqual([0, 1, 0]);
    expect([...(b ?? [])]).toEqual([1, 2]);
  });

  it("git's square root estimate doubles for every two bits", () => {
    expect([0, 1, 3, 4, 15, 16, 255, 256, 65535, 65536].map(roughSqrt)).toEqual([
      1, 2, 2, 4, 4, 8, 16, 32, 256, 512,
    ]);
  });
});
