import { describe, expect, it } from "vitest";
import {
  describeRefusal,
  isRuleRefusal,
  refusalSentence,
  rulesetCoversRef,
  violatedRuleTypes,
} from "../../../src/core/rules/refusal.js";

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
      "refused by the App's `contents: write` permission; an organization owner must grant it to the App (app.yml lists what release-bot needs) and accept it on the installation; run as a GitHub Action, the job's `permissions:` must grant it",
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

describe("tag rulesets", () => {
  const created =
    "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n";

  it("names the rule and the rulesets an admin must change, for a tag", () => {
    const refusal = describeRefusal(422, created, undefined, {
      kind: "tag",
      rulesets: ["release tags"],
    });
    expect(refusal && refusalSentence(refusal)).toBe(
      'refused by the rule "Restrict creations" of the tag ruleset "release tags"; a repository admin must add the App to the bypass list of "release tags", or exclude the tag from that rule',
    );
    expect(
      describeRefusal(422, created, undefined, { kind: "tag", rulesets: ["a", "b"] })?.what,
    ).toBe('the rule "Restrict creations" of the tag rulesets "a", "b"');
  });

  it("says 'the ruleset' when the names could not be read", () => {
    expect(describeRefusal(422, created, undefined, { kind: "tag", rulesets: [] })).toEqual({
      kind: "rule",
      what: 'the ruleset rule "Restrict creations"',
      fix: "a repository admin must add the App to the ruleset's bypass list, or exclude the tag from that rule",
    });
  });

  it("knows the update and deletion messages of tags", () => {
    expect(
      describeRefusal(
        422,
        "Repository rule violations found\n\nCannot update this protected ref.\n\n",
      )?.what,
    ).toBe('the ruleset rule "Restrict updates"');
    expect(violatedRuleTypes("Cannot delete this protected ref.")).toEqual(["deletion"]);
    expect(violatedRuleTypes("Cannot update this protected ref.")).toEqual(["update"]);
  });

  it("is a rule refusal, naming the one ruleset in the singular", () => {
    expect(
      describeRefusal(422, created, undefined, { kind: "tag", rulesets: ["release tags"] }),
    ).toEqual({
      kind: "rule",
      what: 'the rule "Restrict creations" of the tag ruleset "release tags"',
      fix: 'a repository admin must add the App to the bypass list of "release tags", or exclude the tag from that rule',
    });
  });
});

describe("violatedRuleTypes", () => {
  it("gives GitHub's rule types for the messages, in the rules API's words", () => {
    expect(
      violatedRuleTypes(
        "Repository rule violations found\n\nChanges must be made through a pull request.\n\nCommits must have verified signatures.\n\nThis branch must not contain merge commits.\n\nCannot force-push to this branch\n\n",
      ),
    ).toEqual([
      "pull_request",
      "non_fast_forward",
      "required_signatures",
      "required_linear_history",
    ]);
    expect(violatedRuleTypes("Cannot create ref due to creations being restricted.")).toEqual([
      "creation",
    ]);
    expect(violatedRuleTypes("Bad Gateway")).toEqual([]);
  });
});

describe("rulesetCoversRef", () => {
  const tag = "refs/tags/v1.5.0-rc.1";
  it("matches fnmatch patterns over full ref names", () => {
    expect(rulesetCoversRef({ include: ["refs/tags/v*"], exclude: [] }, tag, null)).toBe(true);
    expect(rulesetCoversRef({ include: ["refs/tags/v2*"], exclude: [] }, tag, null)).toBe(false);
    expect(rulesetCoversRef({ include: ["refs/tags/*"], exclude: [] }, "refs/tags/a/b", null)).toBe(
      false,
    );
    expect(
      rulesetCoversRef({ include: ["refs/tags/**"], exclude: [] }, "refs/tags/a/b", null),
    ).toBe(true);
    expect(rulesetCoversRef({ include: ["refs/tags/v?.5*"], exclude: [] }, tag, null)).toBe(true);
    // `**` then a literal: the character after the `**` still has to match.
    expect(
      rulesetCoversRef({ include: ["refs/tags/**-rc"], exclude: [] }, "refs/tags/v1/x-rc", null),
    ).toBe(true);
    expect(
      rulesetCoversRef({ include: ["refs/tags/**-rc"], exclude: [] }, "refs/tags/v1/xrc", null),
    ).toBe(false);
    expect(
      rulesetCoversRef({ include: ["refs/tags/v1.5.0"], exclude: [] }, "refs/tags/v1x5x0", null),
    ).toBe(false);
  });

  it("takes ~ALL, ~DEFAULT_BRANCH and excludes", () => {
    expect(rulesetCoversRef({ include: ["~ALL"], exclude: [] }, tag, null)).toBe(true);
    expect(rulesetCoversRef({ include: ["~ALL"], exclude: ["refs/tags/v1.*"] }, tag, null)).toBe(
      false,
    );
    expect(
      rulesetCoversRef({ include: ["~DEFAULT_BRANCH"], exclude: [] }, "refs/heads/main", "main"),
    ).toBe(true);
    expect(
      rulesetCoversRef({ include: ["~DEFAULT_BRANCH"], exclude: [] }, "refs/heads/dev", "main"),
    ).toBe(false);
    expect(rulesetCoversRef({ include: [], exclude: [] }, tag, null)).toBe(false);
  });
});

describe("describeRefusal: every rule and permission, in the words the reply shows", () => {
  const bypass =
    'a repository admin must let the App bypass the protection ("Allow specified actors to bypass"), or turn the rule off for this branch';

  it("names deletions and linear history, and the fix for classic protection", () => {
    expect(describeRefusal(422, "Cannot delete this protected branch")).toEqual({
      kind: "rule",
      what: 'the branch protection rule "Restrict deletions"',
      fix: bypass,
    });
    expect(
      describeRefusal(
        422,
        "Repository rule violations found\n\nThis branch must not contain merge commits.\n\n",
      )?.what,
    ).toBe('the ruleset rule "Require linear history"');
  });

  it("takes 403 for a rule's refusal as GitHub sends it for protected branches", () => {
    expect(isRuleRefusal(403, "Protected branch update failed for refs/heads/release-1.5.")).toBe(
      true,
    );
    expect(isRuleRefusal(500, "Repository rule violations found")).toBe(false);
    expect(
      describeRefusal(403, "Protected branch update failed for refs/heads/release-1.5."),
    ).toEqual({
      kind: "rule",
      what: "the branch protection rule a branch rule",
      fix: bypass,
    });
  });

  it("names a rule it does not know as a branch rule of the ruleset", () => {
    expect(
      describeRefusal(422, "Repository rule violations found\n\nA new kind of rule.\n\n")?.what,
    ).toBe("the ruleset rule a branch rule");
  });

  it("names the workflows permission with or without backticks, and how to grant it", () => {
    const expected = {
      kind: "permission",
      what: "the App's `workflows: write` permission",
      fix: "an organization owner must grant Workflows (read and write) to the App and accept the new permission on the installation",
    };
    expect(
      describeRefusal(
        422,
        "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without workflows permission",
      ),
    ).toEqual(expected);
    expect(describeRefusal(403, "... without `workflows permission")).toEqual(expected);
    expect(describeRefusal(403, "... without workflows` permission")).toEqual(expected);
  });

  it("lists every permission the header accepts, and says so when it names none", () => {
    const missing = "Resource not accessible by integration";
    expect(describeRefusal(403, missing, "contents=write; pull_requests=write,")).toEqual({
      kind: "permission",
      what: "the App's `contents: write` or `pull_requests: write` permission",
      fix: "an organization owner must grant it to the App (app.yml lists what release-bot needs) and accept it on the installation; run as a GitHub Action, the job's `permissions:` must grant it",
    });
    expect(describeRefusal(403, missing)?.what).toBe("an App permission");
    expect(describeRefusal(403, missing, "")?.what).toBe("an App permission");
    expect(describeRefusal(403, missing, " ; ")?.what).toBe("an App permission");
  });

  it("reads a missing permission only from a 403", () => {
    expect(
      describeRefusal(422, "Resource not accessible by integration", "contents=write"),
    ).toBeNull();
  });
});

describe("classic protection's other refusals, and a bare 'Reference update failed'", () => {
  const STATUS = 'Required status check "build" is expected.';
  const SEVERAL = "2 of 3 required status checks are expected.";
  const REVIEW = "At least 1 approving review is required by reviewers with write access.";
  const REVIEWS = "At least 2 approving reviews are required by reviewers with write access.";

  it("takes required status checks and approvals for rule refusals", () => {
    for (const message of [
      STATUS,
      SEVERAL,
      REVIEW,
      REVIEWS,
      `Changes must be made through a pull request. ${STATUS}`,
    ]) {
      expect(isRuleRefusal(422, message), message).toBe(true);
    }
    expect(isRuleRefusal(422, "Reference update failed")).toBe(false);
  });

  it("names the rule, and says classic protection has no bypass for status checks", () => {
    expect(describeRefusal(422, STATUS)).toEqual({
      kind: "rule",
      what: 'the branch protection rule "Require status checks to pass"',
      fix: "classic protection lets no App bypass required status checks: a repository admin must turn the requirement off for this branch, or the change must come through a pull request",
    });
    expect(describeRefusal(422, SEVERAL)?.what).toBe(
      'the branch protection rule "Require status checks to pass"',
    );
    expect(describeRefusal(422, REVIEWS)).toEqual({
      kind: "rule",
      what: 'the branch protection rule "Require approvals"',
      fix: 'a repository admin must let the App bypass the protection ("Allow specified actors to bypass"), or turn the rule off for this branch',
    });
    expect(
      describeRefusal(422, `Changes must be made through a pull request. ${STATUS}`)?.what,
    ).toBe(
      'the branch protection rule "Require a pull request before merging", "Require status checks to pass"',
    );
    // The pull request rule has a bypass list: that is the fix named.
    expect(
      describeRefusal(422, `Changes must be made through a pull request. ${STATUS}`)?.fix,
    ).toContain('("Allow specified actors to bypass")');
  });

  it("gives the rules API's types for them", () => {
    expect(violatedRuleTypes(REVIEW)).toEqual(["pull_request"]);
    expect(violatedRuleTypes(SEVERAL)).toEqual(["required_status_checks"]);
    expect(violatedRuleTypes("Reference update failed")).toEqual(["creation"]);
  });

  it("advises on a bare 'Reference update failed', naming the rulesets when they are known", () => {
    expect(describeRefusal(422, "Reference update failed")).toEqual({
      kind: "rule",
      what: `a rule GitHub did not name (its bare "Reference update failed" is what a ruleset restricting the branch's creation answers)`,
      fix: "a repository admin must look at the rulesets that cover the branch (Settings, Rules, Rulesets) and add the App to the bypass list of any that restricts creations, or exclude the branch",
    });
    expect(
      refusalSentence(
        describeRefusal(422, "Reference update failed", undefined, {
          kind: "branch",
          rulesets: ["release branches"],
        }) as NonNullable<ReturnType<typeof describeRefusal>>,
      ),
    ).toBe(
      'refused by the rule "Restrict creations" of the branch ruleset(s) "release branches" (GitHub answered only "Reference update failed"); a repository admin must add the App to the bypass list of "release branches", or exclude the branch from that rule',
    );
    expect(
      describeRefusal(422, "Reference update failed\n", undefined, {
        kind: "tag",
        rulesets: ["tags"],
      }),
    ).toMatchObject({ kind: "rule", what: expect.stringContaining('the tag ruleset(s) "tags"') });
    expect(violatedRuleTypes(" Reference update failed\n")).toEqual(["creation"]);
    // Only GitHub's whole answer, and only as a 422.
    expect(describeRefusal(422, "Error: Reference update failed")).toBeNull();
    expect(describeRefusal(409, "Reference update failed")).toBeNull();
    expect(describeRefusal(422, "Reference update failed, try again later")).toBeNull();
  });
});
