/**
 * Every Chart.yaml of the real-world corpus (../shared/fixtures/charts, copied from public
 * operator projects) and of our own fixtures (test/fixtures/charts, the same shapes) goes through
 * a bump, checked byte for byte against an oracle that does not use the `yaml` package.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Config, parseConfig, type RawConfig } from "../../../src/config.js";
import { applyVersion, type FileChange } from "../../../src/core/files/apply.js";
import { bumpChart, type ChartFields, readChartVersions } from "../../../src/core/files/chart.js";
import { bumpReadmeBadges } from "../../../src/core/files/readme-badges.js";
import { selectVersionFiles } from "../../../src/core/files/targets.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

const SHARED = fileURLToPath(new URL("../../../../shared/fixtures/charts/", import.meta.url));
const LOCAL = fileURLToPath(new URL("../../fixtures/charts/", import.meta.url));
const sharedExists = existsSync(SHARED);

/** Files under `root`, as repository-style relative paths. */
function walk(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

function read(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}

/**
 * Where a top-level `key:` value sits, found line by line with a regular expression: the
 * independent oracle. Returns the offsets of the value between its quotes, if any.
 */
function valueSpan(text: string, key: string): { start: number; end: number } | undefined {
  const line = new RegExp(
    `^${key}:[ \\t]*(?:"([^"\\r\\n]*)"|'([^'\\r\\n]*)'|([^\\s#'"][^\\r\\n#]*?))[ \\t]*(?:#[^\\r\\n]*)?\\r?$`,
    "md",
  );
  const match = line.exec(text);
  const span = match?.indices?.[1] ?? match?.indices?.[2] ?? match?.indices?.[3];
  return span ? { start: span[0], end: span[1] } : undefined;
}

/** The expected bytes: the old text with each set value's characters, and only those, replaced. */
function expectedBump(text: string, fields: ChartFields): string {
  const edits: { start: number; end: number; value: string }[] = [];
  for (const key of ["version", "appVersion"] as const) {
    const value = fields[key];
    if (value === false) continue;
    const span = valueSpan(text, key);
    if (!span) throw new Error(`oracle: no ${key} line`);
    edits.push({ start: span.start, end: span.end, value });
  }
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((out, e) => out.slice(0, e.start) + e.value + out.slice(e.end), text);
}

/** The new values in the chart's own style: KServe keeps a `v` on the version, Kueue on appVersion. */
function newFields(text: string, version: string): ChartFields {
  const current = readChartVersions(text);
  const styled = (old: string | undefined) =>
    old === undefined ? false : `${old.startsWith("v") ? "v" : ""}${version}`;
  return { version: styled(current.version), appVersion: styled(current.appVersion) };
}

/** The badges line exactly as helm-docs' default template writes it. */
function helmDocsBadges(version: string, appVersion: string): string {
  const badge = (label: string, value: string) =>
    `![${label}: ${value}](https://img.shields.io/badge/${label}-${value.replaceAll("-", "--")}-informational?style=flat-square)`;
  return `${badge("Version", version)} ${badge("AppVersion", appVersion)}`;
}

function corpusSuite(root: string): void {
  const files = walk(root);
  const charts = files.filter((path) => path.endsWith("/Chart.yaml") || path === "Chart.yaml");

  it("has charts to test", () => {
    expect(charts.length).toBeGreaterThan(0);
  });

  describe.each(charts)("%s", (path) => {
    const text = read(root, path);

    it.each(["9.8.7-rc.1", "10.0.0", "0.0.1+build.5"])(
      "bumps to %s changing only the value bytes",
      (version) => {
        const fields = newFields(text, version);
        const result = bumpChart(text, fields);
        if (!result.ok) throw new Error(result.error);
        expect(result.text).toBe(expectedBump(text, fields));

        // Only the lines of the values changed differ.
        const before = text.split("\n");
        const after = result.text.split("\n");
        expect(after).toHaveLength(before.length);
        const changed = before.flatMap((line, i) =>
          line === after[i] ? [] : [line.replace(/:[\s\S]*/, "")],
        );
        expect(changed.sort()).toEqual(
          (["version", "appVersion"] as const).filter((k) => fields[k] !== false).sort(),
        );

        // Re-parsing gives the new values and every other key as it was.
        const oldDoc = parse(text);
        const newDoc = parse(result.text);
        expect(newDoc.version).toBe(fields.version === false ? oldDoc.version : fields.version);
        if (fields.appVersion !== false) expect(newDoc.appVersion).toBe(fields.appVersion);
        const { version: _v1, appVersion: _a1, ...oldRest } = oldDoc;
        const { version: _v2, appVersion: _a2, ...newRest } = newDoc;
        expect(newRest).toEqual(oldRest);

        // Twice is once.
        expect(bumpChart(result.text, fields)).toEqual({
          ok: true,
          text: result.text,
          changed: false,
          previous: fields.version,
        });
      },
    );

    it("changes nothing when the values are already set", () => {
      const current = readChartVersions(text);
      const fields: ChartFields = {
        version: current.version ?? false,
        appVersion: current.appVersion ?? false,
      };
      expect(bumpChart(text, fields)).toMatchObject({ ok: true, text, changed: false });
    });

    it("sets one field alone", () => {
      const fields: ChartFields = { version: "7.7.7", appVersion: false };
      const result = bumpChart(text, fields);
      expect(result.ok && result.text).toBe(expectedBump(text, fields));
    });
  });

  const readmes = charts
    .map((chart) => join(dirname(chart), "README.md").split(sep).join("/"))
    .filter((p) => files.includes(p));
  describe.each(readmes)("%s", (path) => {
    const text = read(root, path);
    const chart = read(root, path.replace(/README\.md$/, "Chart.yaml"));
    const current = readChartVersions(chart);
    const lines = text.split("\n");
    const badgeLine = lines.findIndex((line) => line.startsWith("![Version: "));

    // helm-docs' default template, or (our trailing-comments fixture) another style and colour.
    const helmDocsDefault =
      lines[badgeLine] === helmDocsBadges(current.version ?? "", current.appVersion ?? "");

    it.each(["9.8.7-rc.1", "10.0.0"])("shows %s exactly as helm-docs would", (version) => {
      const fields = newFields(chart, version);
      const bumped = bumpChart(chart, fields);
      if (!bumped.ok) throw new Error(bumped.error);
      const after = readChartVersions(bumped.text);
      const result = bumpReadmeBadges(text, after);
      const expected = [...lines];
      expected[badgeLine] = helmDocsDefault
        ? helmDocsBadges(after.version ?? "", after.appVersion ?? "")
        : (lines[badgeLine] ?? "")
            .replace(`Version: ${current.version}]`, `Version: ${after.version}]`)
            .replace(
              `Version-${current.version}-`,
              `Version-${after.version?.replaceAll("-", "--")}-`,
            )
            .replace(`AppVersion: ${current.appVersion}]`, `AppVersion: ${after.appVersion}]`)
            .replace(
              `AppVersion-${current.appVersion}-`,
              `AppVersion-${after.appVersion?.replaceAll("-", "--")}-`,
            );
      expect(result).toEqual({ text: expected.join("\n"), changed: true, found: true });
      expect(bumpReadmeBadges(result.text, after)).toMatchObject({ changed: false, found: true });
    });
  });
}

describe.skipIf(!sharedExists)(
  sharedExists
    ? "corpus: ../shared/fixtures/charts (real public charts)"
    : "corpus (../shared/fixtures absent: skipped)",
  () => {
    if (!sharedExists) {
      it.skip("../shared/fixtures/charts is absent; test/fixtures/charts covers the same shapes", () => {});
      return;
    }
    corpusSuite(SHARED);

    it("has helm-docs' default badges in every chart README", () => {
      const readmes = walk(SHARED).filter((path) => path.endsWith("/README.md"));
      expect(readmes.length).toBeGreaterThan(0);
      for (const path of readmes) {
        const chart = readChartVersions(read(SHARED, path.replace(/README\.md$/, "Chart.yaml")));
        expect(read(SHARED, path)).toContain(
          `\n${helmDocsBadges(chart.version ?? "", chart.appVersion ?? "")}\n`,
        );
      }
    });
  },
);

describe("corpus: test/fixtures/charts (own fixtures of the same shapes)", () => {
  it("kept their bytes through git (CRLF, BOM, no final newline)", () => {
    expect(read(LOCAL, "crlf/charts/crlf/Chart.yaml")).toMatch(/^\uFEFF[^\n]*\r\n/);
    expect(read(LOCAL, "single-quotes/charts/single/Chart.yaml").endsWith("'v0.1.0'")).toBe(true);
    expect(read(LOCAL, "trainer-like/VERSION")).toBe("v0.2.0");
  });

  corpusSuite(LOCAL);
});

/** A project folder of the corpus as a repository: path -> content. */
function project(root: string, name: string): Map<string, string> {
  const dir = join(root, name);
  return new Map(walk(dir).map((path) => [path, read(dir, path)]));
}

function config(raw: RawConfig): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

function release(
  files: Map<string, string>,
  cfg: Config,
  version: string,
): Map<string, FileChange> {
  const selected = selectVersionFiles(cfg, [...files.keys()]);
  expect(selected.errors).toEqual([]);
  const result = applyVersion(cfg, selected.targets, files, versionStrings(cfg, version));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  // Twice is once: the bumped repository needs no change.
  const bumped = new Map(files);
  for (const change of result.changes) bumped.set(change.path, change.content);
  const again = applyVersion(cfg, selected.targets, bumped, versionStrings(cfg, version));
  expect(again.ok && again.changes).toEqual([]);
  return new Map(result.changes.map((change) => [change.path, change]));
}

describe.skipIf(!sharedExists)(
  sharedExists
    ? "real projects with their configuration"
    : "real projects (../shared/fixtures absent: skipped)",
  () => {
    it("Spark Operator: chart and image 2.5.0, VERSION and tag v2.5.0 (the defaults)", () => {
      const files = project(SHARED, "spark-operator@HEAD");
      const changes = release(files, config({}), "2.5.0");
      const chart = "charts/spark-operator-chart/Chart.yaml";
      expect([...changes.keys()].sort()).toEqual([
        "VERSION",
        chart,
        "charts/spark-operator-chart/README.md",
      ]);
      expect(changes.get("VERSION")?.content).toBe("v2.5.0\n");
      expect(changes.get(chart)?.content).toBe(
        expectedBump(files.get(chart) ?? "", { version: "2.5.0", appVersion: "2.5.0" }),
      );
      expect(changes.get("charts/spark-operator-chart/README.md")?.content).toContain(
        helmDocsBadges("2.5.0", "2.5.0"),
      );
    });

    it("Spark Operator before the process: chart 1.4.5 and appVersion v1beta2-... both become the release", () => {
      const files = project(SHARED, "spark-operator@v1beta2-1.6.2-3.5.0");
      const changes = release(files, config({}), "2.0.0-rc.0");
      expect(
        parse(changes.get("charts/spark-operator-chart/Chart.yaml")?.content ?? ""),
      ).toMatchObject({
        version: "2.0.0-rc.0",
        appVersion: "2.0.0-rc.0",
      });
      expect(changes.get("charts/spark-operator-chart/README.md")?.content).toContain(
        helmDocsBadges("2.0.0-rc.0", "2.0.0-rc.0"),
      );
    });

    it("KServe: ten charts and the values versions keep the v", () => {
      const files = project(SHARED, "kserve");
      const cfg = config({
        charts: { version: "{tag}", appVersion: "{tag}" },
        values: [
          { path: "charts/kserve-resources/values.yaml", key: "kserve.version", format: "{tag}" },
          { path: "charts/*-resources/values.yaml", key: "kserve.version", format: "{tag}" },
        ],
      });
      const changes = release(files, cfg, "0.21.0-rc.0");
      const charts = [...changes.keys()].filter((p) => p.endsWith("Chart.yaml"));
      expect(charts).toHaveLength(10);
      for (const path of charts) {
        const before = files.get(path) ?? "";
        expect(changes.get(path)?.content).toBe(
          expectedBump(before, { version: "v0.21.0-rc.0", appVersion: "v0.21.0-rc.0" }),
        );
      }
      const values = "charts/kserve-resources/values.yaml";
      expect(changes.get(values)?.content).toBe(
        (files.get(values) ?? "").replace("  version: v0.20.0\n", "  version: v0.21.0-rc.0\n"),
      );
    });

    it("Kueue: version 0.20.0, quoted appVersion v0.20.0, the nested chart too", () => {
      const files = project(SHARED, "kueue");
      const cfg = config({
        charts: {
          paths: ["charts/**/Chart.yaml", "cmd/**/Chart.yaml"],
          version: "{version}",
          appVersion: "{tag}",
        },
      });
      const changes = release(files, cfg, "0.20.0");
      for (const path of [
        "charts/kueue/Chart.yaml",
        "cmd/experimental/kueue-populator/charts/kueue-populator/Chart.yaml",
      ]) {
        const after = changes.get(path)?.content ?? "";
        expect(after).toBe(
          expectedBump(files.get(path) ?? "", { version: "0.20.0", appVersion: "v0.20.0" }),
        );
        expect(after).toContain('appVersion: "v0.20.0"');
      }
    });

    it("Trainer: a chart without appVersion needs charts.appVersion: false", () => {
      const files = project(SHARED, "trainer");
      const selected = selectVersionFiles(config({}), [...files.keys()]);
      const strict = applyVersion(
        config({}),
        selected.targets,
        files,
        versionStrings(config({}), "2.4.0"),
      );
      expect(strict).toEqual({
        ok: false,
        errors: [
          "charts/kubeflow-trainer/Chart.yaml has no `appVersion` key; set `charts.appVersion: false` in .github/release-bot.yml to leave it out",
        ],
      });
      const changes = release(files, config({ charts: { appVersion: false } }), "2.4.0");
      expect(changes.get("VERSION")?.content).toBe("v2.4.0");
      expect(parse(changes.get("charts/kubeflow-trainer/Chart.yaml")?.content ?? "").version).toBe(
        "2.4.0",
      );
    });
  },
);
