import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Config, parseConfig, type RawConfig } from "../../../src/config.js";
import { applyVersion, type FileChange } from "../../../src/core/files/apply.js";
import { selectVersionFiles, type VersionFileTarget } from "../../../src/core/files/targets.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/charts/", import.meta.url));

/** A project folder of test/fixtures/charts as a repository: path -> content. */
function repo(project: string): Map<string, string> {
  const root = `${FIXTURES}${project}/`;
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(root, full).split(sep).join("/"), readFileSync(full, "utf8"));
  }
  return files;
}

function config(raw: RawConfig = {}): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

/** Select, then apply: what a release does with the repository. */
function release(files: Map<string, string>, cfg: Config, version: string) {
  const selected = selectVersionFiles(cfg, [...files.keys()]);
  expect(selected.errors).toEqual([]);
  return applyVersion(cfg, selected.targets, files, versionStrings(cfg, version));
}

function changesOf(result: ReturnType<typeof applyVersion>): Record<string, FileChange> {
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return Object.fromEntries(result.changes.map((change) => [change.path, change]));
}

/** Applies each changed file to the repository, as the commit would. */
function commit(
  files: Map<string, string>,
  result: ReturnType<typeof applyVersion>,
): Map<string, string> {
  const next = new Map(files);
  for (const change of Object.values(changesOf(result))) next.set(change.path, change.content);
  return next;
}

const SPARK_CHART = "charts/spark-like-chart/Chart.yaml";
const SPARK_README = "charts/spark-like-chart/README.md";
const SPARK_VALUES = "charts/spark-like-chart/values.yaml";

describe("selectVersionFiles", () => {
  it("finds Spark Operator's chart, its README and VERSION with the default configuration", () => {
    const files = repo("spark-like");
    const { targets, errors } = selectVersionFiles(config(), [...files.keys()]);
    expect(errors).toEqual([]);
    expect(targets).toEqual<VersionFileTarget[]>([
      { path: SPARK_CHART, kind: "chart", setting: "charts.paths[0]" },
      {
        path: SPARK_README,
        kind: "chart-readme",
        setting: "charts.readmeBadges",
        chart: SPARK_CHART,
      },
      { path: "VERSION", kind: "version-file", setting: "versionFile.path", format: "{tag}" },
    ]);
  });

  it("finds every chart of a repository, but not a nested chart outside the glob", () => {
    const paths = [...repo("kueue-like").keys()];
    expect(selectVersionFiles(config(), paths).targets.map((t) => t.path)).toEqual([
      "charts/kueue-like/Chart.yaml",
    ]);
    const both = config({ charts: { paths: ["charts/**/Chart.yaml", "cmd/**/Chart.yaml"] } });
    expect(
      selectVersionFiles(both, paths)
        .targets.map((t) => t.path)
        .sort(),
    ).toEqual([
      "charts/kueue-like/Chart.yaml",
      "cmd/experimental/populator/charts/populator/Chart.yaml",
    ]);
  });

  it("lists a chart matched by two globs once", () => {
    const cfg = config({
      charts: { paths: ["charts/**/Chart.yaml", "charts/kserve-like/Chart.yaml"] },
    });
    const paths = [...repo("kserve-like").keys()];
    expect(
      selectVersionFiles(cfg, paths)
        .targets.map((t) => t.path)
        .sort(),
    ).toEqual(["charts/kserve-like-crd/Chart.yaml", "charts/kserve-like/Chart.yaml"]);
  });

  it("accepts a chart directory, ./ prefixes and dot folders", () => {
    const paths = [".deploy/chart/Chart.yaml", "charts/a/Chart.yaml", "charts/a/templates/x.yaml"];
    const cfg = config({
      charts: { paths: ["./charts/a", ".deploy/**/Chart.yaml"] },
      versionFile: false,
    });
    expect(selectVersionFiles(cfg, paths)).toEqual({
      targets: [
        { path: "charts/a/Chart.yaml", kind: "chart", setting: "charts.paths[0]" },
        { path: ".deploy/chart/Chart.yaml", kind: "chart", setting: "charts.paths[1]" },
      ],
      errors: [],
    });
  });

  it("accepts the path of a Chart.yaml itself, and globs over dot folders for values and files", () => {
    const paths = ["charts/a/Chart.yaml", ".deploy/values.yaml", ".github/VERSION.txt"];
    const cfg = config({
      charts: { paths: ["/charts/a/Chart.yaml"] },
      versionFile: false,
      values: [{ path: "**/values.yaml", key: "image.tag" }],
      files: [{ path: "**/VERSION.txt", pattern: "^(.*)$" }],
    });
    expect(selectVersionFiles(cfg, paths).targets.map((t) => [t.path, t.setting])).toEqual([
      ["charts/a/Chart.yaml", "charts.paths[0]"],
      [".deploy/values.yaml", "values[0]"],
      [".github/VERSION.txt", "files[0]"],
    ]);
  });

  it("takes only Chart.yaml files from a broad glob", () => {
    const paths = ["charts/a/Chart.yaml", "charts/a/values.yaml", "charts/a/Chart.lock"];
    expect(selectVersionFiles(config({ charts: { paths: ["charts/**"] } }), paths).targets).toEqual(
      [{ path: "charts/a/Chart.yaml", kind: "chart", setting: "charts.paths[0]" }],
    );
  });

  it("skips README badges when charts.readmeBadges is false", () => {
    const paths = [...repo("spark-like").keys()];
    const kinds = selectVersionFiles(
      config({ charts: { readmeBadges: false } }),
      paths,
    ).targets.map((t) => t.kind);
    expect(kinds).toEqual(["chart", "version-file"]);
  });

  it("is fine with a VERSION file and no chart (an operator without a chart)", () => {
    expect(selectVersionFiles(config(), ["VERSION", "main.go"])).toEqual({
      targets: [
        { path: "VERSION", kind: "version-file", setting: "versionFile.path", format: "{tag}" },
      ],
      errors: [],
    });
  });

  it("refuses a selection of no file at all: the release would carry its version nowhere", () => {
    expect(selectVersionFiles(config(), ["go.mod", "main.go"])).toEqual({
      targets: [],
      errors: [
        'no file carries the version: `charts.paths` ["charts/**/Chart.yaml"] matches no Chart.yaml, `versionFile.path` "VERSION" does not exist, and `values` and `files` name nothing (the repository has no Chart.yaml)',
      ],
    });
  });

  it("says `versionFile` is off when it is, in the error of an empty selection", () => {
    expect(selectVersionFiles(config({ versionFile: false }), ["go.mod"]).errors).toEqual([
      'no file carries the version: `charts.paths` ["charts/**/Chart.yaml"] matches no Chart.yaml, `versionFile` is off, and `values` and `files` name nothing (the repository has no Chart.yaml)',
    ]);
  });

  it("names at most ten of the repository's charts in an error", () => {
    const charts = Array.from({ length: 12 }, (_, i) => `deploy/c${i + 1}/Chart.yaml`);
    const shown = charts
      .slice(0, 10)
      .map((path) => `\`${path}\``)
      .join(", ");
    expect(selectVersionFiles(config(), charts).errors).toEqual([
      `charts.paths[0] "charts/**/Chart.yaml" matches no Chart.yaml (the repository's Chart.yaml files: ${shown} and 2 more)`,
    ]);
  });

  it("leaves out a chart vendored by a top-level chart, not one nested elsewhere", () => {
    const tree = [
      "app/Chart.yaml",
      "app/charts/redis/Chart.yaml",
      "deploy/Chart.yaml",
      "deploy/examples/demo/Chart.yaml",
    ];
    const selected = selectVersionFiles(config({ charts: { paths: ["**/Chart.yaml"] } }), tree);
    expect(selected.targets.map((t) => t.path)).toEqual([
      "app/Chart.yaml",
      "deploy/Chart.yaml",
      "deploy/examples/demo/Chart.yaml",
    ]);
  });

  it("reads a path with repeated ./ prefixes", () => {
    const selected = selectVersionFiles(
      config({ values: [{ path: "././charts/a/values.yaml" }] }),
      ["charts/a/values.yaml", "VERSION"],
    );
    expect(selected.errors).toEqual([]);
    expect(selected.targets.map((t) => t.path)).toEqual(["VERSION", "charts/a/values.yaml"]);
  });

  it("refuses a chart glob that matches nothing while the repository has a chart elsewhere", () => {
    const paths = ["VERSION", "deploy/helm/my-operator/Chart.yaml"];
    expect(selectVersionFiles(config(), paths).errors).toEqual([
      'charts.paths[0] "charts/**/Chart.yaml" matches no Chart.yaml (the repository\'s Chart.yaml files: `deploy/helm/my-operator/Chart.yaml`)',
    ]);
  });

  it("adds values and extra files, every match of a glob", () => {
    const paths = [...repo("kserve-like").keys()];
    const cfg = config({
      values: [{ path: "charts/*/values.yaml", key: "kserve.version", format: "{tag}" }],
      files: [{ path: "Makefile", pattern: "^RELEASE_VERSION=(.*)$" }],
    });
    const { targets, errors } = selectVersionFiles(cfg, [...paths, "Makefile"]);
    expect(errors).toEqual([]);
    expect(targets.filter((t) => t.kind === "values" || t.kind === "pattern")).toEqual([
      {
        path: "charts/kserve-like/values.yaml",
        kind: "values",
        setting: "values[0]",
        key: "kserve.version",
        format: "{tag}",
      },
      {
        path: "Makefile",
        kind: "pattern",
        setting: "files[0]",
        pattern: "^RELEASE_VERSION=(.*)$",
        format: "{image}",
      },
    ]);
  });

  describe("errors", () => {
    it("a configured file or glob that matches nothing, naming the setting", () => {
      const cfg = config({
        charts: { paths: ["charts/x/Chart.yaml", "charts/**/Chart.yaml", "deploy/*/Chart.yaml"] },
        values: [{ path: "charts/x/values.yaml" }],
        files: [{ path: "docs/**/*.md", pattern: "version (\\S+)" }],
      });
      expect(selectVersionFiles(cfg, ["charts/a/Chart.yaml"]).errors).toEqual([
        'charts.paths[0] "charts/x/Chart.yaml" matches no Chart.yaml (the repository\'s Chart.yaml files: `charts/a/Chart.yaml`)',
        'charts.paths[2] "deploy/*/Chart.yaml" matches no Chart.yaml (the repository\'s Chart.yaml files: `charts/a/Chart.yaml`)',
        'values[0].path "charts/x/values.yaml" matches no file',
        'files[0].path "docs/**/*.md" matches no file',
      ]);
    });

    it("a non-glob chart path to a file that is not a Chart.yaml", () => {
      const cfg = config({ charts: { paths: ["charts/a/values.yaml"] } });
      expect(selectVersionFiles(cfg, ["charts/a/values.yaml"]).errors).toEqual([
        'charts.paths[0] "charts/a/values.yaml" matches no Chart.yaml (the repository has no Chart.yaml)',
      ]);
    });
  });
});

describe("applyVersion", () => {
  describe("Spark Operator: chart and image without v, VERSION and tag with it", () => {
    const files = repo("spark-like");
    const cfg = config(); // the defaults are Spark Operator's process

    it("bumps Chart.yaml, the README badges and VERSION, byte for byte", () => {
      const changes = changesOf(release(files, cfg, "1.2.0"));
      expect(Object.keys(changes).sort()).toEqual([SPARK_README, "VERSION", SPARK_CHART].sort());
      const chart = files.get(SPARK_CHART) ?? "";
      expect(changes[SPARK_CHART]).toEqual({
        path: SPARK_CHART,
        previous: chart,
        content: chart
          .replace("\nversion: 1.2.0-rc.0\n", "\nversion: 1.2.0\n")
          .replace("\nappVersion: 1.2.0-rc.0\n", "\nappVersion: 1.2.0\n"),
      });
      expect(changes.VERSION?.content).toBe("v1.2.0\n");
      const readme = files.get(SPARK_README) ?? "";
      expect(changes[SPARK_README]?.content).toBe(
        readme.replace(
          "![Version: 1.2.0-rc.0](https://img.shields.io/badge/Version-1.2.0--rc.0-informational?style=flat-square) ![AppVersion: 1.2.0-rc.0](https://img.shields.io/badge/AppVersion-1.2.0--rc.0-informational?style=flat-square)",
          "![Version: 1.2.0](https://img.shields.io/badge/Version-1.2.0-informational?style=flat-square) ![AppVersion: 1.2.0](https://img.shields.io/badge/AppVersion-1.2.0-informational?style=flat-square)",
        ),
      );
    });

    it("yields no change when run again on the bumped branch", () => {
      const bumped = commit(files, release(files, cfg, "1.3.0-rc.0"));
      const again = release(bumped, cfg, "1.3.0-rc.0");
      expect(again).toEqual({
        ok: true,
        changes: [],
        unchanged: [SPARK_CHART, SPARK_README, "VERSION"],
      });
    });

    it("sets the image tag in values.yaml when configured, keeping its quotes", () => {
      const withValues = config({
        values: [{ path: SPARK_VALUES }, { path: SPARK_VALUES, key: "hook.image.tag" }],
      });
      const changes = changesOf(release(files, withValues, "1.3.0-rc.1"));
      const values = files.get(SPARK_VALUES) ?? "";
      expect(changes[SPARK_VALUES]?.content).toBe(
        values
          .replace('  tag: ""', '  tag: "1.3.0-rc.1"')
          .replace('    tag: ""', '    tag: "1.3.0-rc.1"'),
      );
    });
  });

  describe("KServe: chart version, appVersion and values keep the v", () => {
    const files = repo("kserve-like");
    const cfg = config({
      charts: { version: "{tag}", appVersion: "{tag}" },
      values: [{ path: "charts/kserve-like/values.yaml", key: "kserve.version", format: "{tag}" }],
    });

    it("bumps every chart and the values version", () => {
      const changes = changesOf(release(files, cfg, "0.8.0-rc.0"));
      expect(Object.keys(changes).sort()).toEqual([
        "charts/kserve-like-crd/Chart.yaml",
        "charts/kserve-like/Chart.yaml",
        "charts/kserve-like/values.yaml",
      ]);
      for (const path of ["charts/kserve-like-crd/Chart.yaml", "charts/kserve-like/Chart.yaml"]) {
        const before = files.get(path) ?? "";
        expect(changes[path]?.content).toBe(before.replaceAll(": v0.7.0\n", ": v0.8.0-rc.0\n"));
        // `type: application ` keeps its trailing space.
        expect(changes[path]?.content).toContain("type: application \n");
      }
      expect(changes["charts/kserve-like/values.yaml"]?.content).toBe(
        (files.get("charts/kserve-like/values.yaml") ?? "").replace(
          "version: v0.7.0",
          "version: v0.8.0-rc.0",
        ),
      );
    });
  });

  describe("Kueue: bare chart version, quoted v-prefixed appVersion", () => {
    const files = repo("kueue-like");
    const cfg = config({
      charts: {
        paths: ["charts/**/Chart.yaml", "cmd/**/Chart.yaml"],
        version: "{version}",
        appVersion: "{tag}",
      },
      values: [
        {
          path: "charts/kueue-like/values.yaml",
          key: "controllerManager.manager.image.tag",
          format: "{tag}",
        },
      ],
      files: [{ path: "Makefile", pattern: "^RELEASE_VERSION=(\\S+)$", format: "{tag}" }],
    });

    it("bumps both charts, the values image tag and the Makefile", () => {
      const changes = changesOf(release(files, cfg, "0.4.0"));
      const chart = files.get("charts/kueue-like/Chart.yaml") ?? "";
      expect(changes["charts/kueue-like/Chart.yaml"]?.content).toBe(
        chart
          .replace("version: 0.3.1\n", "version: 0.4.0\n")
          .replace('appVersion: "v0.3.1"', 'appVersion: "v0.4.0"'),
      );
      const nested = "cmd/experimental/populator/charts/populator/Chart.yaml";
      const parsed = parse(changes[nested]?.content ?? "");
      expect([parsed.version, parsed.appVersion]).toEqual(["0.4.0", "v0.4.0"]);
      // The dependency range is not the chart's version and stays.
      expect(parsed.dependencies[0].version).toBe("~0.3.1");
      expect(changes["charts/kueue-like/values.yaml"]?.content).toContain("      tag: v0.4.0\n");
      expect(changes.Makefile?.content).toBe(
        (files.get("Makefile") ?? "").replace("=v0.3.1", "=v0.4.0"),
      );
    });

    it("is idempotent", () => {
      const bumped = commit(files, release(files, cfg, "0.4.0"));
      const again = release(bumped, cfg, "0.4.0");
      expect(again.ok && again.changes).toEqual([]);
    });
  });

  describe("Trainer: chart without appVersion", () => {
    const files = repo("trainer-like");

    it("bumps version alone with charts.appVersion: false and keeps VERSION without a newline", () => {
      const cfg = config({ charts: { appVersion: false } });
      const changes = changesOf(release(files, cfg, "0.3.0-rc.0"));
      expect(changes["charts/trainer-like/Chart.yaml"]?.content).toBe(
        (files.get("charts/trainer-like/Chart.yaml") ?? "").replace(
          "version: 0.2.0\n",
          "version: 0.3.0-rc.0\n",
        ),
      );
      expect(changes.VERSION?.content).toBe("v0.3.0-rc.0");
    });
  });

  describe("README badges follow the chart's new values", () => {
    it("shows an appVersion the configuration leaves alone", () => {
      const files = repo("spark-like");
      const cfg = config({ charts: { appVersion: false } });
      const changes = changesOf(release(files, cfg, "1.2.0"));
      expect(changes[SPARK_README]?.content).toContain(
        "![Version: 1.2.0](https://img.shields.io/badge/Version-1.2.0-informational?style=flat-square) ![AppVersion: 1.2.0-rc.0](https://img.shields.io/badge/AppVersion-1.2.0--rc.0-informational?style=flat-square)",
      );
    });

    it("keeps a README without badges unchanged", () => {
      const files = new Map([
        ["charts/a/Chart.yaml", "version: 1.0.0\nappVersion: 1.0.0\n"],
        ["charts/a/README.md", "# a\n"],
      ]);
      const result = release(files, config(), "1.1.0");
      expect(result.ok && result.unchanged).toEqual(["charts/a/README.md"]);
    });
  });

  describe("VERSION file", () => {
    const cases: [string, string][] = [
      ["v1.0.0\n", "v2.0.0-rc.0\n"],
      ["v1.0.0", "v2.0.0-rc.0"],
      ["v1.0.0\r\n", "v2.0.0-rc.0\r\n"],
      ["\uFEFFv1.0.0\n\n", "\uFEFFv2.0.0-rc.0\n\n"],
      ["", "v2.0.0-rc.0"],
    ];
    it.each(cases)("%j becomes %j", (before, after) => {
      const result = release(new Map([["VERSION", before]]), config(), "2.0.0-rc.0");
      expect(changesOf(result).VERSION?.content).toBe(after);
    });
  });

  describe("pattern files", () => {
    it("replaces group 1 of every match, line by line", () => {
      const doc =
        "Install v1.0.0:\n  helm install x --version 1.0.0\n  helm upgrade x --version 1.0.0\r\n";
      const cfg = config({ files: [{ path: "docs/*.md", pattern: "--version (\\S+)$" }] });
      const changes = changesOf(release(new Map([["docs/install.md", doc]]), cfg, "1.1.0"));
      expect(changes["docs/install.md"]?.content).toBe(
        doc.replaceAll("--version 1.0.0", "--version 1.1.0"),
      );
    });

    it("skips a match in which group 1 took no part", () => {
      const cfg = config({
        files: [{ path: "Makefile", pattern: "^(?:VERSION=(\\S+)|# VERSION)$" }],
      });
      const makefile = "# VERSION\nVERSION=1.0.0\n";
      const changes = changesOf(release(new Map([["Makefile", makefile]]), cfg, "1.1.0"));
      expect(changes.Makefile?.content).toBe("# VERSION\nVERSION=1.1.0\n");
    });

    it("uses the default formats and key for targets that name none", () => {
      const cfg = config({});
      const files = new Map([
        ["VERSION", "v1.0.0\n"],
        ["values.yaml", "image:\n  tag: 1.0.0\n"],
        ["Makefile", "TAG=1.0.0\n"],
      ]);
      const result = applyVersion(
        cfg,
        [
          { path: "VERSION", kind: "version-file", setting: "versionFile.path" },
          { path: "values.yaml", kind: "values", setting: "values[0]" },
          { path: "Makefile", kind: "pattern", setting: "files[0]", pattern: "^TAG=(.*)$" },
        ],
        files,
        versionStrings(cfg, "1.1.0-rc.0"),
      );
      const changes = changesOf(result);
      expect(changes.VERSION?.content).toBe("v1.1.0-rc.0\n");
      expect(changes["values.yaml"]?.content).toBe("image:\n  tag: 1.1.0-rc.0\n");
      expect(changes.Makefile?.content).toBe("TAG=1.1.0-rc.0\n");
    });

    it("refuses a pattern that is not a regular expression, naming the setting", () => {
      const cfg = config({});
      const target = {
        path: "Makefile",
        kind: "pattern",
        setting: "files[0]",
        pattern: "(",
      } as const;
      const result = applyVersion(
        cfg,
        [target],
        new Map([["Makefile", "x"]]),
        versionStrings(cfg, "1.1.0"),
      );
      expect(result).toEqual({
        ok: false,
        errors: [
          "Makefile: `files[0].pattern` in .github/release-bot.yml is not a valid regular expression (Invalid regular expression: /(/dgm: Unterminated group)",
        ],
      });
    });
  });

  describe("local dependencies between managed charts (charts.dependencies)", () => {
    const parent = (constraint: string) =>
      `name: kueue\nversion: 0.14.0\nappVersion: v0.14.0\ndependencies:\n  - name: kueue-crds\n    version: "${constraint}"\n    repository: file://../kueue-crds\n`;
    const crds = "name: kueue-crds\nversion: 0.14.0\nappVersion: v0.14.0\n";
    const files = (constraint: string) =>
      new Map([
        ["charts/kueue/Chart.yaml", parent(constraint)],
        ["charts/kueue-crds/Chart.yaml", crds],
      ]);

    it("move with the chart version when on, and stay as written when off", () => {
      const on = changesOf(
        release(files("~0.14.0"), config({ charts: { dependencies: true } }), "0.15.0"),
      );
      expect(on["charts/kueue/Chart.yaml"]?.content).toBe(
        parent("~0.15.0")
          .replace("version: 0.14.0", "version: 0.15.0")
          .replace("v0.14.0", "0.15.0"),
      );
      const off = changesOf(release(files("~0.14.0"), config(), "0.15.0"));
      expect(off["charts/kueue/Chart.yaml"]?.content).toContain('version: "~0.14.0"');
    });

    it("stay as written on a chart that is not managed, or when the chart version is left alone", () => {
      const onlyParent = config({ charts: { paths: ["charts/kueue"], dependencies: true } });
      const parentOnly = changesOf(release(files("~0.14.0"), onlyParent, "0.15.0"));
      expect(parentOnly["charts/kueue/Chart.yaml"]?.content).toContain('version: "~0.14.0"');
      // A Chart.yaml edited by a pattern alone is not a managed chart either.
      const byPattern = config({
        charts: { paths: ["charts/kueue"], dependencies: true },
        files: [{ path: "charts/kueue-crds/Chart.yaml", pattern: "^appVersion: (.*)$" }],
      });
      const patterned = changesOf(release(files("~0.14.0"), byPattern, "0.15.0"));
      expect(patterned["charts/kueue/Chart.yaml"]?.content).toContain('version: "~0.14.0"');
      expect(patterned["charts/kueue-crds/Chart.yaml"]?.content).toContain("appVersion: 0.15.0");
      const versionOff = config({ charts: { version: false, dependencies: true } });
      const appOnly = changesOf(release(files("~0.14.0"), versionOff, "0.15.0"));
      expect(appOnly["charts/kueue/Chart.yaml"]?.content).toBe(
        parent("~0.14.0").replace("appVersion: v0.14.0", "appVersion: 0.15.0"),
      );
    });

    it("refuse a range, with the chart's error among the others", () => {
      const cfg = config({ charts: { dependencies: true } });
      expect(release(files(">=0.14.0 <0.15.0"), cfg, "0.15.0")).toEqual({
        ok: false,
        errors: [
          'charts/kueue/Chart.yaml: the dependency on file://../kueue-crds has the version constraint ">=0.14.0 <0.15.0", which is not one version with an optional operator (~, ^, >=, =); write it as "~X.Y.Z" so the bot can keep it matching',
        ],
      });
    });
  });

  describe("errors: all collected, each naming its file, and no partial result", () => {
    it("stops at the first failing edit of a file", () => {
      const files = new Map([["charts/a/values.yaml", "image:\n  repository: x\n"]]);
      const cfg = config({
        charts: { paths: [] },
        values: [{ path: "charts/a/values.yaml" }],
        files: [{ path: "charts/a/values.yaml", pattern: "^  tag: (.*)$" }],
      });
      expect(release(files, cfg, "1.1.0")).toEqual({
        ok: false,
        errors: [
          "charts/a/values.yaml has no `image.tag` key (`values[0]` in .github/release-bot.yml)",
        ],
      });
    });

    it("keeps a README whose target names no chart as it is", () => {
      const readme: VersionFileTarget = {
        path: "README.md",
        kind: "chart-readme",
        setting: "charts.readmeBadges",
      };
      const text = "![Version: 1.0.0](https://img.shields.io/badge/Version-1.0.0-informational)\n";
      const cfg = config();
      expect(
        applyVersion(cfg, [readme], new Map([["README.md", text]]), versionStrings(cfg, "1.1.0")),
      ).toEqual({ ok: true, changes: [], unchanged: ["README.md"] });
    });

    it("a chart without appVersion", () => {
      const result = release(repo("trainer-like"), config(), "0.3.0");
      expect(result).toEqual({
        ok: false,
        errors: [
          "charts/trainer-like/Chart.yaml has no `appVersion` key; set `charts.appVersion: false` in .github/release-bot.yml to leave it out",
        ],
      });
    });

    it("every failing file at once", () => {
      const files = new Map([
        ["charts/bad/Chart.yaml", "version: [1.0.0\n"],
        [
          "charts/bad/README.md",
          "![Version: 1.0.0](https://img.shields.io/badge/Version-1.0.0-informational)\n",
        ],
        ["charts/good/Chart.yaml", "version: 1.0.0\nappVersion: 1.0.0\n"],
        ["charts/good/values.yaml", "image:\n  repository: x\n"],
        ["Makefile", "VERSION ?= 1.0.0\n"],
        ["VERSION", "v1.0.0\nextra\n"],
      ]);
      const cfg = config({
        values: [{ path: "charts/*/values.yaml" }],
        files: [{ path: "Makefile", pattern: "^RELEASE=(.*)$" }],
      });
      const result = release(files, cfg, "1.1.0");
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toHaveLength(4);
      expect(result.errors[0]).toMatch(
        /^charts\/bad\/Chart\.yaml is not valid YAML at line \d+, column \d+: /,
      );
      expect(result.errors.slice(1)).toEqual([
        "VERSION holds more than one line; `versionFile` expects only the version (use `files` with a pattern for other layouts)",
        "charts/good/values.yaml has no `image.tag` key (`values[0]` in .github/release-bot.yml)",
        "Makefile has no match for /^RELEASE=(.*)$/ (`files[0].pattern` in .github/release-bot.yml)",
      ]);
    });

    it("a chart version that is not SemVer", () => {
      const files = new Map([["charts/a/Chart.yaml", "version: 1.0.0\nappVersion: 1.0.0\n"]]);
      const cfg = config({
        image: { tag: "{version}-ubi9" },
        charts: { version: "release-{image}" },
      });
      expect(release(files, cfg, "1.1.0")).toEqual({
        ok: false,
        errors: [
          'The chart version "release-1.1.0-ubi9" for charts/a/Chart.yaml is not SemVer 2 (a leading "v" aside), which Helm requires; check `charts.version` and `image.tag` in .github/release-bot.yml',
        ],
      });
    });

    it("a file whose content was not read", () => {
      const cfg = config();
      const targets = selectVersionFiles(cfg, ["charts/a/Chart.yaml"]).targets;
      expect(applyVersion(cfg, targets, new Map(), versionStrings(cfg, "1.0.0"))).toEqual({
        ok: false,
        errors: ["charts/a/Chart.yaml: its content was not read, so it cannot be updated"],
      });
    });
  });
});
