import semver from "semver";
import { describe, expect, it } from "vitest";
import {
  countedVersions,
  isOnBranch,
  MAX_STRAY_TAGS,
  type StrayTag,
  strayNamed,
} from "../../../src/core/line/stray-tags.js";

const v = (version: string) => semver.parse(version) as semver.SemVer;
const stray = (version: string): StrayTag => ({
  version: v(version),
  tag: `v${version}`,
  commit: "a".repeat(40),
});

describe("isOnBranch", () => {
  it("counts a tag the branch contains: ahead of it, or at it", () => {
    expect(isOnBranch("ahead")).toBe(true);
    expect(isOnBranch("identical")).toBe(true);
  });

  it("does not count a tag on another branch, or on a commit after the branch's head", () => {
    expect(isOnBranch("diverged")).toBe(false);
    expect(isOnBranch("behind")).toBe(false);
  });
});

describe("countedVersions", () => {
  it("leaves the strays out and keeps the rest oldest first", () => {
    const counted = countedVersions(
      [v("1.5.0-rc.1"), v("1.5.0-rc.0"), v("1.5.0-rc.3")],
      [stray("1.5.0-rc.3")],
    );
    expect(counted.map((x) => x.version)).toEqual(["1.5.0-rc.0", "1.5.0-rc.1"]);
  });

  it("keeps every version without strays", () => {
    expect(countedVersions([v("1.5.0"), v("1.5.0-rc.0")], []).map((x) => x.version)).toEqual([
      "1.5.0-rc.0",
      "1.5.0",
    ]);
  });
});

describe("strayNamed", () => {
  it("finds the stray whose name the next release would take", () => {
    expect(strayNamed("v1.5.0-rc.1", [stray("1.5.0-rc.3"), stray("1.5.0-rc.1")])?.tag).toBe(
      "v1.5.0-rc.1",
    );
  });

  it("is null when the name is free", () => {
    expect(strayNamed("v1.5.0-rc.1", [stray("1.5.0-rc.3")])).toBeNull();
    expect(strayNamed("v1.5.0-rc.1", [])).toBeNull();
  });
});

describe("MAX_STRAY_TAGS", () => {
  it("looks at a few tags, not the whole line", () => {
    expect(MAX_STRAY_TAGS).toBe(3);
  });
});
