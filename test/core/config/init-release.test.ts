import { describe, expect, it } from "vitest";
import { bareVersion, findRelease, formatOf } from "../../../src/core/config/init-release.js";
import { chart, view } from "./repository.js";

describe("findRelease", () => {
  it("takes the version most places spell, VERSION winning a tie", () => {
    const found = findRelease(
      view(
        {
          VERSION: "v1.2.0\n",
          "charts/op/Chart.yaml": chart("1.1.0", "1.1.0"),
          "charts/other/Chart.yaml": chart("0.3.0"),
        },
        ["v1.2.0", "v1.0.0", "latest"],
      ),
    );
    expect(found).toEqual({
      version: "1.2.0",
      sources: ["VERSION `v1.2.0`", "the newest tag `v1.2.0`"],
      charts: [],
      otherCharts: [
        { path: "charts/op/Chart.yaml", version: "1.1.0", appVersion: "1.1.0" },
        { path: "charts/other/Chart.yaml", version: "0.3.0" },
      ],
      versionFile: "v1.2.0",
    });
  });

  it("prefers the charts over the newest tag, and leaves a vendored subchart out", () => {
    const found = findRelease(
      view(
        {
          "charts/op/Chart.yaml": chart("2.0.0", '"v2.0.0"'),
          "charts/op/charts/redis/Chart.yaml": chart("2.0.0"),
        },
        ["v2.1.0"],
      ),
    );
    expect(found?.version).toBe("2.0.0");
    expect(found?.charts.map((c) => c.path)).toEqual(["charts/op/Chart.yaml"]);
    expect(found?.sources).toEqual([
      "charts/op/Chart.yaml version `2.0.0`",
      "charts/op/Chart.yaml appVersion `v2.0.0`",
    ]);
    expect(found?.versionFile).toBeNull();
  });

  it("lets the charts outvote a VERSION file left behind, which is then not the release's", () => {
    const found = findRelease(
      view({ VERSION: "0.9.0\n", "charts/op/Chart.yaml": chart("1.0.0", "1.0.0") }),
    );
    expect(found).toEqual({
      version: "1.0.0",
      sources: ["charts/op/Chart.yaml version `1.0.0`", "charts/op/Chart.yaml appVersion `1.0.0`"],
      charts: [{ path: "charts/op/Chart.yaml", version: "1.0.0", appVersion: "1.0.0" }],
      otherCharts: [],
      versionFile: null,
    });
  });

  it("reads the newest tag however the tags are listed, and names it as written", () => {
    const found = findRelease(view({ "README.md": "hi" }, ["v0.9.0", "v1.0.0", "v0.10.0"]));
    expect(found?.version).toBe("1.0.0");
    expect(found?.sources).toEqual(["the newest tag `v1.0.0`"]);
  });

  it("manages a chart whose appVersion alone is the release (its version is its own)", () => {
    const found = findRelease(
      view({ VERSION: "1.2.0\n", "deploy/op/Chart.yaml": chart("0.4.2", "1.2.0") }),
    );
    expect(found?.charts).toEqual([
      { path: "deploy/op/Chart.yaml", version: "0.4.2", appVersion: "1.2.0" },
    ]);
    expect(found?.otherCharts).toEqual([]);
    expect(found?.sources).toEqual(["VERSION `1.2.0`", "deploy/op/Chart.yaml appVersion `1.2.0`"]);
  });

  it("reads a chart at the repository's root, and no file that only starts like Chart.yaml", () => {
    const found = findRelease(
      view({ "Chart.yaml": chart("0.5.0", "0.5.0"), "hack/Chart.yaml.tmpl": chart("9.9.9") }),
    );
    expect(found?.version).toBe("0.5.0");
    expect(found?.charts.map((c) => c.path)).toEqual(["Chart.yaml"]);
    expect(found?.otherCharts).toEqual([]);
  });

  it("is null when nothing spells a SemVer version", () => {
    expect(
      findRelease(view({ VERSION: "latest\n", "README.md": "1.0.0" }, ["nightly"])),
    ).toBeNull();
  });
});

describe("bareVersion and formatOf", () => {
  it("reads the SemVer a value spells, with or without v", () => {
    expect(bareVersion(" v1.2.3-rc.0\n")).toBe("1.2.3-rc.0");
    expect(bareVersion("1.2")).toBeNull();
    expect(bareVersion("1.2.3 ")).toBe("1.2.3");
    expect(bareVersion(undefined)).toBeNull();
    expect(formatOf("v1.2.3", "1.2.3")).toBe("v{version}");
    expect(formatOf(" 1.2.3", "1.2.3")).toBe("{version}");
    expect(formatOf("1.2.4", "1.2.3")).toBe(false);
    expect(formatOf(undefined, "1.2.3")).toBe(false);
  });

  it("drops only a leading v: a pre-release with a v in it stays as written", () => {
    expect(bareVersion("1.2.3-dev.1")).toBe("1.2.3-dev.1");
    expect(bareVersion("v1.2.3-dev.1")).toBe("1.2.3-dev.1");
  });
});
