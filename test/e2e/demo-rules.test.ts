import { checkDemo, type DemoRecord, playDemo } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../world/index.js";
import { validatingOctokit } from "./helpers.js";
import { turnRulesOn } from "./pick-matrix.helpers.js";

/**
 * The demo release with GitHub's rules on (rulesets with signed commits and linear history on
 * master and release branches, pull requests required with the App on the bypass list, the
 * token holding exactly app.yml's permissions, the read-after-write lag, assignable users) and
 * webhooks delivered concurrently.
 */
describe("the demo release under GitHub's rules", () => {
  let env: World;
  let record: DemoRecord;
  const { Octokit, mismatches } = validatingOctokit();

  beforeAll(async () => {
    env = await startWorld({ Octokit, logLevel: "warn", rules: (repo) => turnRulesOn(repo) });
    record = await playDemo(env, () => {});
  }, 180_000);

  afterAll(async () => {
    await env?.close();
  });

  it("tags every candidate and final as without rules", () => {
    expect(checkDemo(record)).toEqual([]);
  });

  it("bumps with commits GitHub signed (no custom author or committer)", () => {
    for (const tag of record.tags) expect(env.repo.isVerified(tag.commit)).toBe(true);
  });

  it("leaves no temporary branch and gets only conforming answers", async () => {
    expect((await env.repo.branches()).filter((b) => b.startsWith("release-bot/"))).toEqual([]);
    expect(mismatches).toEqual([]);
  });
});
