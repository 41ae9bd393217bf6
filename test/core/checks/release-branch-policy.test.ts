import { describe, expect, it } from "vitest";
import { configSchema, defaultConfig } from "../../../src/config.js";
import { checkReleaseBranchPolicy } from "../../../src/core/checks/release-branch-policy.js";

const pr = {
  number: 30,
  headRef: "fix-leak",
  sameRepo: true,
  baseRef: "release-1.5",
  labels: [] as string[],
  defaultBranch: "master",
};

describe("the release-branch policy check's words", () => {
  it("passes the bot's pick into its own branch, and says why", () => {
    const pick = { ...pr, headRef: "cherry-pick-12-to-release-1.5" };
    expect(checkReleaseBranchPolicy(defaultConfig, pick)).toEqual({
      conclusion: "success",
      title: "A cherry-pick of #12",
      summary:
        "release-bot opened this pull request to pick #12 onto `release-1.5`; picks of merged fixes may enter release branches.",
      annotations: [],
    });
  });

  it("does not pass a pick branch made for another release branch", () => {
    const elsewhere = { ...pr, headRef: "cherry-pick-12-to-release-1.4" };
    expect(checkReleaseBranchPolicy(defaultConfig, elsewhere).conclusion).toBe("failure");
  });

  it("passes a release pull request and an approved fix, saying why", () => {
    const release = { ...pr, headRef: "release-bot/v1.5.0-rc.1" };
    expect(checkReleaseBranchPolicy(defaultConfig, release).summary).toBe(
      "release-bot opened this pull request to release `v1.5.0-rc.1`; merging it tags the merge commit.",
    );
    const approved = { ...pr, labels: ["cherry-pick-approved"] };
    expect(checkReleaseBranchPolicy(defaultConfig, approved)).toEqual({
      conclusion: "success",
      title: "Approved with `cherry-pick-approved`",
      summary:
        "An approver labelled this pull request `cherry-pick-approved`, so it may enter `release-1.5` directly.",
      annotations: [],
    });
  });

  it("fails anything else with both ways in, naming every approval label", () => {
    const config = configSchema.parse({
      checks: { approvalLabels: ["backport-ok", "lgtm-release"] },
    });
    expect(checkReleaseBranchPolicy(config, pr)).toEqual({
      conclusion: "failure",
      title: "Only picks, release pull requests and approved fixes enter a release branch",
      summary: [
        "`release-1.5` takes bug fixes by cherry-pick from `master`, so that every fix lands there first. To get this change in:",
        "",
        "1. open it against `master` and label that pull request `cherry-pick/release-1.5` (or comment `/cherry-pick release-1.5` on it): release-bot picks it onto `release-1.5` when it is merged;",
        "2. or, if it must go to `release-1.5` only (a fix for code `master` no longer has), ask an approver to add the label `backport-ok` or `lgtm-release` here; this check passes once it is there.",
      ].join("\n"),
      annotations: [],
    });
  });

  it("says an admin must override the check when no approval label is configured", () => {
    const config = configSchema.parse({ checks: { approvalLabels: [] } });
    expect(checkReleaseBranchPolicy(config, pr).summary.split("\n").at(-1)).toBe(
      "2. no approval label is configured (`checks.approvalLabels`), so a direct change needs the check overridden by an admin.",
    );
  });
});
