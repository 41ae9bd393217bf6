import semver from "semver";
import { describe, expect, it } from "vitest";
import { needsOtherLines, notesBaseline } from "../../../src/core/release/notes-baseline.js";

const versions = (...list: string[]) => list.map((v) => semver.parse(v) as semver.SemVer);
const baseline = (version: string, ...known: string[]) =>
  notesBaseline(version, versions(...known))?.version ?? null;

describe("notesBaseline", () => {
  it("a candidate starts from the tag before it in its line, candidate or final", () => {
    expect(baseline("1.5.0-rc.2", "1.5.0-rc.0", "1.5.0-rc.1")).toBe("1.5.0-rc.1");
    expect(baseline("1.5.1-rc.0", "1.5.0-rc.1", "1.5.0")).toBe("1.5.0");
    expect(baseline("1.5.0-rc.0")).toBeNull();
  });

  it("a patch final starts from the previous final, not from its own candidates", () => {
    expect(baseline("1.5.1", "1.5.0-rc.0", "1.5.0", "1.5.1-rc.0", "1.5.1-rc.1")).toBe("1.5.0");
  });

  it("the first final of a line starts from the newest final of an older line (v2.2.1...v2.3.0)", () => {
    expect(baseline("2.3.0", "2.2.0", "2.2.1", "2.3.0-rc.0", "2.3.0-rc.1", "2.4.0", "1.9.9")).toBe(
      "2.2.1",
    );
    expect(baseline("2.3.0", "2.3.0-rc.0")).toBeNull();
  });

  it("only the first final of a line needs the other lines' tags", () => {
    expect(needsOtherLines("2.3.0")).toBe(true);
    expect(needsOtherLines("2.3.1")).toBe(false);
    expect(needsOtherLines("2.3.0-rc.1")).toBe(false);
    expect(needsOtherLines("not a version")).toBe(false);
  });
});

describe("notesBaseline: edges", () => {
  it("has no baseline for a version it cannot read", () => {
    expect(baseline("not-a-version", "1.5.0")).toBeNull();
  });

  it("never starts a release's notes from the release itself", () => {
    expect(baseline("1.5.1", "1.5.0", "1.5.1")).toBe("1.5.0");
    expect(baseline("1.5.0-rc.1", "1.5.0-rc.0", "1.5.0-rc.1")).toBe("1.5.0-rc.0");
  });
});
