import { describe, expect, it } from "vitest";
import {
  removeStaleTemporaryBranches,
  STALE_AFTER_MS,
  temporaryBranchName,
} from "../../../src/github/pick/temporary.js";
import { api, github, REPO_PATH, repo } from "../octokit.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const at = (ms: number) => new Date(ms).toISOString();

describe("temporaryBranchName", () => {
  it("puts the pick branch under release-bot/tmp/ with a nonce of its own per attempt", () => {
    const first = temporaryBranchName("cherry-pick-7-to-release-1.5");
    expect(first).toMatch(/^release-bot\/tmp\/cherry-pick-7-to-release-1\.5\/[0-9a-f]{8}$/);
    expect(temporaryBranchName("cherry-pick-7-to-release-1.5")).not.toBe(first);
  });
});

describe("removeStaleTemporaryBranches", () => {
  it("deletes the temporary branches made ten minutes ago or earlier, or at no readable time, and keeps newer ones", async () => {
    const branches = {
      old: { sha: "1".repeat(40), date: at(NOW - STALE_AFTER_MS) },
      fresh: { sha: "2".repeat(40), date: at(NOW - STALE_AFTER_MS + 1000) },
      undated: { sha: "3".repeat(40), date: "not a date" },
    };
    const scope = api()
      .get(`${REPO_PATH}/git/matching-refs/${encodeURIComponent("heads/release-bot/tmp/")}`)
      .query({ per_page: "100" })
      .reply(
        200,
        Object.entries(branches).map(([name, { sha }]) => ({
          ref: `refs/heads/release-bot/tmp/p/${name}`,
          object: { sha },
        })),
      );
    for (const { sha, date } of Object.values(branches)) {
      scope.get(`${REPO_PATH}/git/commits/${sha}`).reply(200, { sha, committer: { date } });
    }
    for (const name of ["old", "undated"]) {
      scope
        .delete(`${REPO_PATH}/git/refs/${encodeURIComponent(`heads/release-bot/tmp/p/${name}`)}`)
        .reply(204);
    }

    expect(await removeStaleTemporaryBranches(github(), repo, NOW)).toEqual([
      { branch: "release-bot/tmp/p/old", refused: null },
      { branch: "release-bot/tmp/p/undated", refused: null },
    ]);
    scope.done();
  });

  it("reports a deletion a ruleset refuses and goes on with the next branch, once each", async () => {
    const branches = { kept: "4".repeat(40), old: "5".repeat(40) };
    const scope = api()
      .get(`${REPO_PATH}/git/matching-refs/${encodeURIComponent("heads/release-bot/tmp/")}`)
      .query({ per_page: "100" })
      .reply(
        200,
        Object.entries(branches).map(([name, sha]) => ({
          ref: `refs/heads/release-bot/tmp/p/${name}`,
          object: { sha },
        })),
      );
    for (const sha of Object.values(branches)) {
      scope
        .get(`${REPO_PATH}/git/commits/${sha}`)
        .reply(200, { sha, committer: { date: at(NOW - STALE_AFTER_MS) } });
    }
    scope
      .delete(`${REPO_PATH}/git/refs/${encodeURIComponent("heads/release-bot/tmp/p/kept")}`)
      .reply(422, {
        message: "Repository rule violations found\n\nCannot delete this branch\n\n",
      });
    scope
      .delete(`${REPO_PATH}/git/refs/${encodeURIComponent("heads/release-bot/tmp/p/old")}`)
      .reply(204);

    const stale = await removeStaleTemporaryBranches(github(), repo, NOW);
    scope.done();
    expect(stale.map((s) => [s.branch, (s.refused as { status?: number } | null)?.status])).toEqual(
      [
        ["release-bot/tmp/p/kept", 422],
        ["release-bot/tmp/p/old", undefined],
      ],
    );
  });

  it("is ten minutes, the longest a pick runs with room to spare", () => {
    expect(STALE_AFTER_MS).toBe(600_000);
  });
});
