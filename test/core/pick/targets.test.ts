import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config.js";
import {
  isPickLabel,
  isValidBranchName,
  labelTarget,
  labelTargets,
  mayBePickLabel,
  parsePickBranchName,
  pickBranchName,
  requestLabel,
  resolveTarget,
} from "../../../src/core/pick/targets.js";

const config = configSchema.parse({});

describe("mayBePickLabel", () => {
  it("reads the configuration only for labels that can request a pick", () => {
    const candidates = [
      "cherry-pick/release-1.5",
      "cherrypick/1.5",
      "cherry-pick/main",
      "cherry-pick/failed",
      "backport/release-1.5",
      "backport-v0.19",
    ];
    // Kubernetes and Prow label traffic that never names a release line.
    const noise = ["kind/bug", "size/XS", "lgtm", "area/operator", "priority/p1", "ok-to-test"];
    expect(candidates.filter(mayBePickLabel)).toEqual(candidates);
    expect(noise.filter(mayBePickLabel)).toEqual([]);
  });

  it("needs a separator and two runs of digits in a label of another prefix", () => {
    expect(mayBePickLabel("fy2023q1")).toBe(false);
    // a branch pattern such as `release-v{major}.v{minor}`
    expect(mayBePickLabel("backport/release-v1.v5")).toBe(true);
  });

  it("does not take a label that only contains a default prefix for a request", () => {
    expect(mayBePickLabel("area/cherry-pick/main")).toBe(false);
    expect(mayBePickLabel("kind/cherrypick/tooling")).toBe(false);
  });

  it("knows the default prefixes without reading the configuration", () => {
    const prefixes = configSchema.parse({}).cherryPick.labelPrefixes;
    for (const prefix of prefixes) expect(mayBePickLabel(`${prefix}anything`)).toBe(true);
  });
});

describe("labelTarget", () => {
  it("reads the branch after either configured prefix", () => {
    expect(labelTarget("cherry-pick/release-1.5", config)).toBe("release-1.5");
    expect(labelTarget("cherrypick/release-1.4", config)).toBe("release-1.4");
  });

  it("resolves a release line to its branch", () => {
    expect(labelTarget("cherry-pick/1.5", config)).toBe("release-1.5");
    expect(labelTarget("cherry-pick/v1.5", config)).toBe("release-1.5");
  });

  it("does not take the failed label for a request", () => {
    expect(labelTarget("cherry-pick/failed", config)).toBeNull();
    expect(isPickLabel("cherry-pick/failed", config)).toBe(true);
  });

  it("does not take the conflict label of a workspace for a request (a branch named conflict)", () => {
    expect(labelTarget("cherry-pick/conflict", config)).toBeNull();
    expect(isPickLabel("cherry-pick/conflict", config)).toBe(true);
    const custom = configSchema.parse({ cherryPick: { conflictLabel: "needs-resolution" } });
    expect(isPickLabel("needs-resolution", custom)).toBe(true);
    expect(labelTarget("cherry-pick/conflict", custom)).toBe("conflict");
  });

  it("ignores other labels", () => {
    expect(labelTarget("kind/bug", config)).toBeNull();
    expect(labelTarget("area/cherry-pick/release-1.5", config)).toBeNull();
    expect(isPickLabel("area/cherry-pick/release-1.5", config)).toBe(false);
    expect(isPickLabel("kind/bug", config)).toBe(false);
    const custom = configSchema.parse({ cherryPick: { failedLabel: "pick-failed" } });
    expect(isPickLabel("pick-failed", custom)).toBe(true);
    expect(labelTarget("release-note", config)).toBeNull();
  });

  it("uses the configured prefixes", () => {
    const custom = configSchema.parse({
      cherryPick: { labelPrefixes: ["backport-"], failedLabel: "backport-failed" },
    });
    expect(labelTarget("backport-release-2.0", custom)).toBe("release-2.0");
    expect(labelTarget("backport-failed", custom)).toBeNull();
    expect(labelTarget("cherry-pick/release-2.0", custom)).toBeNull();
  });

  it("keeps the text of a label that names no valid branch, for the reply", () => {
    expect(labelTarget("cherry-pick/no such branch", config)).toBe("no such branch");
  });
});

describe("labelTargets", () => {
  it("lists each target once, in label order", () => {
    expect(
      labelTargets(
        [
          "kind/bug",
          "cherry-pick/release-1.5",
          "cherrypick/1.5",
          "cherry-pick/release-1.4",
          "cherry-pick/failed",
        ],
        config,
      ),
    ).toEqual(["release-1.5", "release-1.4"]);
  });
});

describe("requestLabel", () => {
  it("spells the label with the first prefix", () => {
    expect(requestLabel("release-1.5", config)).toBe("cherry-pick/release-1.5");
  });
});

describe("resolveTarget", () => {
  it("resolves 1.5 with the branch pattern", () => {
    expect(resolveTarget("1.5", "release-{major}.{minor}")).toEqual({
      ok: true,
      branch: "release-1.5",
    });
    expect(resolveTarget("1.5", "release/v{major}.{minor}")).toEqual({
      ok: true,
      branch: "release/v1.5",
    });
  });

  it("takes a release branch or any other branch name as it is", () => {
    expect(resolveTarget("release-1.5", "release-{major}.{minor}")).toEqual({
      ok: true,
      branch: "release-1.5",
    });
    expect(resolveTarget("stable", "release-{major}.{minor}")).toEqual({
      ok: true,
      branch: "stable",
    });
  });

  it("refuses what cannot be a branch", () => {
    expect(resolveTarget("a..b", "release-{major}.{minor}")).toEqual({
      ok: false,
      reason: "`a..b` is not a branch name",
    });
    expect(resolveTarget("a`b c", "release-{major}.{minor}")).toEqual({
      ok: false,
      reason: "`a'b c` is not a branch name",
    });
  });

  it("drops blanks around the name", () => {
    expect(resolveTarget(" stable\n", "release-{major}.{minor}")).toEqual({
      ok: true,
      branch: "stable",
    });
  });
});

describe("isValidBranchName", () => {
  it.each(["release-1.5", "feature/x", "a_b", "v1", "x".repeat(255)])("accepts %s", (name) => {
    expect(isValidBranchName(name)).toBe(true);
  });
  it.each([
    "",
    "@",
    "a b",
    "a..b",
    "-x",
    "x/",
    "x.",
    "x.lock",
    "a//b",
    ".hidden",
    "a/.b",
    "a~1",
    "a^",
    "a:b",
    "a?",
    "a*",
    "a[b",
    "a\\b",
    "a@{1}",
    "a\tb",
    "x".repeat(256),
    "/x",
    "x.lock/y",
    "x/.y/z",
  ])("refuses %j", (name) => {
    expect(isValidBranchName(name)).toBe(false);
  });
});

describe("pick branch names", () => {
  it("fills the template", () => {
    expect(pickBranchName("cherry-pick-{pr}-to-{branch}", 123, "release-1.5")).toBe(
      "cherry-pick-123-to-release-1.5",
    );
  });

  it("reads a pick branch back", () => {
    expect(
      parsePickBranchName("cherry-pick-{pr}-to-{branch}", "cherry-pick-123-to-release-1.5"),
    ).toEqual({
      pr: 123,
      branch: "release-1.5",
    });
    expect(parsePickBranchName("picks/{branch}/{pr}", "picks/release/1.5/9")).toEqual({
      pr: 9,
      branch: "release/1.5",
    });
  });

  it("reads a template whose text holds regular expression characters literally", () => {
    expect(parsePickBranchName("pick.{pr}+{branch}", "pick.12+release-1.5")).toEqual({
      pr: 12,
      branch: "release-1.5",
    });
    expect(parsePickBranchName("pick.{pr}+{branch}", "pickX12+release-1.5")).toBeNull();
  });

  it("reads a template that repeats a placeholder only when both places agree", () => {
    const template = "{branch}/pick-{pr}/{branch}-{pr}";
    expect(parsePickBranchName(template, "release-1.5/pick-12/release-1.5-12")).toEqual({
      pr: 12,
      branch: "release-1.5",
    });
    expect(parsePickBranchName(template, "release-1.5/pick-12/release-1.5-13")).toBeNull();
    expect(parsePickBranchName(template, "release-1.5/pick-12/release-1.4-12")).toBeNull();
  });

  it("reads nothing from a template without both placeholders, or a name with no valid branch", () => {
    expect(parsePickBranchName("pick/{branch}", "pick/release-1.5")).toBeNull();
    expect(parsePickBranchName("pick-{pr}", "pick-12")).toBeNull();
    expect(
      parsePickBranchName("cherry-pick-{pr}-to-{branch}", "cherry-pick-12-to-a..b"),
    ).toBeNull();
  });

  it("does not read other branches", () => {
    expect(parsePickBranchName("cherry-pick-{pr}-to-{branch}", "release-1.5")).toBeNull();
    expect(
      parsePickBranchName("cherry-pick-{pr}-to-{branch}", "cherry-pick-x-to-release-1.5"),
    ).toBeNull();
    expect(
      parsePickBranchName("cherry-pick-{pr}-to-{branch}", "cherry-pick-0-to-release-1.5"),
    ).toBeNull();
  });
});

describe("a configuration read without its commands section", () => {
  it("keeps Prow's label prefix, as without Prow", () => {
    const withoutCommands = { branches: config.branches, cherryPick: config.cherryPick };
    expect(labelTarget("cherrypick/release-1.4", withoutCommands)).toBe("release-1.4");
  });
});
