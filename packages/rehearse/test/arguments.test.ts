import { describe, expect, it } from "vitest";
import { parseRehearsalArguments } from "../src/arguments.js";
import { parseStep } from "../src/steps.js";

describe("parseStep", () => {
  it("reads a slash command as the comment a maintainer posts", () => {
    expect(parseStep("/release 1.6 --force")).toEqual({
      ok: true,
      step: { kind: "command", text: "/release 1.6 --force", body: "/release 1.6 --force" },
    });
  });

  it("reads branch and tag steps with their name and ref", () => {
    expect(parseStep("branch release-1.6 v1.6.0-rc.0")).toEqual({
      ok: true,
      step: {
        kind: "branch",
        text: "branch release-1.6 v1.6.0-rc.0",
        name: "release-1.6",
        ref: "v1.6.0-rc.0",
      },
    });
    expect(parseStep("tag v1.6.0 release-1.6")).toMatchObject({
      ok: true,
      step: { kind: "tag", name: "v1.6.0", ref: "release-1.6" },
    });
    expect(parseStep("tag v1.6.0")).toEqual({
      ok: false,
      error: '"tag v1.6.0": expected "tag NAME REF"',
    });
    expect(parseStep("branch a b c")).toEqual({
      ok: false,
      error: '"branch a b c": expected "branch NAME REF"',
    });
  });

  it("reads a merge with its target, every label and the style, merge by default", () => {
    expect(parseStep("merge fix --into release-1.6 --label a --label b --style squash")).toEqual({
      ok: true,
      step: {
        kind: "merge",
        text: "merge fix --into release-1.6 --label a --label b --style squash",
        ref: "fix",
        into: "release-1.6",
        labels: ["a", "b"],
        style: "squash",
      },
    });
    expect(parseStep("merge fix")).toMatchObject({
      step: { into: null, labels: [], style: "merge" },
    });
  });

  it("refuses merges without exactly one ref, unknown options and styles", () => {
    expect(parseStep("merge")).toEqual({
      ok: false,
      error: '"merge": expected "merge REF" with exactly one REF',
    });
    expect(parseStep("merge a b")).toMatchObject({ ok: false });
    expect(parseStep("merge a --squash")).toMatchObject({
      ok: false,
      error: expect.stringContaining("Unknown option '--squash'"),
    });
    expect(parseStep("merge a --style octopus")).toEqual({
      ok: false,
      error:
        '"merge a --style octopus": --style must be one of merge, squash, rebase, not "octopus"',
    });
  });

  it("refuses anything else, naming the forms a step takes", () => {
    expect(parseStep("/")).toMatchObject({
      ok: false,
      error: expect.stringContaining("needs a name"),
    });
    expect(parseStep("push master")).toMatchObject({
      ok: false,
      error: expect.stringContaining('"push master" is not a step: use a slash command'),
    });
  });
});

describe("parseRehearsalArguments", () => {
  it("takes the options and the steps in order, with the defaults", () => {
    const parsed = parseRehearsalArguments([
      "/branch 1.6",
      "merge fix --label cherry-pick/release-1.6",
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        repo: ".",
        config: null,
        json: null,
        keep: null,
        mergePicks: true,
        throttle: false,
        steps: [
          { kind: "command", text: "/branch 1.6", body: "/branch 1.6" },
          expect.objectContaining({
            kind: "merge",
            ref: "fix",
            labels: ["cherry-pick/release-1.6"],
          }),
        ],
      },
    });
  });

  it("reads every option", () => {
    const parsed = parseRehearsalArguments([
      "--repo",
      "../spark-operator",
      "--config",
      "c.yml",
      "--json",
      "out.json",
      "--keep",
      "kept.git",
      "--no-merge-picks",
      "--throttle",
      "/rc 1.6",
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        repo: "../spark-operator",
        config: "c.yml",
        json: "out.json",
        keep: "kept.git",
        mergePicks: false,
        throttle: true,
      },
    });
  });

  it("asks for help, and refuses no steps, unknown options, missing values and bad steps", () => {
    expect(parseRehearsalArguments(["--help"])).toEqual({ ok: true, help: true });
    expect(parseRehearsalArguments([])).toEqual({ ok: false, error: "no STEP given" });
    expect(parseRehearsalArguments(["--fast", "/rc 1.6"])).toMatchObject({
      ok: false,
      error: expect.stringContaining("Unknown option '--fast'"),
    });
    expect(parseRehearsalArguments(["/rc 1.6", "--repo"])).toMatchObject({
      ok: false,
      error: expect.stringContaining("--repo"),
    });
    expect(parseRehearsalArguments(["/rc 1.6", "deploy"])).toMatchObject({
      ok: false,
      error: expect.stringContaining('"deploy" is not a step'),
    });
  });
});
