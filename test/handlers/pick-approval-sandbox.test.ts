/**
 * `cherryPick.approval: owners` on the local GitHub, the real app behind its webhooks: who asked
 * for a pick (a label's sender, a command's author, or, for a label whose webhook was lost, who
 * GitHub's issue events say added it) decides whether it waits for an approver.
 */
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../world/index.js";

const APPROVER = "lead";
const REVIEWER = "rita";
const CODE = "package webhook\n\nfunc Validate() error {\n\treturn nil\n}\n";
const PICK_LABEL = "cherry-pick/release-1.5";

let t: World;
let sandbox: Sandbox;

beforeAll(async () => {
  t = await startWorld({ seed: false, logLevel: "silent" });
  sandbox = t.sandbox;
});

afterAll(async () => {
  await t?.close();
});

let counter = 0;
/** A repository whose OWNERS names `lead` (reviewer `rita`), release-1.5 cut, a fix PR open. */
async function repoWithFix(owners = `approvers: [${APPROVER}]\nreviewers: [${REVIEWER}]\n`) {
  counter += 1;
  const repo = await sandbox.createRepo(`kubeflow/approval-${counter}`, {
    defaultBranch: "master",
    files: {
      ".github/release-bot.yml": "cherryPick:\n  approval: owners\ndashboard:\n  enabled: false\n",
      OWNERS: owners,
      "pkg/webhook.go": CODE,
      VERSION: "v1.5.0\n",
    },
  });
  for (const user of [APPROVER, REVIEWER]) sandbox.setPermission(repo, user, "triage");
  sandbox.setPermission(repo, "maintainer", "maintain");
  await repo.createBranch("release-1.5", "master", { as: "maintainer" });
  await sandbox.idle();
  await repo.commit({
    branch: "fix",
    from: "master",
    files: { "pkg/webhook.go": CODE.replace("nil\n}", "validate()\n}") },
    message: "Fix the webhook",
    as: "ana",
  });
  const pr = await repo.openPullRequest({ head: "fix", title: "Fix the webhook", user: "ana" });
  await sandbox.idle();
  return { repo, number: pr.number as number };
}

function status(repo: SandboxRepo, number: number): string {
  return repo.comments(number).find((c) => c.body.includes("cherry-pick-status"))?.body ?? "";
}

function picks(repo: SandboxRepo, number: number): number[] {
  return repo.pulls({ head: `cherry-pick-${number}-to-release-1.5`, base: "release-1.5" });
}

async function merge(repo: SandboxRepo, number: number) {
  await repo.mergePullRequest(number, { method: "squash", as: "maintainer" });
  await sandbox.idle();
}

const WAITING = (who: string) =>
  `| \`release-1.5\` | ✋ Waiting for an approver: add \`cherry-pick-approved\` or comment \`/cherry-pick release-1.5\` (asked for by \`${who}\`). |`;

describe("picks that wait for an approver", () => {
  it("keeps a reviewer's label waiting, and picks at the merge once the approver asks too", async () => {
    const { repo, number } = await repoWithFix();
    await repo.addLabels(number, [PICK_LABEL], { as: REVIEWER });
    await sandbox.idle();
    expect(status(repo, number)).toContain(WAITING(REVIEWER));

    await repo.comment(number, "/cherry-pick 1.5", { as: APPROVER });
    await sandbox.idle();
    expect(status(repo, number)).toContain(
      "| `release-1.5` | ⏳ Pending: picked when this pull request is merged. |",
    );
    await merge(repo, number);
    expect(picks(repo, number)).toHaveLength(1);
  }, 60_000);

  it("takes an approver's label as approved at once", async () => {
    const { repo, number } = await repoWithFix();
    await repo.addLabels(number, [PICK_LABEL], { as: APPROVER.toUpperCase() });
    await sandbox.idle();
    expect(status(repo, number)).toContain("⏳ Pending: picked when this pull request is merged.");
    await merge(repo, number);
    expect(picks(repo, number)).toHaveLength(1);
  }, 60_000);

  it("asks GitHub who added a label whose webhook was lost: an approver's is picked at the merge", async () => {
    const { repo, number } = await repoWithFix();
    sandbox.webhooks.drop({ event: "pull_request", action: "labeled" }, 1);
    await repo.addLabels(number, [PICK_LABEL], { as: APPROVER });
    await sandbox.idle();
    expect(status(repo, number)).toBe("");
    await merge(repo, number);
    expect(picks(repo, number)).toHaveLength(1);
  }, 60_000);

  it("asks GitHub who added a label whose webhook was lost: a reviewer's waits, naming them", async () => {
    const { repo, number } = await repoWithFix();
    sandbox.webhooks.drop({ event: "pull_request", action: "labeled" }, 1);
    await repo.addLabels(number, [PICK_LABEL], { as: REVIEWER });
    await sandbox.idle();
    await merge(repo, number);
    expect(picks(repo, number)).toEqual([]);
    expect(status(repo, number)).toContain(WAITING(REVIEWER));
  }, 60_000);

  it("lets nothing go for an approval label added by someone who is not an approver", async () => {
    const { repo, number } = await repoWithFix();
    await repo.addLabels(number, [PICK_LABEL], { as: REVIEWER });
    await sandbox.idle();
    await merge(repo, number);
    await repo.addLabels(number, ["cherry-pick-approved"], { as: REVIEWER });
    await sandbox.idle();
    expect(picks(repo, number)).toEqual([]);
    expect(status(repo, number)).toContain(WAITING(REVIEWER));
  }, 60_000);

  it("counts an approval label an approver added before the request", async () => {
    const { repo, number } = await repoWithFix();
    await repo.addLabels(number, ["cherry-pick-approved"], { as: APPROVER });
    await sandbox.idle();
    await repo.addLabels(number, [PICK_LABEL], { as: REVIEWER });
    await sandbox.idle();
    expect(status(repo, number)).toContain("⏳ Pending: picked when this pull request is merged.");
  }, 60_000);

  it("withdraws a waiting request when its label is removed", async () => {
    const { repo, number } = await repoWithFix();
    await repo.addLabels(number, [PICK_LABEL], { as: REVIEWER });
    await sandbox.idle();
    await repo.removeLabel(number, PICK_LABEL, { as: REVIEWER });
    await sandbox.idle();
    expect(status(repo, number)).toContain(
      "No pick is requested: the cherry-pick labels were removed.",
    );
  }, 60_000);

  it("answers a /cherry-pick with the OWNERS problem and writes nothing when the file is broken", async () => {
    const { repo, number } = await repoWithFix("approvers: [lead\n");
    const asked = await repo.comment(number, "/cherry-pick release-1.5", { as: APPROVER });
    await sandbox.idle();
    const reply = repo.comments(number).find((c) => c.body.includes(`reply-to:${asked.id} `));
    expect(reply?.body).toMatch(
      /^`\/cherry-pick release-1\.5` was not run: `OWNERS` on the default branch is not valid YAML: /,
    );
    expect(repo.labels(number)).toEqual([]);
    expect(status(repo, number)).toBe("");
  }, 60_000);
});
