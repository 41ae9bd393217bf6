import { describe, expect, it } from "vitest";
import { escapeRegExp } from "../../../src/core/text/regexp.js";

describe("escapeRegExp", () => {
  it("makes every special character match itself and nothing else", () => {
    const text = "v{version}.*+?^$()|[]\\-rc";
    const pattern = new RegExp(`^${escapeRegExp(text)}$`);
    expect(pattern.test(text)).toBe(true);
    expect(pattern.test("v1.0.0-rc")).toBe(false);
    expect(escapeRegExp("release-1.5")).toBe("release-1\\.5");
    expect(new RegExp(escapeRegExp("a.b")).test("axb")).toBe(false);
  });
});
