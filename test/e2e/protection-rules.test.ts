/**
 * Classic branch protection's other refusals, and a ruleset that restricts creating release
 * branches, on the local GitHub with every rule on and three replicas: required status checks
 * and required approvals refuse the bump with their own messages, and the bot lands the bump
 * through a release pull request instead of failing; a branch creation refused with GitHub's
 * bare "Reference update failed" gets a reply naming the ruleset and what an admin must change.
 */
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../world/index.js";
import { commandReply } from "./helpers.js";
import { startMatrixWorld, turnRulesOn } from "./pick-matrix.helpers.js";

let world: World;
let sandbox: Sandbox;
let counter = 0;

beforeAll(async () => {
  world = await startMatrixWorld();
  sandbox = world.sandbox;
});
afterAll(async () => {
  await world?.close();
});

/** A repository under the rules with release-1.5 cut (rc.0 tagged), a fix on it, and an issue. */
async function lineRepo(): Promise<{ repo: SandboxRepo; issue: number }> {
  counter += 1;
  const repo = await sandbox.createRepo(`kubeflow/protected-${counter}`, {
    defaultBranch: "master",
    files: { VERSION: "v1.5.0\n" },
  });
  sandbox.setPermission(repo, "maintainer", "maintain");
  turnRulesOn(repo);
  await repo.createBranch("release-1.5", "master", { as: "maintainer" });
  await sandbox.idle();
  expect(repo.release("v1.5.0-rc.0")).not.toBeNull();
  await repo.commit({
    branch: "release-1.5",
    files: { "hotfix.go": "package main\n" },
    message: "Hotfix for 1.5",
    as: "maintainer",
  });
  const issue = await repo.openIssue({ title: "Release 1.5", user: "maintainer" });
  return { repo, issue };
}

const command = (repo: SandboxRepo, issue: number, body: string) =>
  commandReply(sandbox, repo, issue, body);

/** The reply's fallback to a release pull request, and that pull request as GitHub has it. */
async function expectReleasePullRequest(repo: SandboxRepo, reply: string, message: string) {
  const [number] = repo.pulls({ base: "release-1.5" });
  expect(number, reply).toBeDefined();
  expect(reply).toContain(`Opened [#${number}](`);
  expect(reply).toContain(
    "to set the version to `1.5.0-rc.1` because branch protection refused a direct commit to [`release-1.5`]",
  );
  expect(reply).toContain(`GitHub answered: ${message}`);
  const pull = await repo.pull(number as number);
  const head = (pull.head as { sha: string }).sha;
  expect(await repo.readFile(head, "VERSION")).toBe("v1.5.0-rc.1\n");
  // Nothing is tagged before the pull request is merged.
  expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
}

describe("classic protection of release branches", () => {
  it('lands the bump through a pull request when a required status check "is expected"', async () => {
    const { repo, issue } = await lineRepo();
    repo.protect("release-*", { requiredStatusChecks: ["build"] });
    const reply = await command(repo, issue, "/rc 1.5");
    await expectReleasePullRequest(repo, reply, 'Required status check "build" is expected.');
    expect(reply).toContain(
      'refused by the branch protection rule "Require status checks to pass"; classic protection lets no App bypass required status checks',
    );
  });

  it("lands the bump through a pull request when approving reviews are required", async () => {
    const { repo, issue } = await lineRepo();
    repo.protect("release-*", { requirePullRequest: true, requiredApprovingReviews: 1 });
    const reply = await command(repo, issue, "/rc 1.5");
    await expectReleasePullRequest(
      repo,
      reply,
      "At least 1 approving review is required by reviewers with write access.",
    );
    expect(reply).toContain('refused by the branch protection rule "Require approvals"');
  });
});

describe("a branch ruleset restricting creations of release-*", () => {
  it("answers the bare 'Reference update failed' with the ruleset's name and the fix", async () => {
    const { repo, issue } = await lineRepo();
    repo.addRuleset({
      name: "release branches",
      branches: ["release-*"],
      creation: true,
      nonFastForward: false,
      deletion: false,
    });
    const reply = await command(repo, issue, "/branch 1.6");
    expect(reply).toMatch(
      /^Did not create `release-1\.6`: refused by the rule "Restrict creations" of the branch ruleset\(s\) "release branches" \(GitHub answered only "Reference update failed"\); a repository admin must add the App to the bypass list of "release branches", or exclude the branch from that rule\./,
    );
    expect(await repo.branches()).not.toContain("release-1.6");
  });
});
