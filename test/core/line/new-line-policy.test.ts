import { describe, expect, it } from "vitest";
import { decideNewLine } from "../../../src/core/line/new-line-policy.js";

const lines = (...list: Array<[number, number]>) =>
  list.map(([major, minor]) => ({ major, minor }));

describe("decideNewLine", () => {
  const existing = lines([1, 3], [1, 5], [1, 4]);

  it("opens the next minor or the next major's first minor", () => {
    expect(decideNewLine({ major: 1, minor: 6 }, existing, false)).toEqual({ ok: true });
    expect(decideNewLine({ major: 2, minor: 0 }, existing, false)).toEqual({ ok: true });
  });

  it("opens any line in a repository without release lines", () => {
    expect(decideNewLine({ major: 0, minor: 40 }, [], false)).toEqual({ ok: true });
  });

  it("refuses a line further ahead, saying which are next, unless forced", () => {
    expect(decideNewLine({ major: 1, minor: 7 }, existing, false)).toEqual({
      ok: false,
      forceable: true,
      reason:
        "1.7 is more than one step ahead of the newest release line, 1.5 (the next is `1.6` or `2.0`)",
    });
    expect(decideNewLine({ major: 2, minor: 1 }, existing, false).ok).toBe(false);
    expect(decideNewLine({ major: 3, minor: 0 }, existing, false).ok).toBe(false);
    expect(decideNewLine({ major: 1, minor: 7 }, existing, true)).toEqual({ ok: true });
  });

  it("refuses a line older than the newest, unless forced", () => {
    expect(decideNewLine({ major: 1, minor: 2 }, existing, false)).toEqual({
      ok: false,
      forceable: true,
      reason: "1.2 is older than the newest release line, 1.5",
    });
    expect(decideNewLine({ major: 0, minor: 9 }, existing, false).ok).toBe(false);
    expect(decideNewLine({ major: 1, minor: 2 }, existing, true)).toEqual({ ok: true });
  });

  it("refuses numbers past 2^31 - 1 even when forced", () => {
    const decision = decideNewLine({ major: 99999999999, minor: 1 }, [], true);
    expect(decision).toEqual({
      ok: false,
      forceable: false,
      reason:
        "99999999999.1 has a number past 2147483647, which tools read as 32-bit integers cannot hold",
    });
    expect(decideNewLine({ major: 1, minor: 2 ** 31 }, [], false).ok).toBe(false);
    expect(decideNewLine({ major: 1, minor: 2 ** 31 - 1 }, [], false).ok).toBe(true);
  });
});
