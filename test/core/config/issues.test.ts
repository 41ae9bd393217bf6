import { describe, expect, it } from "vitest";
import { configSchema, parseConfig } from "../../../src/config.js";
import { describeIssue } from "../../../src/core/config/issues.js";

/** What the bot says of a configuration, as the check and the loader word it. */
function problems(raw: unknown): string[] {
  const result = configSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => describeIssue(issue));
}

describe("describeIssue", () => {
  it("names a list and a mapping in words, at their key", () => {
    expect(problems({ kustomize: { path: "k.yaml" }, charts: ["charts/op/Chart.yaml"] })).toEqual([
      "`charts` must be a mapping",
      "`kustomize` must be a list",
    ]);
    expect(problems({ tags: { format: 3 } })).toEqual(["`tags.format` must be a string"]);
  });

  it("says what a format setting accepts when it is neither a format nor false", () => {
    expect(problems({ charts: { version: 3 } })).toEqual([
      "`charts.version` must be a format string with a version placeholder, or false",
    ]);
  });

  it("lists every unknown key of one mapping, numbering list entries", () => {
    expect(problems({ bogus: 1, other: 2 })).toEqual([
      "`bogus` is not a known setting; `other` is not a known setting",
    ]);
    expect(
      problems({ files: [{ path: "a", pattern: "^(1)", format: "{version}", patern: "x" }] }),
    ).toEqual(["`files[0].patern` is not a known setting"]);
  });

  it("names the top level when the whole file is wrong", () => {
    expect(problems("just a line of text")).toEqual(["`(top level)` must be a mapping"]);
  });

  it("joins them in the loader's error naming the file", () => {
    expect(parseConfig({ charts: { version: 3 }, values: 1 })).toEqual({
      ok: false,
      error:
        ".github/release-bot.yml is invalid: `charts.version` must be a format string with a version placeholder, or false; `values` must be a list.",
    });
  });
});
