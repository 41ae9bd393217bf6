import { describe, expect, it } from "vitest";
import { describeRefusal, isRuleRefusal, refusalSentence } from "../../src/core/refusal.js";

describe("isRuleRefusal", () => {
  it("knows GitHub's ruleset and branch protection messages, nothing else", () => {
    expect(
      isRuleRefusal(
        422,
        "Repository rule violations found\n\nCannot force-push to this branch\n\n",
      ),
    ).toBe(true);
    expect(isRuleRefusal(422, "Changes must be made through a pull request.")).toBe(true);
    expect(isRuleRefusal(422, "Protected branch update failed for refs/heads/main.")).toBe(true);
    expect(isRuleRefusal(422, "Update is not a fast forward")).toBe(false);
    expect(isRuleRefusal(409, "Changes must be made through a pull request.")).toBe(false);
  });
});

describe("describeRefusal", () => {
  it("names the ruleset's rules and the bypass list", () => {
    const refusal = describeRefusal(
      422,
      "Repository rule violations found\n\nChanges must be made through a pull request.\n\nCommits must have verified signatures.\n\n",
    );
    expect(refusal).toEqual({
      kind: "rule",
      what: 'the ruleset rule "Require a pull request before merging", "Require signed commits"',
      fix: "a repository admin must add the App to the ruleset's bypass list, or exclude the branch from that rule",
    });
  });

  it("names classic protection by its rule", () => {
    expect(describeRefusal(422, "Cannot force-push to this protected branch")?.what).toBe(
      'the branch protection rule "Block force pushes"',
    );
  });

  it("names the permission GitHub accepts", () => {
    const refusal = describeRefusal(
      403,
      "Resource not accessible by integration",
      "contents=write",
    );
    expect(refusal && refusalSentence(refusal)).toBe(
      "refused by the App's `contents: write` permission; an organization owner must grant it to the App (app.yml lists what release-bot needs) and accept it on the installation",
    );
  });

  it("names the workflows permission", () => {
    const message =
      "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission";
    expect(describeRefusal(422, message)?.what).toBe("the App's `workflows: write` permission");
  });

  it("is null for other failures", () => {
    expect(describeRefusal(502, "Bad Gateway")).toBeNull();
    expect(describeRefusal(403, "Must have admin rights to Repository.")).toBeNull();
  });
});
