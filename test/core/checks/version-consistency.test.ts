import { describe, expect, it } from "vitest";
import { type Config, configSchema, defaultConfig, type RawConfig } from "../../../src/config.js";
import {
  checkVersionConsistency,
  readFields,
} from "../../../src/core/checks/version-consistency.js";
import { selectVersionFiles, type VersionFileTarget } from "../../../src/core/files/targets.js";

const config = (raw: RawConfig = {}): Config => configSchema.parse(raw);

const chart = (version: string, appVersion: string) =>
  `apiVersion: v2\nname: demo\nversion: ${version}\nappVersion: ${appVersion}\n`;

/** The check as the pull-request flow runs it: targets chosen from the files, into `release-1.5`. */
function check(
  files: Record<string, string>,
  options: {
    releasing?: string | null;
    line?: { major: number; minor: number };
    raw?: RawConfig;
  } = {},
) {
  const cfg = config(options.raw);
  const selection = selectVersionFiles(cfg, Object.keys(files));
  return checkVersionConsistency(cfg, selection.targets, new Map(Object.entries(files)), {
    line: options.line ?? { major: 1, minor: 5 },
    releasing: options.releasing ?? null,
  });
}

describe("version consistency: what the check says", () => {
  it("lists every field it read when none spells a version in its format", () => {
    const result = check({
      "charts/demo/Chart.yaml": chart("v1.5.0-rc.1", "latest"),
      VERSION: "\n",
    });
    expect(result).toEqual({
      conclusion: "failure",
      title: "No managed field holds a release version",
      summary: [
        "None of the version fields release-bot manages reads as a version in the configured format:",
        "",
        "- `charts/demo/Chart.yaml` version: `v1.5.0-rc.1`",
        "- `charts/demo/Chart.yaml` appVersion: `latest`",
        "- `VERSION` content: ``",
      ].join("\n"),
      annotations: [],
    });
  });

  it("says so when no version file was found at all", () => {
    const result = checkVersionConsistency(defaultConfig, [], new Map(), {
      line: { major: 1, minor: 5 },
      releasing: null,
    });
    expect(result.summary).toBe(
      "None of the version fields release-bot manages reads as a version in the configured format:\n\n(no version file found)",
    );
  });

  it("fails with the reasons when a file it needs was not read", () => {
    const paths = ["charts/demo/Chart.yaml", "charts/other/Chart.yaml", "VERSION"];
    const targets = selectVersionFiles(defaultConfig, paths).targets;
    const result = checkVersionConsistency(
      defaultConfig,
      targets,
      new Map([["VERSION", "v1.5.0\n"]]),
      { line: { major: 1, minor: 5 }, releasing: "1.5.0" },
    );
    expect(result).toEqual({
      conclusion: "failure",
      title: "The version files cannot be read",
      summary: [
        "- charts/demo/Chart.yaml: its content was not read, so it cannot be updated",
        "- charts/other/Chart.yaml: its content was not read, so it cannot be updated",
      ].join("\n"),
      annotations: [],
    });
  });

  it("lists a file it could not read as empty", () => {
    const targets = selectVersionFiles(defaultConfig, ["VERSION"]).targets;
    const result = checkVersionConsistency(defaultConfig, targets, new Map(), {
      line: { major: 1, minor: 5 },
      releasing: null,
    });
    expect(result.summary.endsWith("\n\n- `VERSION` content: ``")).toBe(true);
  });

  it("takes a version SemVer refuses (a leading zero) as written, without judging its line", () => {
    const result = check({ VERSION: "v01.5.0\n" }, { line: { major: 2, minor: 0 } });
    expect(result.title).toBe("Every version field says 01.5.0");
  });

  it("passes agreeing fields with the whole listing in the summary", () => {
    const result = check({
      "charts/demo/Chart.yaml": chart("1.5.0-rc.1", "1.5.0-rc.1"),
      VERSION: "\uFEFFv1.5.0-rc.1\n",
    });
    expect(result).toEqual({
      conclusion: "success",
      title: "Every version field says 1.5.0-rc.1",
      summary: [
        "Each managed field agrees with the version most fields carry, `1.5.0-rc.1`, in its configured format:",
        "",
        "- `charts/demo/Chart.yaml` version: `1.5.0-rc.1`",
        "- `charts/demo/Chart.yaml` appVersion: `1.5.0-rc.1`",
        "- `VERSION` content: `v1.5.0-rc.1`",
      ].join("\n"),
      annotations: [],
    });
  });

  it("reads versions of several digits in each number, with or without a pre-release", () => {
    for (const version of ["10.20.30", "10.20.30-rc.11"]) {
      const result = check(
        { "charts/demo/Chart.yaml": chart(version, version), VERSION: `v${version}\n` },
        { line: { major: 10, minor: 20 } },
      );
      expect([result.conclusion, result.title]).toEqual([
        "success",
        `Every version field says ${version}`,
      ]);
    }
  });

  it("on a release pull request, names each file that must change and how", () => {
    const result = check(
      {
        "charts/demo/Chart.yaml": chart("1.5.0-rc.1", "1.5.0"),
        VERSION: "v1.5.0-rc.1\n",
      },
      { releasing: "1.5.0" },
    );
    expect(result.title).toBe("2 files disagree with 1.5.0");
    expect(result.summary).toBe(
      [
        "The managed version fields must all carry the version this pull request releases, `1.5.0`; `/rc` and `/release` set them for you.",
        "",
        "- `charts/demo/Chart.yaml` line 3: `version: 1.5.0-rc.1` should read `version: 1.5.0`",
        "- `VERSION` line 1: `v1.5.0-rc.1` should read `v1.5.0`",
        "",
        "As read:",
        "",
        "- `charts/demo/Chart.yaml` version: `1.5.0-rc.1`",
        "- `charts/demo/Chart.yaml` appVersion: `1.5.0`",
        "- `VERSION` content: `v1.5.0-rc.1`",
      ].join("\n"),
    );
    expect(result.annotations).toHaveLength(2);
  });

  it("wants the version most fields carry, even when a minority is read first", () => {
    const result = check({
      "charts/demo/Chart.yaml": chart("1.5.0-rc.0", "1.5.0-rc.1"),
      VERSION: "v1.5.0-rc.1\n",
    });
    expect(result.title).toBe("1 file disagrees with 1.5.0-rc.1");
    expect(result.summary).toContain("must all carry the version most fields carry, `1.5.0-rc.1`;");
  });

  it("on a tie, wants the version read first", () => {
    const result = check({ "charts/demo/Chart.yaml": chart("1.5.0-rc.0", "1.5.0-rc.1") });
    expect(result.title).toBe("1 file disagrees with 1.5.0-rc.0");
  });

  it("fails a version of another major line, and lists the disagreeing files too", () => {
    const result = check({
      "charts/demo/Chart.yaml": chart("2.5.0", "2.5.0"),
      VERSION: "v2.5.1\n",
    });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("2.5.0 is not of line 1.5");
    expect(result.summary.split("\n\n")[1]).toBe(
      [
        "`2.5.0` is not a version of the 1.5 line this branch carries.",
        "- `VERSION` line 1: `v2.5.1` should read `v2.5.0`",
      ].join("\n"),
    );
  });

  it("reads versions whose numbers have several digits", () => {
    const result = check(
      { "charts/demo/Chart.yaml": chart("10.11.12", "10.11.12"), VERSION: "v10.11.12\n" },
      { line: { major: 10, minor: 11 } },
    );
    expect(result.title).toBe("Every version field says 10.11.12");
  });

  it("points at the first line that differs, without its indentation", () => {
    const result = check(
      {
        "charts/demo/values.yaml": "image:\n  repository: demo\n  tag: 1.5.0-rc.0\n",
        VERSION: "v1.5.0-rc.1\n",
      },
      { raw: { values: [{ path: "charts/demo/values.yaml" }] } },
    );
    expect(result.annotations).toEqual([
      {
        path: "charts/demo/values.yaml",
        line: 3,
        level: "failure",
        title: "Not 1.5.0-rc.1",
        message: "`tag: 1.5.0-rc.0` should read `tag: 1.5.0-rc.1`",
      },
    ]);
  });
});

describe("version consistency: the fields read", () => {
  const target = (t: Omit<VersionFileTarget, "setting">): VersionFileTarget => ({
    setting: "test",
    ...t,
  });

  it("leaves out a chart field whose format is off", () => {
    const off = config({ charts: { appVersion: false } });
    expect(
      readFields(off, target({ path: "Chart.yaml", kind: "chart" }), chart("1.5.0", "x")),
    ).toEqual([{ path: "Chart.yaml", field: "version", value: "1.5.0", version: "1.5.0" }]);
  });

  it("reads a VERSION file in its configured format, `{tag}` by default", () => {
    const versionFile = target({ path: "VERSION", kind: "version-file" });
    expect(readFields(defaultConfig, versionFile, "v1.5.0\n")).toEqual([
      { path: "VERSION", field: "content", value: "v1.5.0", version: "1.5.0" },
    ]);
    const plain = { ...versionFile, format: "{version}" };
    expect(readFields(defaultConfig, plain, "1.5.0")[0]?.version).toBe("1.5.0");
    expect(readFields(defaultConfig, plain, "v1.5.0")[0]?.version).toBeNull();
  });

  it("reads a values key, `image.tag` in `{image}` format by default", () => {
    const values = target({ path: "values.yaml", kind: "values" });
    const text = "image:\n  tag: '1.5.0'\nother:\n  tag: v1.5.0\n";
    expect(readFields(defaultConfig, values, text)).toEqual([
      { path: "values.yaml", field: "image.tag", value: "1.5.0", version: "1.5.0" },
    ]);
    const other = { ...values, key: "other.tag", format: "{tag}" };
    expect(readFields(defaultConfig, other, text)).toEqual([
      { path: "values.yaml", field: "other.tag", value: "v1.5.0", version: "1.5.0" },
    ]);
  });

  it("reads a pattern's group in `{image}` format by default, and nothing without a match", () => {
    const pattern = target({ path: "Makefile", kind: "pattern", pattern: "^VERSION \\?= (.*)$" });
    const text = "# build\nVERSION ?= 1.5.0\n";
    expect(readFields(defaultConfig, pattern, text)).toEqual([
      { path: "Makefile", field: "/^VERSION \\?= (.*)$/", value: "1.5.0", version: "1.5.0" },
    ]);
    expect(readFields(defaultConfig, { ...pattern, format: "{tag}" }, text)[0]?.version).toBeNull();
    expect(readFields(defaultConfig, pattern, "nothing here\n")).toEqual([]);
    expect(readFields(defaultConfig, { ...pattern, pattern: "(" }, text)).toEqual([]);
    expect(readFields(defaultConfig, { ...pattern, pattern: undefined }, text)).toEqual([]);
  });

  it("reads nothing from a chart README: its badges follow the chart", () => {
    const readme = target({ path: "README.md", kind: "chart-readme", chart: "Chart.yaml" });
    expect(readFields(defaultConfig, readme, "![Version: 1.5.0](x)")).toEqual([]);
  });
});
