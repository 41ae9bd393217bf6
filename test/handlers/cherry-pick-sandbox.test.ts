/**
 * The real app against the local GitHub (real git underneath): the picked diff equals the
 * original diff for each merge method, a conflict leaves nothing behind, and no temporary ref
 * survives a pick.
 */

import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../world/index.js";

let t: World;
let sandbox: Sandbox;

beforeAll(async () => {
  // One delivery at a time, each checked as a client would.
  t = await startWorld({
    seed: false,
    logLevel: "silent",
    checkWebhooks: true,
    sandbox: { deliveryMode: "sequential" },
  });
  sandbox = t.sandbox;
});

afterAll(async () => {
  await t?.close();
});

const WEBHOOK = [
  "package webhook",
  "",
  "func Validate(spec *Spec) error {",
  "\treturn spec.Check()",
  "}",
  "",
].join("\n");

/**
 * An operator repository: release-1.5 branched from master, then master and the release branch
 * moved on (in different files), then a fix PR from `fix` to master.
 */
let counter = 0;
async function operatorRepo(
  options: { commits: number; releaseEdit?: string } = { commits: 1 },
  on: Sandbox = sandbox,
) {
  counter += 1;
  const repo = await on.createRepo(`kubeflow/operator-${counter}`, {
    defaultBranch: "master",
    files: { "pkg/webhook/webhook.go": WEBHOOK, "README.md": "# operator\n", VERSION: "v1.5.0\n" },
  });
  on.setPermission(repo, "maintainer", "maintain");
  await repo.createBranch("release-1.5", "master", { as: "maintainer" });
  // The app cuts v1.5.0-rc.0 on the new branch; let it finish before the branch moves on.
  await on.idle();
  await repo.commit({
    branch: "master",
    files: { "docs/feature.md": "A new feature.\n" },
    message: "Add a feature",
    as: "maintainer",
  });
  await repo.commit({
    branch: "release-1.5",
    files: options.releaseEdit
      ? { "pkg/webhook/webhook.go": WEBHOOK.replace("spec.Check()", options.releaseEdit) }
      : { "README.md": "# operator 1.5\n" },
    message: "Release 1.5 housekeeping",
    as: "maintainer",
  });
  const fix = [
    WEBHOOK.replace(
      "\treturn spec.Check()",
      "\tif spec == nil {\n\t\treturn nil\n\t}\n\treturn spec.Check()",
    ),
    WEBHOOK.replace(
      "\treturn spec.Check()",
      "\tif spec == nil {\n\t\treturn nil\n\t}\n\treturn spec.Check() // checked",
    ),
  ];
  for (let i = 0; i < options.commits; i++) {
    await repo.commit({
      branch: "fix",
      from: "master",
      files: { "pkg/webhook/webhook.go": fix[i] ?? `${fix[1]}// ${i}\n` },
      message: `Fix the webhook, part ${i + 1}\n\nSigned-off-by: Ana <ana@example.com>`,
      author: { name: "Ana", email: "ana@example.com", login: "ana" },
      as: "ana",
    });
  }
  const pr = await repo.openPullRequest({
    head: "fix",
    base: "master",
    title: "Fix the webhook panic",
    body: "```release-note\nThe webhook no longer panics on a nil spec.\n```\n",
    user: "ana",
  });
  return { repo, number: pr.number };
}

async function pickPullOf(repo: SandboxRepo, number: number) {
  const head = `cherry-pick-${number}-to-release-1.5`;
  const [pick] = repo.pulls({ head, base: "release-1.5" });
  return { head, pick };
}

/** `git diff` of a range, for comparing what a pick changed with what the fix changed. */
const diff = (repo: SandboxRepo, from: string, to: string) =>
  repo.git("diff", "--no-color", from, to, "--", ".");

describe("cherry-picks against the local GitHub", () => {
  for (const method of ["squash", "rebase", "merge"] as const) {
    it(`picks a ${method}-merged two-commit fix with the same diff`, async () => {
      const { repo, number } = await operatorRepo({ commits: 2 });
      const masterBefore = (await repo.resolve("master")) as string;
      await repo.addLabels(number, ["cherry-pick/release-1.5", "kind/bug"], { as: "maintainer" });
      const { sha: merged } = await repo.mergePullRequest(number, { method, as: "maintainer" });
      await sandbox.idle();

      const { head, pick } = await pickPullOf(repo, number);
      expect(pick).toBeDefined();
      const pull = await repo.pull(pick as number);
      expect(pull).toMatchObject({
        title: "[release-1.5] Fix the webhook panic",
        body: `Cherry-pick of #${number} onto release-1.5.\n\n\`\`\`release-note\nThe webhook no longer panics on a nil spec.\n\`\`\`\n`,
      });
      expect(repo.labels(pick as number)).toEqual(["kind/bug"]);

      const release = (await repo.resolve("release-1.5")) as string;
      const picked = (await repo.resolve(head)) as string;
      // The same change as the fix made on master.
      const original =
        method === "merge"
          ? diff(repo, masterBefore, merged)
          : diff(repo, `${merged}~${method === "squash" ? 1 : 2}`, merged);
      expect(await diff(repo, release, picked)).toBe(await original);
      // Release-only changes are kept, master-only changes are not brought along.
      expect(await repo.readFile(head, "README.md")).toBe("# operator 1.5\n");
      expect(await repo.readFile(head, "docs/feature.md")).toBeNull();

      const commits = (await repo.git("rev-list", "--reverse", `${release}..${picked}`))
        .trim()
        .split("\n");
      expect(commits).toHaveLength(method === "squash" ? 1 : 2);
      // The last picked commit keeps the author and message of the commit it picks.
      const last = await repo.readCommit(picked);
      const from = /\(cherry picked from commit ([0-9a-f]{40})\)\n?$/.exec(
        last?.message ?? "",
      )?.[1];
      const source = await repo.readCommit(from as string);
      expect(from).toBe(method === "merge" ? await repo.resolve("fix") : merged);
      expect(last?.author).toEqual(source?.author);
      expect(last?.committer.name).toBe("release-bot[bot]");
      expect(last?.message.startsWith(source?.message.trimEnd() ?? "-")).toBe(true);
      if (method !== "squash") {
        expect(last?.message).toMatch(
          /Signed-off-by: Ana <ana@example.com>\n\(cherry picked from commit [0-9a-f]{40}\)\n?$/,
        );
      }

      // No temporary ref left: only the branches a person would expect.
      expect((await repo.branches()).sort()).toEqual(["fix", head, "master", "release-1.5"].sort());
      const status = repo
        .comments(number)
        .find((c) => c.body.includes("release-bot:cherry-pick-status"));
      expect(status?.body).toContain(
        `| \`release-1.5\` | 🔀 Pick pull request #${pick} is open. |`,
      );
      expect(t.webhookProblems.splice(0)).toEqual([]);
    });
  }

  it("reports a conflict, leaves its draft workspace and no other branch behind, and labels the pull request", async () => {
    const { repo, number } = await operatorRepo({ commits: 1, releaseEdit: "spec.Validate()" });
    await repo.addLabels(number, ["cherry-pick/release-1.5"], { as: "maintainer" });
    await repo.mergePullRequest(number, { method: "squash", as: "maintainer" });
    await sandbox.idle();

    const workspaces = repo.pulls({ base: "release-1.5" });
    expect(workspaces).toHaveLength(1);
    expect((await repo.pull(workspaces[0] as number)).draft).toBe(true);
    expect((await repo.branches()).sort()).toEqual([
      `cherry-pick-${number}-to-release-1.5`,
      "fix",
      "master",
      "release-1.5",
    ]);
    expect(repo.labels(number)).toContain("cherry-pick/failed");
    const status = repo
      .comments(number)
      .find((c) => c.body.includes("release-bot:cherry-pick-status"));
    expect(status?.body).toContain(
      `| \`release-1.5\` | ❌ Conflict: resolve it in draft #${workspaces[0]}`,
    );
    expect(status?.body).toContain("- `pkg/webhook/webhook.go`");
    expect(t.webhookProblems.splice(0)).toEqual([]);
  });

  it("picks when a maintainer comments /cherry-pick 1.5 on the merged pull request, once", async () => {
    const { repo, number } = await operatorRepo({ commits: 1 });
    await repo.mergePullRequest(number, { method: "squash", as: "maintainer" });
    await repo.comment(number, "/cherry-pick 1.5", { as: "maintainer" });
    await sandbox.idle();
    await repo.comment(number, "/cherry-pick release-1.5", { as: "maintainer" });
    await sandbox.idle();

    expect(repo.pulls({ base: "release-1.5" })).toHaveLength(1);
    const replies = repo.comments(number).filter((c) => c.body.includes("release-bot:reply-to"));
    expect(replies[0]?.body).toMatch(/^`release-1\.5`: opened \[#\d+\]/);
    expect(replies[1]?.body).toMatch(/^`release-1\.5`: \[#\d+\]\(.+\) is already open\./);
    expect(t.webhookProblems.splice(0)).toEqual([]);
  });
});

describe("cherry-picks with several replicas and duplicate deliveries", () => {
  let busy: World;

  beforeAll(async () => {
    busy = await startWorld({ replicas: 3, seed: false, logLevel: "silent", checkWebhooks: true });
  });

  afterAll(async () => {
    await busy?.close();
  });

  it("opens one pick pull request and keeps one status comment", async () => {
    const { repo, number } = await operatorRepo({ commits: 1 }, busy.sandbox);
    await repo.addLabels(number, ["cherry-pick/release-1.5"], { as: "maintainer" });
    await busy.sandbox.idle();
    // The merge arrives four times at once, spread over the replicas.
    busy.sandbox.webhooks.duplicate({ event: "pull_request", action: "closed" }, 3);
    await repo.mergePullRequest(number, { method: "squash", as: "maintainer" });
    await busy.sandbox.idle();
    busy.sandbox.webhooks.clearRules();

    const merges = busy.sandbox.webhooks.find({
      event: "pull_request",
      action: "closed",
      match: (d) => (d.payload.pull_request as { number?: number }).number === number,
    });
    expect(merges).toHaveLength(4);
    const head = `cherry-pick-${number}-to-release-1.5`;
    expect(repo.pulls({ base: "release-1.5" })).toHaveLength(1);
    expect((await repo.branches()).sort()).toEqual(["fix", head, "master", "release-1.5"].sort());
    const statuses = repo
      .comments(number)
      .filter((c) => c.body.includes("release-bot:cherry-pick-status"));
    expect(statuses).toHaveLength(1);
    expect(statuses[0]?.body).toMatch(
      /\| `release-1\.5` \| 🔀 Pick pull request #\d+ is open\. \|/,
    );
    expect(busy.webhookProblems.splice(0)).toEqual([]);
  });
});
