import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { configJsonSchema } from "../src/config-schema.js";

function errorOf(raw: unknown): string {
  const result = parseConfig(raw);
  if (result.ok) throw new Error("expected an invalid configuration");
  return result.error;
}

describe("configuration", () => {
  it("gives Spark Operator's process when the file is absent or empty", () => {
    for (const raw of [null, undefined, {}]) {
      const result = parseConfig(raw);
      expect(result.ok && result.config).toMatchObject({
        branches: { pattern: "release-{major}.{minor}" },
        tags: { format: "v{version}" },
        image: { tag: "{version}" },
        charts: {
          paths: ["charts/**/Chart.yaml"],
          version: "{image}",
          appVersion: "{image}",
          readmeBadges: true,
        },
        versionFile: { path: "VERSION", format: "{tag}" },
        values: [],
        files: [],
        release: {
          mode: "direct",
          notes: true,
          prerelease: true,
          requireCandidate: false,
          publish: "now",
          publishAfter: null,
        },
        commands: { permission: "write" },
        cherryPick: {
          labelPrefixes: ["cherry-pick/", "cherrypick/"],
          failedLabel: "cherry-pick/failed",
        },
        dryRun: false,
      });
    }
  });

  it("keeps defaults beside the keys a file sets", () => {
    const result = parseConfig({ charts: { appVersion: false }, versionFile: false });
    expect(result.ok && result.config.charts).toEqual({
      paths: ["charts/**/Chart.yaml"],
      version: "{image}",
      appVersion: false,
      readmeBadges: true,
      subcharts: false,
      dependencies: false,
      publish: false,
      indexBranch: "gh-pages",
    });
    expect(result.ok && result.config.versionFile).toBe(false);
  });

  it("expresses KServe and Kueue", () => {
    const kserve = parseConfig({
      image: { tag: "{tag}" },
      charts: { version: "{tag}", appVersion: "{tag}" },
    });
    const kueue = parseConfig({
      image: { tag: "{tag}" },
      charts: { version: "{version}", appVersion: "{tag}" },
    });
    expect(kserve.ok && kueue.ok).toBe(true);
  });

  it("names an unknown key with its full path", () => {
    expect(errorOf({ tags: { fromat: "v{version}" } })).toBe(
      ".github/release-bot.yml is invalid: `tags.fromat` is not a known setting.",
    );
    expect(errorOf({ chart: {} })).toBe(
      ".github/release-bot.yml is invalid: `chart` is not a known setting.",
    );
  });

  it("says what a key expects", () => {
    expect(errorOf({ release: { mode: "pr" } })).toContain(
      '`release.mode` must be one of "direct", "pull-request"',
    );
    expect(errorOf({ dryRun: "yes" })).toContain("`dryRun` must be a boolean");
    expect(errorOf({ values: "charts/x/values.yaml" })).toContain("`values` must be a list");
    expect(errorOf({ charts: { paths: "charts" } })).toContain("`charts.paths` must be a list");
    expect(errorOf({ commands: { permission: "triage" } })).toContain(
      '`commands.permission` must be one of "write", "maintain", "admin"',
    );
  });

  it("rejects formats without their placeholders", () => {
    expect(errorOf({ branches: { pattern: "release-{major}" } })).toContain(
      "`branches.pattern` must contain both {major} and {minor}",
    );
    expect(errorOf({ tags: { format: "v1" } })).toContain("`tags.format` must contain {version}");
    expect(errorOf({ versionFile: { format: "latest" } })).toContain(
      "`versionFile.format` must contain one of {version}, {tag}, {image}",
    );
    expect(errorOf({ cherryPick: { branchName: "pick-{pr}" } })).toContain(
      "`cherryPick.branchName` must contain {pr} and {branch}",
    );
  });

  it("checks an extra file's pattern has exactly one capture group", () => {
    expect(errorOf({ files: [{ path: "a.md", pattern: "(a)(b)" }] })).toContain(
      "`files[0].pattern` must be a valid regular expression with exactly one capturing group",
    );
    expect(errorOf({ files: [{ path: "a.md", pattern: "(unclosed" }] })).toContain(
      "`files[0].pattern`",
    );
    expect(parseConfig({ files: [{ path: "a.md", pattern: "image: (\\S+)" }] }).ok).toBe(true);
  });

  it("lists every problem at once", () => {
    const error = errorOf({ tags: { fromat: "x" }, release: { mode: "pr" } });
    expect(error).toContain("`tags.fromat`");
    expect(error).toContain("`release.mode`");
  });

  it("drafts releases first, published after a named workflow; refuses keys that cannot work together", () => {
    const drafts = parseConfig({ release: { publish: "draft", publishAfter: "release.yaml" } });
    expect(drafts.ok && drafts.config.release).toMatchObject({
      publish: "draft",
      publishAfter: "release.yaml",
    });
    expect(errorOf({ release: { publishAfter: "release.yaml" } })).toBe(
      ".github/release-bot.yml is invalid: `release.publishAfter` needs `release.publish: draft` (a published release cannot wait for a workflow).",
    );
    expect(errorOf({ release: { publish: "draft", notes: false } })).toBe(
      ".github/release-bot.yml is invalid: `release.publish` `draft` needs `release.notes: true` (the draft is the GitHub release).",
    );
    expect(errorOf({ release: { publish: "later" } })).toContain(
      '`release.publish` must be one of "now", "draft"',
    );
    expect(errorOf({ release: { publish: "draft", publishAfter: "build the chart" } })).toContain(
      "`release.publishAfter` must be a workflow file name such as release.yaml",
    );
  });

  it("publishes charts to gh-pages only with a GitHub release the bot makes", () => {
    const charts = parseConfig({ charts: { publish: "gh-pages", indexBranch: "helm-repo" } });
    expect(charts.ok && charts.config.charts).toMatchObject({
      publish: "gh-pages",
      indexBranch: "helm-repo",
    });
    expect(errorOf({ charts: { publish: "gh-pages" }, release: { notes: false } })).toBe(
      ".github/release-bot.yml is invalid: `charts.publish` needs `release.notes: true` (the chart is attached to the tag's GitHub release).",
    );
    expect(errorOf({ charts: { publish: "gh-pages" }, release: { tagging: "workflow" } })).toBe(
      ".github/release-bot.yml is invalid: `charts.publish` needs `release.tagging: bot` (with `workflow`, the release workflow makes the tag and its release, so it publishes the chart too).",
    );
    expect(errorOf({ charts: { publish: "oci" } })).toContain("`charts.publish`");
    expect(errorOf({ charts: { publish: "gh-pages", indexBranch: "gh pages" } })).toContain(
      "`charts.indexBranch` must be a branch name",
    );
    expect(parseConfig({ charts: { publish: false }, release: { notes: false } }).ok).toBe(true);
  });

  it("refuses a file that is not a mapping", () => {
    expect(errorOf(["a"])).toBe(
      ".github/release-bot.yml: the file must be a YAML mapping of settings.",
    );
  });

  it("ships a JSON Schema that matches the validating schema (npm run schema regenerates it)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../docs/release-bot.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(configJsonSchema());
  });
});
