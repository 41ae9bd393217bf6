import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { versionNotCarried } from "../../../src/core/files/read-back.js";
import type { VersionFileTarget } from "../../../src/core/files/targets.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

const parsed = parseConfig({});
if (!parsed.ok) throw new Error(parsed.error);
const config = parsed.config;
const strings = versionStrings(config, "1.5.0-rc.0");
const CHART: VersionFileTarget = {
  path: "charts/op/Chart.yaml",
  kind: "chart",
  setting: "charts.paths[0]",
};
const VERSION: VersionFileTarget = {
  path: "VERSION",
  kind: "version-file",
  setting: "versionFile.path",
  format: "{tag}",
};

describe("versionNotCarried", () => {
  it("is empty when every managed field carries the version", () => {
    const contents = new Map([
      [CHART.path, "version: 1.5.0-rc.0\nappVersion: 1.5.0-rc.0\n"],
      [VERSION.path, "v1.5.0-rc.0\n"],
    ]);
    expect(versionNotCarried(config, [CHART, VERSION], contents, strings)).toEqual([]);
  });

  it("names each file, line and value that does not carry it", () => {
    const contents = new Map([
      [CHART.path, "version: 1.5.0-rc.0\nappVersion: 1.4.2\n"],
      [VERSION.path, "v1.5.0-rc.0\n"],
    ]);
    expect(versionNotCarried(config, [CHART, VERSION], contents, strings)).toEqual([
      "`charts/op/Chart.yaml` line 2 reads `appVersion: 1.4.2`, not `appVersion: 1.5.0-rc.0`",
    ]);
  });

  it("quotes the line without its indentation", () => {
    const values: VersionFileTarget = {
      path: "charts/op/values.yaml",
      kind: "values",
      setting: "values[0]",
      key: "image.tag",
      format: "{image}",
    };
    const contents = new Map([[values.path, "image:\n  tag: 1.4.2\n"]]);
    expect(versionNotCarried(config, [values], contents, strings)).toEqual([
      "`charts/op/values.yaml` line 2 reads `tag: 1.4.2`, not `tag: 1.5.0-rc.0`",
    ]);
  });

  it("refuses a tree where no file is managed", () => {
    expect(versionNotCarried(config, [], new Map(), strings)).toEqual([
      "no file of the tree carries the version",
    ]);
  });

  it("passes on the edit's own error for a file that cannot be read as configured", () => {
    const contents = new Map([[CHART.path, "version: [1\n"]]);
    const [error] = versionNotCarried(config, [CHART], contents, strings);
    expect(error).toContain("charts/op/Chart.yaml is not valid YAML");
  });
});
