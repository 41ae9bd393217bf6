import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  helmOrder,
  type Packaging,
  packageChart,
  walkOrder,
} from "../../../src/core/charts/package.js";

const CHART_YAML =
  "# Licence header\napiVersion: v2\nname: operator\nversion: 1.5.0-rc.0\nappVersion: 1.5.0-rc.0\n";

function files(entries: Record<string, string | Buffer>): Map<string, Uint8Array> {
  return new Map(
    Object.entries(entries).map(([path, data]) => [
      path,
      typeof data === "string" ? Buffer.from(data) : data,
    ]),
  );
}

function packaged(result: Packaging) {
  if (!result.ok) throw new Error(result.error);
  return result.chart;
}

/** What GNU tar lists in a .tgz, and one file's bytes. */
function gnuTar(tgz: Buffer, file?: string): string {
  return execFileSync("tar", file ? ["-xzO", file] : ["-tz"], { input: tgz, encoding: "utf8" });
}

const OPERATOR = {
  "Chart.yaml": CHART_YAML,
  "values.yaml": "image:\n  tag: ''\n",
  "values.schema.json": "{}",
  "Chart.lock": "dependencies: []\n",
  ".helmignore": "# Patterns to ignore\n*.tmp\nci/\n",
  "README.md": "# operator\n",
  "templates/deployment.yaml": "kind: Deployment\n",
  "templates/_helpers.tpl": "{{/* helpers */}}\n",
  "templates/.dotfile": "hidden\n",
  "templates/tests/test-connection.yaml": "kind: Pod\n",
  "crds/jobs.yaml": "kind: CustomResourceDefinition\n",
  "ci/values-ci.yaml": "ci: true\n",
  "notes.tmp": "scratch\n",
  "charts/redis-17.0.0.tgz": Buffer.from([1, 2, 3]),
  "charts/redis-17.0.0.tgz.prov": "signature\n",
  "charts/common/Chart.yaml": "apiVersion: v2\nname: common\nversion: 0.1.0\n",
  "charts/common/templates/_names.tpl": "{{/* names */}}\n",
  "charts/_scratch/notes.txt": "not a chart\n",
  "charts/.cache/x": "cache\n",
};

describe("packageChart", () => {
  it("lays the chart out under its name in Helm's order, .helmignore honoured", () => {
    const chart = packaged(packageChart(files(OPERATOR)));
    expect(chart.fileName).toBe("operator-1.5.0-rc.0.tgz");
    expect(chart.name).toBe("operator");
    expect(chart.version).toBe("1.5.0-rc.0");
    expect(chart.paths).toEqual([
      "operator/Chart.yaml",
      "operator/Chart.lock",
      "operator/values.yaml",
      "operator/values.schema.json",
      "operator/templates/_helpers.tpl",
      "operator/templates/deployment.yaml",
      "operator/templates/tests/test-connection.yaml",
      "operator/.helmignore",
      "operator/README.md",
      "operator/charts/redis-17.0.0.tgz.prov",
      "operator/crds/jobs.yaml",
      "operator/charts/common/Chart.yaml",
      "operator/charts/common/templates/_names.tpl",
      "operator/charts/redis-17.0.0.tgz",
    ]);
    expect(gnuTar(chart.tgz).trim().split("\n")).toEqual(chart.paths);
  });

  it("writes Chart.yaml as Helm does and every other file with its bytes", () => {
    const chart = packaged(packageChart(files(OPERATOR)));
    expect(gnuTar(chart.tgz, "operator/Chart.yaml")).toBe(
      "apiVersion: v2\nappVersion: 1.5.0-rc.0\nname: operator\nversion: 1.5.0-rc.0\n",
    );
    expect(gnuTar(chart.tgz, "operator/values.yaml")).toBe("image:\n  tag: ''\n");
    expect(gnuTar(chart.tgz, "operator/charts/common/Chart.yaml")).toBe(
      "apiVersion: v2\nname: common\nversion: 0.1.0\n",
    );
    expect(chart.metadata).toEqual({
      apiVersion: "v2",
      name: "operator",
      version: "1.5.0-rc.0",
      appVersion: "1.5.0-rc.0",
    });
  });

  it("gives the same bytes for the same files, whatever order they come in", () => {
    const first = packaged(packageChart(files(OPERATOR)));
    const reversed = new Map([...files(OPERATOR)].reverse());
    const second = packaged(packageChart(reversed));
    expect(second.tgz.equals(first.tgz)).toBe(true);
    expect(first.digest).toBe(createHash("sha256").update(first.tgz).digest("hex"));
    expect(gunzipSync(first.tgz).equals(first.tar)).toBe(true);
    // gzip: no name, no time, "unknown" system, so no machine shows in the bytes.
    expect([...first.tgz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect([...first.tgz.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(first.tgz[9]).toBe(255);
    const changed = packaged(packageChart(files({ ...OPERATOR, "README.md": "# other\n" })));
    expect(changed.digest).not.toBe(first.digest);
  });

  it("drops a UTF-8 byte order mark as Helm's loader does", () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const chart = packaged(
      packageChart(
        files({
          "Chart.yaml": Buffer.concat([bom, Buffer.from(CHART_YAML)]),
          "values.yaml": Buffer.concat([bom, Buffer.from("a: 1\n")]),
          "x.bin": Buffer.from([0xef, 0xbb]),
        }),
      ),
    );
    expect(gnuTar(chart.tgz, "operator/values.yaml")).toBe("a: 1\n");
    expect(chart.tar.includes(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(chart.tar.includes(Buffer.from([0xef, 0xbb, 0]))).toBe(true);
  });

  it.each([
    [{ "values.yaml": "a: 1\n" }, "the chart has no Chart.yaml"],
    [{ "Chart.yaml": CHART_YAML, ".helmignore": "Chart.yaml\n" }, "the chart has no Chart.yaml"],
    [{ "Chart.yaml": "apiVersion: v2\nname: x\n" }, "chart.metadata.version is required"],
    [
      { "Chart.yaml": CHART_YAML, ".helmignore": "a/**\n" },
      ".helmignore line 1 `a/**`: Helm does not support the double-star (**) syntax",
    ],
    [
      { "Chart.yaml": CHART_YAML, "values.schema.json": "{" },
      "values.schema.json is not valid JSON",
    ],
  ])("refuses what Helm refuses: %j", (chart, error) => {
    expect(packageChart(files(chart as Record<string, string>))).toEqual({ ok: false, error });
  });

  it("packages an empty values.yaml: no document is not a broken one", () => {
    const chart = packageChart(files({ "Chart.yaml": CHART_YAML, "values.yaml": "" }));
    expect(packaged(chart).paths).toEqual(["operator/Chart.yaml", "operator/values.yaml"]);
  });

  it("refuses values.yaml that is not YAML, and ignores what .helmignore drops", () => {
    const broken = packageChart(files({ "Chart.yaml": CHART_YAML, "values.yaml": "a: [\n" }));
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^values\.yaml is not valid YAML: /);
    const ignored = packageChart(
      files({
        "Chart.yaml": CHART_YAML,
        "values.yaml": "a: [\n",
        "values.schema.json": "{",
        ".helmignore": "values.*\n",
      }),
    );
    expect(packaged(ignored).paths).toEqual(["operator/Chart.yaml", "operator/.helmignore"]);
  });
});

describe("walkOrder", () => {
  it("sorts directory by directory, byte-wise", () => {
    expect(["a-b", "a/b", "a/a/z", "B", "a.txt", "a"].sort(walkOrder)).toEqual([
      "B",
      "a",
      "a/a/z",
      "a/b",
      "a-b",
      "a.txt",
    ]);
    expect(walkOrder("x", "x")).toBe(0);
    expect(walkOrder("a/b", "a")).toBeGreaterThan(0);
    expect(walkOrder("a", "a/b")).toBeLessThan(0);
  });
});

describe("helmOrder", () => {
  it("puts the leading files first in Helm's order, whichever exist", () => {
    expect(helmOrder(["values.yaml", "a.md", "Chart.yaml", "templates/x"])).toEqual([
      "Chart.yaml",
      "values.yaml",
      "templates/x",
      "a.md",
    ]);
  });

  it("sorts each group, puts signatures among the other files, dependencies last, skips charts/_* and charts/.*", () => {
    expect(
      helmOrder([
        "charts/y.tgz",
        "templates/b.yaml",
        "z.md",
        "charts/_local.tgz",
        "charts/x.tgz",
        "charts/.hidden",
        "templates/a.yaml",
        "charts/x.tgz.prov",
        "b.md",
      ]),
    ).toEqual([
      "templates/a.yaml",
      "templates/b.yaml",
      "b.md",
      "charts/x.tgz.prov",
      "z.md",
      "charts/x.tgz",
      "charts/y.tgz",
    ]);
  });
});
