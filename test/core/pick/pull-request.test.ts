import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config.js";
import {
  autoMergeNote,
  copiedLabels,
  looksLikePickBody,
  pickBody,
  pickCopies,
  pickTitle,
} from "../../../src/core/pick/pull-request.js";

const config = configSchema.parse({});

describe("pickTitle", () => {
  it("prefixes the branch", () => {
    expect(pickTitle("release-1.5", "Fix the webhook")).toBe("[release-1.5] Fix the webhook");
  });

  it("does not prefix twice", () => {
    expect(pickTitle("release-1.5", "[release-1.5] Fix")).toBe("[release-1.5] Fix");
  });
});

describe("pickBody", () => {
  it("starts with the origin and keeps the original body, release-note block included", () => {
    const body = "Fixes #3.\r\n\r\n```release-note\r\nFix the webhook @someone\r\n```\r\n";
    expect(pickBody(7, "release-1.5", body)).toBe(`Cherry-pick of #7 onto release-1.5.\n\n${body}`);
  });

  it("is the first line alone without a body", () => {
    expect(pickBody(7, "release-1.5", null)).toBe("Cherry-pick of #7 onto release-1.5.");
    expect(pickBody(7, "release-1.5", "")).toBe("Cherry-pick of #7 onto release-1.5.");
  });
});

describe("looksLikePickBody", () => {
  it("knows a pick's body by its first words", () => {
    expect(looksLikePickBody(pickBody(7, "release-1.5", "Fixes #3."))).toBe(true);
    expect(looksLikePickBody("Fixes #3, like Cherry-pick of #")).toBe(false);
    expect(looksLikePickBody("")).toBe(false);
    expect(looksLikePickBody(null)).toBe(false);
    expect(looksLikePickBody(undefined)).toBe(false);
  });
});

describe("copiedLabels", () => {
  it("copies all but the cherry-pick labels, the failed label and review decisions", () => {
    expect(
      copiedLabels(
        [
          "kind/bug",
          "cherry-pick/release-1.5",
          "cherrypick/release-1.4",
          "cherry-pick/failed",
          "lgtm",
          "approved",
          "area/webhook",
        ],
        config,
      ),
    ).toEqual(["kind/bug", "area/webhook"]);
  });

  it("leaves out a failed label that has no pick prefix", () => {
    const custom = configSchema.parse({ cherryPick: { failedLabel: "do-not-merge/pick-failed" } });
    expect(copiedLabels(["do-not-merge/pick-failed", "kind/bug"], custom)).toEqual(["kind/bug"]);
  });
});

describe("what a pick pull request copies from the original", () => {
  const original = {
    labels: ["kind/bug", "cherry-pick/release-1.5", "cherry-pick/conflict", "lgtm"],
    author: "ana",
    assignees: ["bo", "ana"],
    milestone: 3,
    reviewers: ["cy", "cy"],
  };

  it("by default its labels (none of the cherry-pick machinery's) and its author", () => {
    expect(pickCopies(original, configSchema.parse({}))).toEqual({
      labels: ["kind/bug"],
      assignees: ["ana"],
      milestone: null,
      reviewers: [],
    });
  });

  it("what cherryPick.copy lists", () => {
    const config = configSchema.parse({
      cherryPick: { copy: ["assignees", "milestone", "reviewers"] },
    });
    expect(pickCopies(original, config)).toEqual({
      labels: [],
      assignees: ["ana", "bo"],
      milestone: 3,
      reviewers: ["cy"],
    });
  });
  it("copies nothing it was not told of: an original read without assignees or reviewers", () => {
    const config = configSchema.parse({
      cherryPick: { copy: ["assignees", "milestone", "reviewers"] },
    });
    expect(pickCopies({ labels: [], author: "ana" }, config)).toEqual({
      labels: [],
      assignees: ["ana"],
      milestone: null,
      reviewers: [],
    });
  });
});

describe("the sentence about auto-merge", () => {
  it("says it is on, or why GitHub refused it and what to do", () => {
    expect(autoMergeNote("squash", { enabled: true })).toBe(
      "auto-merge (squash) is on: GitHub merges it once its checks and reviews pass",
    );
    expect(autoMergeNote("squash", { enabled: false, reason: "not-allowed", message: "x" })).toBe(
      "auto-merge was not turned on: this repository does not allow auto-merge; an admin can allow it under Settings → General → Pull Requests → Allow auto-merge",
    );
    expect(autoMergeNote("merge", { enabled: false, reason: "clean", message: "x" })).toContain(
      "mergeable already",
    );
    expect(autoMergeNote("merge", { enabled: false, reason: "refused", message: "No." })).toBe(
      'auto-merge was not turned on: GitHub answered "No."',
    );
  });
});
