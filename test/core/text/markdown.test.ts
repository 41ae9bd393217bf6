import { describe, expect, it } from "vitest";
import { inlineCode } from "../../../src/core/text/markdown.js";

describe("inlineCode", () => {
  it("shows user text as inline code", () => {
    expect(inlineCode("release-1.5")).toBe("`release-1.5`");
  });

  it("keeps backticks and line breaks from breaking out of the code span", () => {
    expect(inlineCode("a`b\r\nc\nd")).toBe("`a b  c d`");
  });

  it("cuts text longer than the limit, with an ellipsis within it", () => {
    expect(inlineCode("x".repeat(60))).toBe(`\`${"x".repeat(60)}\``);
    expect(inlineCode("x".repeat(61))).toBe(`\`${"x".repeat(59)}…\``);
    expect(inlineCode("abcdef", 5)).toBe("`abcd…`");
    expect(inlineCode("abcde", 5)).toBe("`abcde`");
  });
});
