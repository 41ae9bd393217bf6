import { describe, expect, it } from "vitest";
import { picksInto } from "../../../src/core/pick/open-picks.js";

const TEMPLATE = "cherry-pick-{pr}-to-{branch}";
const pull = (number: number, headRef: string, sameRepo = true) => ({
  number,
  title: `#${number}`,
  headRef,
  sameRepo,
});

describe("picksInto", () => {
  it("keeps the bot's pick branches for this target, in their order", () => {
    const pulls = [
      pull(12, "cherry-pick-41-to-release-1.5"),
      pull(13, "fix-typo"),
      pull(14, "cherry-pick-40-to-release-1.5"),
    ];
    expect(picksInto(TEMPLATE, "release-1.5", pulls).map((p) => p.number)).toEqual([12, 14]);
  });

  it("leaves out a pick branch named for another target", () => {
    expect(picksInto(TEMPLATE, "release-1.5", [pull(12, "cherry-pick-41-to-release-1.4")])).toEqual(
      [],
    );
  });

  it("leaves out a fork's branch of the same name", () => {
    expect(
      picksInto(TEMPLATE, "release-1.5", [pull(12, "cherry-pick-41-to-release-1.5", false)]),
    ).toEqual([]);
  });

  it("follows a configured branch name", () => {
    expect(
      picksInto("backport/{branch}/{pr}", "release-1.5", [
        pull(12, "backport/release-1.5/41"),
        pull(13, "cherry-pick-41-to-release-1.5"),
      ]).map((p) => p.number),
    ).toEqual([12]);
  });
});
