/**
 * Issue 11, cases 4 and 8, through webhooks on the local GitHub: a rebase merge that dropped a
 * commit is picked whole and the dropped commit named; one whose landed commits cannot be told
 * picks nothing and says how to pick by hand; a pull request closed without merging says
 * nothing was picked, and reopening it makes its requests pending again. Asserted on the status
 * comment and on git.
 */
import type { SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAINTAINER,
  makeRepo,
  type NeverWrongEnv,
  startNeverWrongEnv,
} from "./never-wrong.helpers.js";

const ana = { name: "Ana", email: "ana@example.com", login: "ana" };
const CODE = "package webhook\n\nfunc Validate(spec *Spec) error {\n\treturn spec.Check()\n}\n";
const FIXED = CODE.replace(
  "\treturn spec.Check()",
  "\tif spec == nil {\n\t\treturn nil\n\t}\n\treturn spec.Check()",
);
const TEST = "package webhook\n\nfunc TestValidateNil(t *testing.T) {}\n";
const PICK_LABEL = "cherry-pick/release-1.5";

/** The bot's one status comment on the pull request. */
function statusComment(repo: SandboxRepo, number: number): string {
  const comments = repo
    .comments(number)
    .filter((c) => c.body.includes("release-bot:cherry-pick-status"));
  expect(comments).toHaveLength(1);
  return comments[0]?.body ?? "";
}

/** A repository with `release-1.5` cut from master, both moved on, rebase merges dropping empties. */
async function releaseRepo(env: NeverWrongEnv): Promise<SandboxRepo> {
  const repo = await makeRepo(env, {
    "pkg/webhook/webhook.go": CODE,
    "README.md": "# operator\n",
    VERSION: "v1.5.0\n",
  });
  repo.setRules({ rebaseDropsEmpty: true });
  await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
  await env.sandbox.idle();
  await repo.commit({
    branch: "release-1.5",
    files: { "README.md": "# operator 1.5\n" },
    message: "Release 1.5 housekeeping",
    as: MAINTAINER,
  });
  return repo;
}

/** Ana's commits on `fix`, one per entry, each at its own author date. */
async function fixCommits(
  repo: SandboxRepo,
  commits: Array<{ message: string; files: Record<string, string>; date: Date }>,
): Promise<string[]> {
  const shas: string[] = [];
  for (const c of commits) {
    shas.push(await repo.commit({ branch: "fix", from: "master", ...c, author: ana, as: "ana" }));
  }
  return shas;
}

/** Opens the fix pull request, labels it for release-1.5, and rebase-merges it. */
async function labelAndRebase(env: NeverWrongEnv, repo: SandboxRepo): Promise<number> {
  const pr = await repo.openPullRequest({
    head: "fix",
    title: "Fix the webhook panic",
    user: "ana",
  });
  await repo.addLabels(pr.number, [PICK_LABEL], { as: MAINTAINER });
  await env.sandbox.idle();
  await repo.mergePullRequest(pr.number, { method: "rebase", as: MAINTAINER });
  await env.sandbox.idle();
  return pr.number;
}

describe("never a partial pick", () => {
  let env: NeverWrongEnv;
  beforeAll(async () => {
    env = await startNeverWrongEnv();
  }, 60_000);
  afterAll(async () => env?.close());

  it("picks every commit a rebase merge landed and names the one already on the base", async () => {
    const repo = await releaseRepo(env);
    const [, notes] = await fixCommits(repo, [
      {
        message: "Fix the webhook",
        files: { "pkg/webhook/webhook.go": FIXED },
        date: new Date("2026-01-01T10:00:00Z"),
      },
      {
        message: "Add notes",
        files: { "docs/notes.md": "Known issues.\n" },
        date: new Date("2026-01-01T10:01:00Z"),
      },
      {
        message: "Test the webhook",
        files: { "pkg/webhook/webhook_test.go": TEST },
        date: new Date("2026-01-01T10:02:00Z"),
      },
    ]);
    // The middle commit's change reaches master first, by another pull request.
    await repo.commit({
      branch: "master",
      files: { "docs/notes.md": "Known issues.\n" },
      message: "Add notes (#3)",
      as: MAINTAINER,
    });
    const number = await labelAndRebase(env, repo);
    const landed = (await repo.git("log", "--format=%s", "-3", "master")).trim().split("\n");
    expect(landed).toEqual(["Test the webhook", "Fix the webhook", "Add notes (#3)"]);

    const head = `cherry-pick-${number}-to-release-1.5`;
    const [pick] = repo.pulls({ head, base: "release-1.5" });
    expect(pick).toBeDefined();
    const picked = (
      await repo.git("log", "--reverse", "--format=%s", `release-1.5..${head}`)
    ).trim();
    expect(picked.split("\n")).toEqual(["Fix the webhook", "Test the webhook"]);
    const changed = (await repo.git("diff", "--name-only", "release-1.5", head)).trim();
    expect(changed.split("\n").sort()).toEqual([
      "pkg/webhook/webhook.go",
      "pkg/webhook/webhook_test.go",
    ]);
    expect(await repo.readFile(head, "pkg/webhook/webhook.go")).toBe(FIXED);
    expect(await repo.readFile(head, "pkg/webhook/webhook_test.go")).toBe(TEST);
    expect(statusComment(repo, number)).toContain(
      `| \`release-1.5\` | 🔀 Pick pull request #${pick} is open.<br>ℹ️ Not picked, already on the base: \`${notes?.slice(0, 12)}\` Add notes. |`,
    );
  }, 90_000);

  it("picks nothing when what landed cannot be told, and gives the commands to pick by hand", async () => {
    const repo = await releaseRepo(env);
    const reviewed = new Date("2026-01-01T10:02:00Z");
    const review = { "docs/review.md": "Reviewed.\n" };
    const own = await fixCommits(repo, [
      {
        message: "Fix the webhook",
        files: { "pkg/webhook/webhook.go": FIXED },
        date: new Date("2026-01-01T10:00:00Z"),
      },
      {
        message: "Test the webhook",
        files: { "pkg/webhook/webhook_test.go": TEST },
        date: new Date("2026-01-01T10:01:00Z"),
      },
      { message: "Address review", files: review, date: reviewed },
    ]);
    // The last commit copied onto master (same author, date and subject) before the merge: the
    // rebase drops it, and below the landed commits it looks like one of the pull request's.
    await repo.commit({
      branch: "master",
      files: review,
      message: "Address review",
      author: ana,
      date: reviewed,
      as: MAINTAINER,
    });
    const number = await labelAndRebase(env, repo);

    const status = statusComment(repo, number);
    expect(status).toContain(
      "| `release-1.5` | ❓ Cannot tell which commits of this pull request landed: nothing was picked. Pick it by hand as shown below. |",
    );
    expect(status).toContain("#### Pick by hand onto `release-1.5`");
    expect(status).toContain(`git fetch origin pull/${number}/head`);
    expect(status).toContain(`git cherry-pick -x ${own.join(" ")}`);
    expect(await repo.branches()).not.toContain(`cherry-pick-${number}-to-release-1.5`);
    expect(repo.pulls({ base: "release-1.5" })).toEqual([]);
    expect(repo.labels(number)).toContain("cherry-pick/failed");
  }, 90_000);
});

describe("a pull request closed without merging", () => {
  let env: NeverWrongEnv;
  beforeAll(async () => {
    env = await startNeverWrongEnv();
  }, 60_000);
  afterAll(async () => env?.close());

  it("says nothing was picked, and its request is pending again when reopened", async () => {
    const repo = await releaseRepo(env);
    await fixCommits(repo, [
      {
        message: "Fix the webhook",
        files: { "pkg/webhook/webhook.go": FIXED },
        date: new Date("2026-01-01T10:00:00Z"),
      },
    ]);
    const pr = await repo.openPullRequest({
      head: "fix",
      title: "Fix the webhook panic",
      user: "ana",
    });
    await repo.addLabels(pr.number, [PICK_LABEL], { as: MAINTAINER });
    await env.sandbox.idle();
    const pending = "| `release-1.5` | ⏳ Pending: picked when this pull request is merged. |";
    expect(statusComment(repo, pr.number)).toContain(pending);
    const branches = (await repo.branches()).sort();

    await repo.closePullRequest(pr.number, { as: MAINTAINER });
    await env.sandbox.idle();
    const closed = statusComment(repo, pr.number);
    expect(closed).toContain(
      "| `release-1.5` | ⛔ Not merged: nothing picked. Picked if this pull request is reopened and merged. |",
    );
    expect(closed).not.toContain("Pending");

    await repo.reopen(pr.number, { as: MAINTAINER });
    await env.sandbox.idle();
    expect(statusComment(repo, pr.number)).toContain(pending);
    expect((await repo.branches()).sort()).toEqual(branches);
    expect(repo.pulls({ base: "release-1.5" })).toEqual([]);
  }, 90_000);
});
