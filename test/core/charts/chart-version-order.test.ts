import { describe, expect, it } from "vitest";
import {
  compareChartVersions,
  normalChartVersion,
} from "../../../src/core/charts/chart-version-order.js";

describe("compareChartVersions", () => {
  it.each([
    ["1.5.0-rc.0", "1.5.0"],
    ["1.5.0-rc.1", "1.5.0-rc.10"],
    ["1.4.9", "1.5.0-rc.0"],
    ["v1.2", "1.2.1"],
    ["1", "1.0.1"],
    ["not-semver", "0.0.1"],
  ])("ranks %s older than %s", (older, newer) => {
    expect(compareChartVersions(older, newer)).toBeLessThan(0);
    expect(compareChartVersions(newer, older)).toBeGreaterThan(0);
  });

  it.each([
    ["1.2.0", "v1.2"],
    ["1.0.0+a", "1.0.0+b"],
    ["x", "y"],
  ])("ranks %s and %s the same", (a, b) => {
    expect(compareChartVersions(a, b)).toBe(0);
  });
});

describe("normalChartVersion", () => {
  it("fills missing numbers, drops the v and build metadata, keeps the pre-release", () => {
    expect(normalChartVersion("v1")).toBe("1.0.0");
    expect(normalChartVersion("1.2")).toBe("1.2.0");
    expect(normalChartVersion("1.2.3-rc.0+build.5")).toBe("1.2.3-rc.0");
    expect(normalChartVersion("1.2.3+build-5")).toBe("1.2.3");
    expect(normalChartVersion("1.2-beta")).toBe("1.2.0-beta");
    expect(normalChartVersion("1.x")).toBeNull();
    expect(normalChartVersion("v10.20.30-rc.1")).toBe("10.20.30-rc.1");
  });
});
