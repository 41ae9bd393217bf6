/**
 * The dashboard names who may release: the OWNERS approvers under `commands.permission: owners`,
 * named again when a push changes the OWNERS file (or its aliases) on the default branch.
 */
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeState } from "../../src/core/line/dashboard-state.js";
import { github } from "../helpers/github.js";
import { examplePayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";
import { startWorld, type World } from "../world/index.js";

let t: World;
let sandbox: Sandbox;

beforeAll(async () => {
  t = await startWorld({ seed: false, logLevel: "silent" });
  sandbox = t.sandbox;
});

afterAll(async () => {
  await t?.close();
});

/** The body of the repository's one open dashboard issue (the first issue the bot opens). */
function dashboard(repo: SandboxRepo): string {
  for (let number = 1; number < 20; number++) {
    let issue: { body?: string | null; state?: string; labels?: Array<{ name: string }> };
    try {
      issue = repo.issue(number) as typeof issue;
    } catch {
      continue;
    }
    const labelled = issue.labels?.some((l) => l.name === "release-bot/dashboard");
    if (labelled && issue.state === "open") return issue.body ?? "";
  }
  return "";
}

describe("who may release, on the dashboard", () => {
  it("names the OWNERS approvers, and names them anew when OWNERS_ALIASES changes on master", async () => {
    const repo = await sandbox.createRepo("kubeflow/owners-dashboard", {
      defaultBranch: "master",
      files: {
        ".github/release-bot.yml": "commands:\n  permission: owners-or-maintain\n",
        OWNERS: "approvers:\n  - lead\n  - release-team\n",
        OWNERS_ALIASES: "aliases:\n  release-team: [mona]\n",
        VERSION: "v1.5.0\n",
      },
    });
    sandbox.setPermission(repo, "maintainer", "maintain");
    await repo.createBranch("release-1.5", "master", { as: "maintainer" });
    await sandbox.idle();
    expect(dashboard(repo)).toContain(
      "**Who may release:** the approvers in `OWNERS`: `lead`, `mona`; and people with the `maintain` role or higher.",
    );

    await repo.commit({
      branch: "master",
      files: { OWNERS_ALIASES: "aliases:\n  release-team: [mona, Nico]\n" },
      message: "Nico joins the release team",
      as: "maintainer",
    });
    await sandbox.idle();
    const body = dashboard(repo);
    expect(body).toContain(
      "**Who may release:** the approvers in `OWNERS`: `lead`, `mona`, `Nico`; and people with the `maintain` role or higher.",
    );
    expect(decodeState(body)?.releasers).toEqual({
      kind: "owners",
      file: "OWNERS",
      approvers: ["lead", "mona", "Nico"],
      orMaintain: true,
    });
  }, 60_000);

  it("costs no API call for a push to the default branch that changes no OWNERS-like file", async () => {
    const scope = github();
    const payload = examplePayload("push") as {
      ref: string;
      repository: { default_branch: string };
      commits: Array<{ added: string[]; modified: string[]; removed: string[] }>;
    };
    payload.ref = `refs/heads/${payload.repository.default_branch}`;
    for (const commit of payload.commits) {
      commit.added = ["docs/owners.md"];
      commit.modified = ["README.md"];
      commit.removed = [];
    }
    const { probot } = createTestBot();
    await probot.receive({ name: "push", id: "push-1", payload } as never);
    scope.done();
  });
});
