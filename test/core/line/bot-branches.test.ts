import { describe, expect, it } from "vitest";
import { isBotBranch } from "../../../src/core/line/bot-branches.js";

describe("isBotBranch", () => {
  it("knows pick, release pull request and temporary branches", () => {
    expect(isBotBranch("cherry-pick-7-to-release-1.5")).toBe(true);
    expect(isBotBranch("release-bot/v1.5.0")).toBe(true);
    expect(isBotBranch("release-bot/tmp/cherry-pick-7-to-release-1.5/ab12cd34")).toBe(true);
  });

  it("leaves release branches and everyone else's branches", () => {
    expect(isBotBranch("release-1.5")).toBe(false);
    expect(isBotBranch("dependabot/go_modules/k8s.io/api-0.31.1")).toBe(false);
    expect(isBotBranch("release-botany-1.2")).toBe(false);
  });
});
