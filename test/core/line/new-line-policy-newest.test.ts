import { describe, expect, it } from "vitest";
import { decideNewLine } from "../../../src/core/line/new-line-policy.js";

const lines = (...list: Array<[number, number]>) =>
  list.map(([major, minor]) => ({ major, minor }));

describe("decideNewLine: which line is the newest, and what is next to it", () => {
  it("takes the highest major as the newest, in any order the lines are listed", () => {
    for (const existing of [lines([1, 5], [2, 1]), lines([2, 1], [1, 5])]) {
      expect(decideNewLine({ major: 2, minor: 2 }, existing, false)).toEqual({ ok: true });
      expect(decideNewLine({ major: 1, minor: 6 }, existing, false)).toEqual({
        ok: false,
        forceable: true,
        reason: "1.6 is older than the newest release line, 2.1",
      });
    }
  });

  it("calls a higher major with a lower minor ahead, not older", () => {
    expect(decideNewLine({ major: 2, minor: 3 }, lines([1, 5]), false)).toEqual({
      ok: false,
      forceable: true,
      reason:
        "2.3 is more than one step ahead of the newest release line, 1.5 (the next is `1.6` or `2.0`)",
    });
    expect(decideNewLine({ major: 2, minor: 6 }, lines([1, 5]), false).ok).toBe(false);
  });

  it("calls a lower major older, whatever its minor", () => {
    expect(decideNewLine({ major: 0, minor: 9 }, lines([1, 5]), false)).toEqual({
      ok: false,
      forceable: true,
      reason: "0.9 is older than the newest release line, 1.5",
    });
  });

  it("accepts the largest number tools can hold", () => {
    expect(decideNewLine({ major: 2 ** 31 - 1, minor: 0 }, [], false)).toEqual({ ok: true });
  });
});
