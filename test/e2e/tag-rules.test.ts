/**
 * The bot under rules that refuse its tags, on the local GitHub with every rule on and webhooks
 * delivered concurrently to three replicas: a tag ruleset restricting creations of `v*`, and a
 * token without the `workflows` permission on a release line whose workflows differ from the
 * default branch's. The reply names what refused and what an admin must do, says what exists
 * (the bump commit, no tag, no release), and the command run again once fixed finishes the job.
 */
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../world/index.js";
import { commandReply } from "./helpers.js";
import { APP_PERMISSIONS, BOT, startMatrixWorld, turnRulesOn } from "./pick-matrix.helpers.js";

let world: World;
let sandbox: Sandbox;
let problems: string[];
let counter = 0;

beforeAll(async () => {
  world = await startMatrixWorld();
  ({ sandbox, webhookProblems: problems } = world);
});
afterAll(async () => {
  await world?.close();
});

/** A repository under the rules with release-1.5 cut (rc.0 tagged) and an issue to command on. */
async function lineRepo(
  permissions: Record<string, string> = APP_PERMISSIONS,
): Promise<{ repo: SandboxRepo; issue: number }> {
  counter += 1;
  const repo = await sandbox.createRepo(`kubeflow/tags-${counter}`, {
    defaultBranch: "master",
    files: { VERSION: "v1.5.0\n", ".github/workflows/ci.yml": "on: push\n" },
  });
  sandbox.setPermission(repo, "maintainer", "maintain");
  turnRulesOn(repo, permissions);
  await repo.createBranch("release-1.5", "master", { as: "maintainer" });
  await sandbox.idle();
  expect(repo.release("v1.5.0-rc.0")).not.toBeNull();
  // A fix on the line since rc.0: `/rc 1.5` has something to tag.
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

describe("a tag ruleset restricting creations of v*", () => {
  it("names the ruleset, keeps the bump commit, makes no tag or release, and finishes once bypassed", async () => {
    const { repo, issue } = await lineRepo();
    repo.addRuleset({ name: "release tags", tags: ["v*"], creation: true, bypass: [] });
    const before = await repo.resolve("release-1.5");

    const reply = await command(repo, issue, "/rc 1.5");

    const head = (await repo.resolve("release-1.5")) as string;
    expect(head).not.toBe(before);
    expect(await repo.readFile(head, "VERSION")).toBe("v1.5.0-rc.1\n");
    expect(reply).toContain(`The version bump is committed ([\`${head.slice(0, 7)}\`]`);
    expect(reply).toContain(
      'tag `v1.5.0-rc.1` was not created: refused by the rule "Restrict creations" of the tag ruleset "release tags"; a repository admin must add the App to the bypass list of "release tags", or exclude the tag from that rule',
    );
    expect(reply).toContain("No tag and no GitHub release exist for `1.5.0-rc.1`");
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
    expect(repo.release("v1.5.0-rc.1")).toBeNull();

    repo.setRules({ rulesets: [] });
    turnRulesOn(repo);
    repo.addRuleset({ name: "release tags", tags: ["v*"], creation: true, bypass: [BOT] });
    const again = await command(repo, issue, "/rc 1.5");
    expect(again).toContain("Tagged release candidate");
    expect(await repo.resolve("release-1.5")).toBe(head);
    expect(await repo.git("rev-parse", "v1.5.0-rc.1^{commit}")).toBe(`${head}\n`);
    expect(repo.release("v1.5.0-rc.1")).not.toBeNull();
    expect(problems.splice(0)).toEqual([]);
  }, 60_000);
});

describe("a token without the workflows permission", () => {
  it("names the permission when the line's workflows differ from the default branch's", async () => {
    const withoutWorkflows = Object.fromEntries(
      Object.entries(APP_PERMISSIONS).filter(([name]) => name !== "workflows"),
    );
    const { repo, issue } = await lineRepo(withoutWorkflows);
    await repo.commit({
      branch: "master",
      files: { ".github/workflows/ci.yml": "on: pull_request\n" },
      message: "CI on pull requests",
      as: "maintainer",
    });

    const reply = await command(repo, issue, "/rc 1.5");

    expect(reply).toContain(
      "tag `v1.5.0-rc.1` was not created: refused by the App's `workflows: write` permission",
    );
    expect(reply).toContain("accept the new permission on the installation");
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
    expect(repo.release("v1.5.0-rc.1")).toBeNull();
    expect(problems.splice(0)).toEqual([]);
  }, 60_000);
});
