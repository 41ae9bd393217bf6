import { describe, expect, it } from "vitest";
import { compileGoGlob, goGlobMatch } from "../../../src/core/charts/go-glob.js";

describe("goGlobMatch (Go's filepath.Match)", () => {
  it.each([
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["abc", "ab", false],
    ["ab", "abc", false],
    ["*", "abc", true],
    ["*", "", true],
    ["*c", "abc", true],
    ["a*", "a", true],
    ["a*", "ab/c", false],
    ["a*/b", "abc/b", true],
    ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
    ["a*b?c*x", "abxbbxdbxebxczzx", true],
    ["a*b?c*x", "abxbbxdbxebxczzy", false],
    ["ab[c]", "abc", true],
    ["ab[b-d]", "abc", true],
    ["ab[e-g]", "abc", false],
    ["ab[^c]", "abc", false],
    ["ab[^b-d]", "abc", false],
    ["ab[^e-g]", "abc", true],
    ["a[^a]b", "a/b", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "ab", false],
    ["a?b", "a☺b", true],
    ["a[^a]b", "a☺b", true],
    ["a?b", "a/b", false],
    ["a*b", "a/b", false],
    ["[\\]a]", "]", true],
    ["[\\-]", "-", true],
    ["[x\\-]", "z", false],
    ["[a-b-c]", "c", false],
    ["[z-a]", "m", false],
    ["*x", "xxx", true],
    ["??", "ab", true],
    ["??", "a", false],
    ["[^a]", "^", true],
    ["", "", true],
    ["", "a", false],
  ])("%s against %s: %s", (pattern, name, expected) => {
    expect(goGlobMatch(pattern, name)).toBe(expected);
  });

  it.each(["[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[a-\\", "\\", "a\\", "[\\"])(
    "refuses the malformed pattern %s as Go's ErrBadPattern",
    (pattern) => {
      expect(compileGoGlob(pattern)).toEqual({ ok: false, error: "syntax error in pattern" });
      expect(goGlobMatch(pattern, "a")).toBe(false);
    },
  );

  it("reads a class of several ranges and single characters", () => {
    expect(compileGoGlob("[a-cx\\]]")).toEqual({
      ok: true,
      tokens: [
        {
          kind: "class",
          negated: false,
          ranges: [
            [97, 99],
            [120, 120],
            [93, 93],
          ],
        },
      ],
    });
  });
});
