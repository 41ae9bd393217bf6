import { describe, expect, it } from "vitest";
import { bumpChart, isChartSemver, readChartVersions } from "../../../src/core/files/chart.js";

const SPARK = [
  "#",
  "# Copyright 2024 The Kubeflow authors.",
  "#",
  "",
  "apiVersion: v2",
  "",
  "name: spark-operator",
  "",
  "version: 2.5.0-rc.0",
  "",
  "appVersion: 2.5.0-rc.0",
  "",
  "keywords:",
  "- apache spark",
  "",
].join("\n");

const KUEUE = [
  "apiVersion: v2",
  "name: kueue",
  "# NOTE: Do not modify manually.",
  "version: 0.19.2",
  "# It is recommended to use it with quotes.",
  'appVersion: "v0.19.2"',
  "",
].join("\n");

const TRAINER = "apiVersion: v2\nname: kubeflow-trainer\n\nversion: 2.3.0\n\ntype: application\n";

function bumped(text: string, fields: Parameters<typeof bumpChart>[1]): string {
  const result = bumpChart(text, fields);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe("bumpChart", () => {
  it("sets version and appVersion in Spark Operator's layout, touching nothing else", () => {
    const text = bumped(SPARK, { version: "2.5.0", appVersion: "2.5.0" });
    expect(text).toBe(
      SPARK.replace("version: 2.5.0-rc.0", "version: 2.5.0").replace(
        "appVersion: 2.5.0-rc.0",
        "appVersion: 2.5.0",
      ),
    );
  });

  it("keeps Kueue's quotes on appVersion and its bare version", () => {
    expect(bumped(KUEUE, { version: "0.20.0", appVersion: "v0.20.0" })).toBe(
      KUEUE.replace("version: 0.19.2", "version: 0.20.0").replace('"v0.19.2"', '"v0.20.0"'),
    );
  });

  it("accepts KServe's v-prefixed chart version", () => {
    const kserve = "apiVersion: v2\nname: kserve\nversion: v0.20.0\nappVersion: v0.20.0\n";
    expect(bumped(kserve, { version: "v0.21.0-rc.0", appVersion: "v0.21.0-rc.0" })).toBe(
      "apiVersion: v2\nname: kserve\nversion: v0.21.0-rc.0\nappVersion: v0.21.0-rc.0\n",
    );
  });

  it("leaves a field alone when told to (false)", () => {
    expect(bumped(TRAINER, { version: "2.4.0", appVersion: false })).toBe(
      TRAINER.replace("2.3.0", "2.4.0"),
    );
    expect(bumped(KUEUE, { version: false, appVersion: "v1.0.0" })).toBe(
      KUEUE.replace('"v0.19.2"', '"v1.0.0"'),
    );
    expect(bumpChart(KUEUE, { version: false, appVersion: false })).toEqual({
      ok: true,
      text: KUEUE,
      changed: false,
      previous: "0.19.2",
    });
  });

  it("reports the previous appVersion when only appVersion is set", () => {
    expect(bumpChart(KUEUE, { version: false, appVersion: "v1.0.0" })).toMatchObject({
      ok: true,
      previous: "v0.19.2",
    });
  });

  it("reports an empty previous version for a chart without one, when both fields are left alone", () => {
    expect(bumpChart("name: x\n", { version: false, appVersion: false })).toEqual({
      ok: true,
      text: "name: x\n",
      changed: false,
      previous: "",
    });
  });

  it("is idempotent and reports the previous version", () => {
    const first = bumpChart(SPARK, { version: "2.5.0", appVersion: "2.5.0" });
    expect(first).toMatchObject({ ok: true, changed: true, previous: "2.5.0-rc.0" });
    if (!first.ok) return;
    expect(bumpChart(first.text, { version: "2.5.0", appVersion: "2.5.0" })).toEqual({
      ok: true,
      text: first.text,
      changed: false,
      previous: "2.5.0",
    });
  });

  it("keeps CRLF line endings, a BOM and a missing final newline", () => {
    const text = "\uFEFFapiVersion: v2\r\nversion: 1.0.0\r\nappVersion: '1.0.0'";
    expect(bumped(text, { version: "1.1.0", appVersion: "1.1.0" })).toBe(
      "\uFEFFapiVersion: v2\r\nversion: 1.1.0\r\nappVersion: '1.1.0'",
    );
  });

  describe("errors", () => {
    it("a chart without appVersion, with the setting that fixes it", () => {
      expect(bumpChart(TRAINER, { version: "2.4.0", appVersion: "2.4.0" })).toEqual({
        ok: false,
        code: "missing-key",
        error:
          "Chart.yaml has no `appVersion` key; set `charts.appVersion: false` in .github/release-bot.yml to leave it out.",
      });
    });

    it("a chart without version, naming the file it was given", () => {
      const result = bumpChart(
        "apiVersion: v2\nname: x\n",
        { version: "1.0.0", appVersion: false },
        "charts/x/Chart.yaml",
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatch(
        /^charts\/x\/Chart\.yaml has no `version` key; Helm requires one/,
      );
      expect(result.error).toContain("`charts.version: false`");
    });

    it("invalid YAML", () => {
      const result = bumpChart("apiVersion: v2\nversion: [1.0.0\n", {
        version: "1.1.0",
        appVersion: false,
      });
      expect(result).toMatchObject({ ok: false, code: "invalid-yaml" });
      if (!result.ok) expect(result.error).toMatch(/^Chart\.yaml is not valid YAML at line \d+/);
    });

    it.each(["1.0", "latest", "v1", "1.0.0.0", "01.0.0", "2.5.0-rc.01", "vv1.0.0", "V1.0.0"])(
      "a chart version %j that is not SemVer 2",
      (version) => {
        const result = bumpChart(SPARK, { version, appVersion: false });
        expect(result).toMatchObject({ ok: false, code: "invalid-value" });
        if (!result.ok) {
          expect(result.error).toBe(
            `The chart version ${JSON.stringify(version)} for Chart.yaml is not SemVer 2 (a leading "v" aside), which Helm requires; check \`charts.version\` and \`image.tag\` in .github/release-bot.yml.`,
          );
        }
      },
    );

    it("does not check appVersion for SemVer: it is free-form", () => {
      expect(bumped(SPARK, { version: false, appVersion: "v1beta2-1.6.2-3.5.0" })).toContain(
        "appVersion: v1beta2-1.6.2-3.5.0\n",
      );
    });
  });
});

describe("isChartSemver", () => {
  it.each([
    "1.0.0",
    "v0.20.0",
    "2.5.0-rc.0",
    "1.0.0-alpha.1+build.5",
    "0.0.0",
    "1.5.10",
    "10.20.30",
    "1.0.0-rc.10",
    "1.0.0-0.3.7",
    "1.0.0-x.7.z.92",
    "1.0.0-x-y-z.--",
    "1.0.0-alpha0.beta",
    "1.0.0-0alpha",
    "1.0.0-1",
    "1.0.0-123",
    "1.0.0-rc.1a",
    "1.0.0+0123.exp-sha.5114f85",
  ])("accepts %j", (v) => {
    expect(isChartSemver(v)).toBe(true);
  });
  it.each([
    "",
    "v",
    "1.0",
    "1.0.0-",
    "1.0.0+",
    "=1.0.0",
    " 1.0.0",
    "01.0.0",
    "1.01.0",
    "1.5.01",
    "1.0.0-01",
    "1.0.0-rc.01",
    "1.0.0-alpha..1",
    "1.0.0-rc.1+build..1",
    "1.0.0-rc_1",
    "1.0.0+build_1",
    "1.2.3.4",
    "1.0.0 ",
  ])("refuses %j", (v) => {
    expect(isChartSemver(v)).toBe(false);
  });
});

describe("readChartVersions", () => {
  it("reads version and appVersion as written", () => {
    expect(readChartVersions(KUEUE)).toEqual({ version: "0.19.2", appVersion: "v0.19.2" });
    expect(readChartVersions(TRAINER)).toEqual({ version: "2.3.0" });
    expect(readChartVersions("version: [\n")).toEqual({});
  });
});
