import { describe, expect, it } from "vitest";
import { type Config, configSchema, defaultConfig, type RawConfig } from "../../../src/config.js";
import { checkConfigurationFile } from "../../../src/core/checks/config-file.js";
import { checkReleaseBranchPolicy } from "../../../src/core/checks/release-branch-policy.js";
import { checkVersionConsistency } from "../../../src/core/checks/version-consistency.js";
import { selectVersionFiles } from "../../../src/core/files/targets.js";

const config = (raw: RawConfig = {}): Config => configSchema.parse(raw);

describe("release-branch policy", () => {
  const pr = {
    number: 30,
    headRef: "fix-leak",
    sameRepo: true,
    baseRef: "release-1.5",
    labels: [] as string[],
    defaultBranch: "master",
  };

  it("passes the bot's pick and release pull requests of this repository", () => {
    const pick = { ...pr, headRef: "cherry-pick-12-to-release-1.5" };
    expect(checkReleaseBranchPolicy(defaultConfig, pick)).toMatchObject({
      conclusion: "success",
      title: "A cherry-pick of #12",
    });
    const release = { ...pr, headRef: "release-bot/v1.5.0-rc.1" };
    expect(checkReleaseBranchPolicy(defaultConfig, release).title).toBe(
      "The release pull request of v1.5.0-rc.1",
    );
    expect(checkReleaseBranchPolicy(defaultConfig, { ...pick, sameRepo: false }).conclusion).toBe(
      "failure",
    );
  });

  it("passes a pull request an approver labelled, with any configured label", () => {
    const labelled = { ...pr, labels: ["cherry-pick-approved"] };
    expect(checkReleaseBranchPolicy(defaultConfig, labelled).title).toBe(
      "Approved with `cherry-pick-approved`",
    );
    const custom = config({ checks: { approvalLabels: ["backport-ok"] } });
    expect(checkReleaseBranchPolicy(custom, labelled).conclusion).toBe("failure");
    expect(checkReleaseBranchPolicy(custom, { ...pr, labels: ["backport-ok"] }).conclusion).toBe(
      "success",
    );
  });

  it("fails anything else, saying how to get the fix in", () => {
    const result = checkReleaseBranchPolicy(defaultConfig, pr);
    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain(
      "label that pull request `cherry-pick/release-1.5` (or comment `/cherry-pick release-1.5` on it)",
    );
    expect(result.summary).toContain(
      "ask an approver to add the label `cherry-pick-approved` here",
    );
  });
});

const CHART = (version: string, appVersion: string, eol = "\n") =>
  [
    "# the chart",
    "apiVersion: v2",
    "name: demo",
    `version: ${version} # set by release-bot`,
    `appVersion: ${appVersion}`,
    "",
  ].join(eol);

function versions(files: Record<string, string>, options = { releasing: null as string | null }) {
  const selection = selectVersionFiles(defaultConfig, Object.keys(files));
  return checkVersionConsistency(defaultConfig, selection.targets, new Map(Object.entries(files)), {
    line: { major: 1, minor: 5 },
    releasing: options.releasing,
  });
}

describe("version consistency", () => {
  it("passes agreeing fields read with the YAML parser: quotes, comments, CRLF", () => {
    const result = versions({
      "charts/demo/Chart.yaml": CHART('"1.5.0-rc.1"', "'1.5.0-rc.1'", "\r\n"),
      VERSION: "v1.5.0-rc.1\n",
    });
    expect(result).toMatchObject({
      conclusion: "success",
      title: "Every version field says 1.5.0-rc.1",
    });
    expect(result.summary).toContain("- `charts/demo/Chart.yaml` version: `1.5.0-rc.1`");
  });

  it("fails a field that disagrees, annotated at its line with what it should read", () => {
    const result = versions({
      "charts/demo/Chart.yaml": CHART("1.5.0-rc.1", "1.5.0-rc.0"),
      VERSION: "v1.5.0-rc.1\n",
    });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("1 file disagrees with 1.5.0-rc.1");
    expect(result.annotations).toEqual([
      {
        path: "charts/demo/Chart.yaml",
        line: 5,
        level: "failure",
        title: "Not 1.5.0-rc.1",
        message: "`appVersion: 1.5.0-rc.0` should read `appVersion: 1.5.0-rc.1`",
      },
    ]);
  });

  it("on a release pull request, wants the version it releases", () => {
    const files = {
      "charts/demo/Chart.yaml": CHART("1.5.0-rc.1", "1.5.0-rc.1"),
      VERSION: "v1.5.0-rc.1\n",
    };
    const result = versions(files, { releasing: "1.5.0" });
    expect(result.conclusion).toBe("failure");
    expect(result.annotations.map((a) => [a.path, a.line])).toEqual([
      ["charts/demo/Chart.yaml", 4],
      ["VERSION", 1],
    ]);
  });

  it("fails a version of another line", () => {
    const result = versions({
      "charts/demo/Chart.yaml": CHART("1.6.0", "1.6.0"),
      VERSION: "v1.6.0\n",
    });
    expect(result).toMatchObject({ conclusion: "failure", title: "1.6.0 is not of line 1.5" });
  });
});

describe("configuration check", () => {
  it("passes a valid file, Probot's _extends included", () => {
    const result = checkConfigurationFile(
      "_extends: .github\nrelease:\n  mode: pull-request\n",
      configSchema,
    );
    expect(result).toMatchObject({ conclusion: "success", annotations: [] });
  });

  it("puts each error at its key's line", () => {
    const text = [
      "# release-bot",
      "branches:",
      "  pattern: release-{major}",
      "release:",
      "  notes: yes",
      "files:",
      "  - path: Makefile",
      "    pattern: 'VERSION \\?= (.*'",
      "unknownKey: 1",
      "",
    ].join("\n");
    const result = checkConfigurationFile(text, configSchema);
    expect(result.conclusion).toBe("failure");
    expect(result.annotations.map((a) => [a.line, a.message])).toEqual([
      [
        3,
        "`branches.pattern` must contain both {major} and {minor}, for example release-{major}.{minor}.",
      ],
      [5, "`release.notes` must be a boolean."],
      [
        8,
        "`files[0].pattern` must be a valid regular expression with exactly one capturing group.",
      ],
      [9, "`unknownKey` is not a known setting."],
    ]);
  });

  it("reports YAML that does not parse at the line of the error", () => {
    const result = checkConfigurationFile("release:\n  mode: [direct\n", configSchema);
    expect(result.title).toBe(".github/release-bot.yml is not valid YAML (1 problem)");
    expect(result.annotations[0]?.line).toBeGreaterThanOrEqual(2);
  });
});
