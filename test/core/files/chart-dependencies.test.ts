import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config.js";
import { setLocalDependencies } from "../../../src/core/files/chart-dependencies.js";
import { selectVersionFiles } from "../../../src/core/files/targets.js";

const PARENT = `apiVersion: v2
name: kueue
version: 0.14.0
dependencies:
  # The CRDs ship as their own chart.
  - name: kueue-crds
    version: "~0.14.0"   # kept in step by release-bot
    repository: file://../kueue-crds
  - name: redis
    version: 17.0.0
    repository: https://charts.bitnami.com/bitnami
`;

describe("a parent chart's local dependencies", () => {
  const managed = new Set(["charts/kueue", "charts/kueue-crds"]);

  it("moves a managed dependency's constraint, keeping its operator, quotes and comment", () => {
    const result = setLocalDependencies(PARENT, "charts/kueue/Chart.yaml", managed, "0.15.0-rc.0");
    expect(result).toEqual({
      ok: true,
      text: PARENT.replace('"~0.14.0"', '"~0.15.0-rc.0"'),
    });
  });

  it("leaves dependencies on remote or unmanaged charts alone", () => {
    const result = setLocalDependencies(PARENT, "charts/kueue/Chart.yaml", new Set(), "0.15.0");
    expect(result).toEqual({ ok: true, text: PARENT });
  });

  it("refuses a range it cannot keep faithfully, naming the file", () => {
    const ranged = PARENT.replace('"~0.14.0"', '">=0.14.0 <0.15.0"');
    expect(setLocalDependencies(ranged, "charts/kueue/Chart.yaml", managed, "0.15.0")).toEqual({
      ok: false,
      error:
        'charts/kueue/Chart.yaml: the dependency on file://../kueue-crds has the version constraint ">=0.14.0 <0.15.0", which is not one version with an optional operator (~, ^, >=, =); write it as "~X.Y.Z" so the bot can keep it matching',
    });
  });
});

describe("the constraints a local dependency may have", () => {
  const managed = new Set(["charts/kueue", "charts/kueue-crds"]);
  const parent = (version: string, repository = "file://../kueue-crds") =>
    `name: kueue\ndependencies:\n  - name: kueue-crds\n    version: ${version}\n    repository: ${repository}\n`;
  const moved = (text: string) =>
    setLocalDependencies(text, "charts/kueue/Chart.yaml", managed, "10.11.0-rc.1");

  it("keeps any single operator, or none, and replaces versions of any length", () => {
    const cases: [string, string][] = [
      ["0.14.0", "10.11.0-rc.1"],
      ["'>=0.14.0'", "'>=10.11.0-rc.1'"],
      ["'>0.14'", "'>10.11.0-rc.1'"],
      ["'<=9'", "'<=10.11.0-rc.1'"],
      ["=0.14.0", "=10.11.0-rc.1"],
      ["^10.10.0-rc.10", "^10.11.0-rc.1"],
      ["v0.14.0", "10.11.0-rc.1"],
      ['"~ 0.14.0 "', '"~ 10.11.0-rc.1"'],
    ];
    for (const [before, after] of cases) {
      expect(moved(parent(before))).toEqual({ ok: true, text: parent(after) });
    }
  });

  it("follows a repository path written with a trailing slash", () => {
    const text = parent("~0.14.0", "file://../kueue-crds/");
    expect(moved(text)).toEqual({
      ok: true,
      text: parent("~10.11.0-rc.1", "file://../kueue-crds/"),
    });
  });

  it("leaves a chart without dependencies, and entries it cannot read, as they are", () => {
    const plain = "name: kueue\nversion: 0.14.0\n";
    expect(moved(plain)).toEqual({ ok: true, text: plain });
    const odd = "dependencies:\n  - kueue-crds\n  - name: redis\n    version: 1.0.0\n";
    expect(moved(odd)).toEqual({ ok: true, text: odd });
  });

  it("refuses a constraint written as a block scalar, naming the file", () => {
    const text =
      "dependencies:\n  - version: |\n      ~0.14.0\n    repository: file://../kueue-crds\n";
    expect(moved(text)).toEqual({
      ok: false,
      error:
        "`dependencies.0.version` in charts/kueue/Chart.yaml is a block scalar (| or >); write it on one line",
    });
  });
});

describe("vendored subcharts", () => {
  const tree = [
    "charts/app/Chart.yaml",
    "charts/app/charts/redis/Chart.yaml",
    "charts/other/Chart.yaml",
  ];
  const charts = (config = defaultConfig) =>
    selectVersionFiles(config, tree).targets.map((target) => target.path);

  it("are left out of the default glob", () => {
    expect(charts()).toEqual(["charts/app/Chart.yaml", "charts/other/Chart.yaml"]);
  });

  it("are versioned with charts.subcharts", () => {
    const config = { ...defaultConfig, charts: { ...defaultConfig.charts, subcharts: true } };
    expect(charts(config)).toEqual([
      "charts/app/Chart.yaml",
      "charts/app/charts/redis/Chart.yaml",
      "charts/other/Chart.yaml",
    ]);
  });

  it("are versioned when named by path", () => {
    const config = {
      ...defaultConfig,
      charts: { ...defaultConfig.charts, paths: ["charts/app/charts/redis/Chart.yaml"] },
    };
    expect(charts(config)).toEqual(["charts/app/charts/redis/Chart.yaml"]);
  });
});
