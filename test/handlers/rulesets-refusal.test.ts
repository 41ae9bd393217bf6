/**
 * Naming the rulesets behind a refusal (`src/github/rulesets.ts`): GitHub's 422 names the rules
 * only; the bot reads the tag (or branch) rulesets, keeps the active ones whose conditions
 * cover the ref and whose rules include a refused one, and names them with the fix.
 */
import { describe, expect, it } from "vitest";
import { explainRefusal } from "../../src/github/rulesets.js";
import type { GitHub } from "../../src/github/types.js";
import { github, REPO_PATH } from "../helpers/github.js";
import { TestOctokit } from "../helpers/probot.js";

const repo = { owner: "Codertocat", repo: "Hello-World" };
const TAG = "refs/tags/v1.5.0-rc.1";

/** An error shaped as Octokit's RequestError for GitHub's answer. */
function refused(message: string, status = 422): Error {
  return Object.assign(new Error(message), {
    status,
    response: { status, headers: {}, data: { message } },
  });
}

const CREATION =
  "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n";

function ruleset(
  id: number,
  name: string,
  include: string[],
  rules: string[],
  enforcement = "active",
) {
  return {
    summary: { id, name, target: "tag", source_type: "Repository", source: "x", enforcement },
    detail: {
      id,
      name,
      target: "tag",
      source: "x",
      enforcement,
      conditions: { ref_name: { include, exclude: [] } },
      rules: rules.map((type) => ({ type })),
    },
  };
}

describe("explainRefusal", () => {
  it("names the active tag rulesets covering the tag with the refused rule", async () => {
    const scope = github();
    const sets = [
      ruleset(1, "release tags", ["refs/tags/v*"], ["creation", "deletion"]),
      ruleset(2, "nightlies", ["refs/tags/nightly-*"], ["creation"]),
      ruleset(3, "no deletions", ["~ALL"], ["deletion"]),
      ruleset(4, "off", ["~ALL"], ["creation"], "disabled"),
    ];
    scope
      .get(`${REPO_PATH}/rulesets`)
      .query({ targets: "tag", per_page: "100" })
      .reply(
        200,
        sets.map((s) => s.summary),
      );
    for (const s of sets.slice(0, 3)) {
      scope.get(`${REPO_PATH}/rulesets/${s.detail.id}`).reply(200, s.detail);
    }

    const why = await explainRefusal(
      new TestOctokit({ auth: "x" }) as unknown as GitHub,
      repo,
      TAG,
      refused(CREATION),
    );
    scope.done();

    expect(why).toBe(
      'refused by the rule "Restrict creations" of the tag ruleset "release tags"; a repository admin must add the App to the bypass list of "release tags", or exclude the tag from that rule',
    );
  });

  it("falls back to 'the ruleset' when the rulesets cannot be read", async () => {
    const scope = github();
    scope
      .get(`${REPO_PATH}/rulesets`)
      .query({ targets: "tag", per_page: "100" })
      .reply(403, { message: "Resource not accessible by integration" });

    const why = await explainRefusal(
      new TestOctokit({ auth: "x" }) as unknown as GitHub,
      repo,
      TAG,
      refused(CREATION),
    );
    scope.done();

    expect(why).toBe(
      `refused by the ruleset rule "Restrict creations"; a repository admin must add the App to the ruleset's bypass list, or exclude the tag from that rule`,
    );
  });

  it("names a permission without reading rulesets, and is null for other failures", async () => {
    const octokit = new TestOctokit({ auth: "x" }) as unknown as GitHub;
    const workflows = refused(
      "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission",
    );
    expect(await explainRefusal(octokit, repo, TAG, workflows)).toBe(
      "refused by the App's `workflows: write` permission; an organization owner must grant Workflows (read and write) to the App and accept the new permission on the installation",
    );
    expect(await explainRefusal(octokit, repo, TAG, refused("Bad Gateway", 502))).toBeNull();
    expect(await explainRefusal(octokit, repo, TAG, new Error("socket hang up"))).toBeNull();
  });
});
