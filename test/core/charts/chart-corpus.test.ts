/**
 * Packaging and indexing checked against the real thing: every chart of the real-world corpus
 * (../shared/fixtures/charts, copied from public operator projects) and of our own fixtures
 * (test/fixtures) is packaged, its archive read back by GNU tar and compared with the chart's
 * directory; the entry for Kubeflow Spark Operator 2.3.0 is compared field by field with the one
 * its release workflow wrote with `helm repo index --merge` (../shared/fixtures/helm-index), and
 * re-adding it to that index gives the index back byte for byte but for `digest` and `generated`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  addToIndex,
  entryFields,
  type IndexEntry,
  readIndex,
} from "../../../src/core/charts/index-file.js";
import { type PackagedChart, packageChart } from "../../../src/core/charts/package.js";

const SHARED = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));
const LOCAL = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const sharedExists = existsSync(SHARED);

function walk(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

function chartDirectories(root: string): string[] {
  return walk(root)
    .filter((path) => path.endsWith("/Chart.yaml") || path === "Chart.yaml")
    .map((path) => join(root, dirname(path)));
}

function packageDirectory(dir: string): PackagedChart {
  const files = new Map(walk(dir).map((path) => [path, readFileSync(join(dir, path))]));
  const result = packageChart(files);
  if (!result.ok) throw new Error(`${dir}: ${result.error}`);
  return result.chart;
}

function gnuTarList(tgz: Buffer): string[] {
  return execFileSync("tar", ["-tz"], { input: tgz, encoding: "utf8" }).trim().split("\n");
}

function gnuTarRead(tgz: Buffer, path: string): string {
  return execFileSync("tar", ["-xzO", path], { input: tgz, encoding: "utf8" });
}

/** The 2.3.0 entry of Spark Operator's index, and the index without it (as before 2.3.0). */
function withoutEntry(text: string, name: string, version: string) {
  const lines = text.split("\n");
  const end = lines.indexOf(`    version: ${version}`);
  let start = end;
  while (!lines[start]?.startsWith("  - ")) start -= 1;
  const read = readIndex(text);
  const real = read.ok ? read.index.entries[name]?.find((e) => e.version === version) : undefined;
  return {
    real,
    before: [...lines.slice(0, start), ...lines.slice(end + 1)].join("\n"),
  };
}

const corpus = [
  ...(sharedExists ? chartDirectories(join(SHARED, "charts")) : []),
  ...chartDirectories(join(LOCAL, "charts")),
  join(LOCAL, "helm-package/operator"),
];

describe("packaging the chart corpus", () => {
  it("finds the corpus (../shared/fixtures is optional)", () => {
    if (!sharedExists) {
      console.warn(`../shared/fixtures is absent: the corpus is test/fixtures alone (${SHARED})`);
    }
    expect(corpus.length).toBeGreaterThanOrEqual(sharedExists ? 30 : 10);
  });

  it.each(corpus.map((dir) => [relative(join(LOCAL, ".."), dir), dir]))(
    "%s: the archive holds the chart directory under the chart's name, Chart.yaml first",
    (_name, dir) => {
      const chart = packageDirectory(dir);
      const metadata = parse(readFileSync(join(dir, "Chart.yaml"), "utf8").replace(/^\uFEFF/, ""));
      expect(chart.name).toBe(metadata.name);
      expect(chart.fileName).toBe(`${metadata.name}-${metadata.version}.tgz`);
      const listed = gnuTarList(chart.tgz);
      expect(listed[0]).toBe(`${chart.name}/Chart.yaml`);
      if (!existsSync(join(dir, ".helmignore"))) {
        // No .helmignore: every file but dot files among the templates (Helm's default rule).
        const expected = walk(dir).filter((path) => !/^templates\/\./.test(path));
        expect([...listed].sort()).toEqual(expected.map((path) => `${chart.name}/${path}`).sort());
      }
      const archived = parse(gnuTarRead(chart.tgz, `${chart.name}/Chart.yaml`));
      expect(archived.name).toBe(metadata.name);
      expect(archived.version).toBe(String(metadata.version));
      expect(packageDirectory(dir).digest).toBe(chart.digest);
    },
  );

  it("leaves out what the own fixture's .helmignore names, and keeps the rest in Helm's order", () => {
    const chart = packageDirectory(join(LOCAL, "helm-package/operator"));
    expect(gnuTarList(chart.tgz)).toEqual([
      "operator/Chart.yaml",
      "operator/values.yaml",
      "operator/templates/_helpers.tpl",
      "operator/templates/deployment.yaml",
      "operator/templates/tests/test-connection.yaml",
      "operator/.helmignore",
      "operator/README.md",
      "operator/crds/jobs.yaml",
      "operator/charts/common/Chart.yaml",
      "operator/charts/common/templates/_names.tpl",
    ]);
    expect(gnuTarRead(chart.tgz, "operator/templates/deployment.yaml")).toBe(
      readFileSync(join(LOCAL, "helm-package/operator/templates/deployment.yaml"), "utf8"),
    );
  });
});

describe("the index entry against a real index", () => {
  const cases = [
    ...(sharedExists
      ? [
          {
            label: "Kubeflow Spark Operator 2.3.0",
            chart: join(SHARED, "charts/spark-operator@v2.3.0/charts/spark-operator-chart"),
            index: join(SHARED, "helm-index/spark-operator-gh-pages-index.yaml"),
            url: "https://github.com/kubeflow/spark-operator/releases/download/v2.3.0/spark-operator-2.3.0.tgz",
          },
        ]
      : []),
    {
      label: "the own operator fixture 1.5.0-rc.0",
      chart: join(LOCAL, "helm-package/operator"),
      index: join(LOCAL, "helm-package/index.yaml"),
      url: "https://github.com/kubeflow/operator/releases/download/v1.5.0-rc.0/operator-1.5.0-rc.0.tgz",
    },
  ];

  it.each(cases.map((c) => [c.label, c]))(
    "%s: every field but created and digest is the one Helm wrote",
    (_label, c) => {
      const chart = packageDirectory(c.chart);
      const text = readFileSync(c.index, "utf8");
      const { real, before } = withoutEntry(text, chart.name, chart.version);
      expect(real).toBeDefined();
      const entry: IndexEntry = {
        metadata: chart.metadata,
        digest: chart.digest,
        url: c.url,
        created: String(real?.created),
      };
      const ours = entryFields(entry);
      const { created: _c, digest: _d, ...expected } = real as Record<string, unknown>;
      const { created: _oc, digest: _od, ...mine } = ours;
      expect(Object.keys(mine).sort()).toEqual(Object.keys(expected).sort());
      for (const key of Object.keys(expected))
        expect([key, mine[key]]).toEqual([key, expected[key]]);

      // Re-added to the index as it was before: the same bytes but the digest and `generated`.
      const generatedLine = text.split("\n").find((line) => line.startsWith("generated: "));
      const generated = JSON.parse(generatedLine?.slice("generated: ".length) ?? '""');
      const update = addToIndex(before, [entry], generated);
      expect(update.ok && update.rewritten).toBe(false);
      expect(update.ok && update.text).toBe(text.replace(String(real?.digest), chart.digest));
    },
  );
});
