/**
 * Telling a burned tag name from a ruleset (`src/github/burned-tags.ts`): GitHub refuses both
 * with "Cannot create ref due to creations being restricted"; a burned name has no ruleset behind
 * it, in a repository whose immutable releases are not known to be off. Read only after a refusal.
 */
import { describe, expect, it } from "vitest";
import { immutableReleasesEnabled, isBurnedTagName } from "../../src/github/burned-tags.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const CREATION =
  "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n";

function refused(message: string, status = 422, errors?: unknown[]): Error {
  const data = errors ? { message, errors } : { message };
  return Object.assign(new Error(message), { status, response: { status, headers: {}, data } });
}

function rulesets(
  scope: ReturnType<typeof api>,
  sets: Array<{ include: string[]; rules: string[] }>,
) {
  scope
    .get(`${REPO_PATH}/rulesets`)
    .query({ targets: "tag", per_page: "100" })
    .reply(
      200,
      sets.map((_, i) => ({
        id: i + 1,
        name: `set ${i + 1}`,
        target: "tag",
        enforcement: "active",
      })),
    );
  for (const [i, set] of sets.entries()) {
    scope.get(`${REPO_PATH}/rulesets/${i + 1}`).reply(200, {
      id: i + 1,
      name: `set ${i + 1}`,
      target: "tag",
      enforcement: "active",
      conditions: { ref_name: { include: set.include, exclude: [] } },
      rules: set.rules.map((type) => ({ type })),
    });
  }
}

function immutable(scope: ReturnType<typeof api>, status: 200 | 403 | 404) {
  scope
    .get(`${REPO_PATH}/immutable-releases`)
    .reply(status, status === 200 ? { enabled: true, enforced_by_owner: false } : { message: "x" });
}

describe("isBurnedTagName", () => {
  it("is a creation refusal no ruleset explains, with immutable releases on or unreadable", async () => {
    for (const status of [200, 403] as const) {
      const scope = api();
      rulesets(scope, [{ include: ["refs/tags/nightly-*"], rules: ["creation"] }]);
      immutable(scope, status);
      expect(await isBurnedTagName(github(), repo, "v1.5.0", refused(CREATION))).toBe(true);
      scope.done();
    }
  });

  it("is not when a ruleset restricts creating the tag, or immutable releases are off", async () => {
    const covered = api();
    rulesets(covered, [{ include: ["refs/tags/v*"], rules: ["creation"] }]);
    immutable(covered, 200);
    expect(await isBurnedTagName(github(), repo, "v1.5.0", refused(CREATION))).toBe(false);
    covered.done();

    const off = api();
    rulesets(off, []);
    immutable(off, 404);
    expect(await isBurnedTagName(github(), repo, "v1.5.0", refused(CREATION))).toBe(false);
    off.done();
  });

  it("reads nothing for GitHub's own words on a release, or for any other refusal", async () => {
    const release = refused("Validation Failed", 422, [
      {
        resource: "Release",
        code: "custom",
        field: "tag_name",
        message: "tag_name was used by an immutable release",
      },
    ]);
    expect(await isBurnedTagName(github(), repo, "v1.5.0", release)).toBe(true);
    const deletion = "Repository rule violations found\n\nCannot delete this protected ref.\n\n";
    expect(await isBurnedTagName(github(), repo, "v1.5.0", refused(deletion))).toBe(false);
    expect(await isBurnedTagName(github(), repo, "v1.5.0", refused(CREATION, 403))).toBe(false);
    expect(await isBurnedTagName(github(), repo, "v1.5.0", new Error(CREATION))).toBe(false);
  });
});

describe("immutableReleasesEnabled", () => {
  it("is GitHub's answer: enabled, off (404), or unknown when the App may not read it", async () => {
    const scope = api();
    immutable(scope, 200);
    immutable(scope, 404);
    immutable(scope, 403);
    expect(await immutableReleasesEnabled(github(), repo)).toBe(true);
    expect(await immutableReleasesEnabled(github(), repo)).toBe(false);
    expect(await immutableReleasesEnabled(github(), repo)).toBeNull();
    scope.done();
  });
});
