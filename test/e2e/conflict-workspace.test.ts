/**
 * Issue 25 through webhooks on the local GitHub: conflicts that are never a dead end. An open
 * labelled pull request gets a `cherry-pick preview` that fails while its pick would conflict
 * and passes once a push removes the conflict (and fails again when the release branch moves
 * under it); a merged conflicting pick becomes one draft workspace pull request holding git's
 * markers, whose `conflict markers` check fails until a commit resolves them. Asserted on the
 * check runs, the pull requests and the bytes on the branches.
 */
import { Octokit } from "@octokit/rest";
import type { SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAINTAINER,
  makeRepo,
  type NeverWrongEnv,
  startNeverWrongEnv,
} from "./never-wrong.helpers.js";

const ana = { name: "Ana", email: "ana@example.com", login: "ana" };
const LABEL = "cherry-pick/release-1.5";
const PREVIEW = "cherry-pick preview (release-1.5)";

/** A Go file whose timeout line is what the release branch and the fixes disagree on. */
const CODE = [
  "package controller",
  "",
  'import "time"',
  "",
  "// Timeout bounds one reconcile.",
  "const Timeout = 60 * time.Second",
  "",
  "func Reconcile() error {",
  "\treturn nil",
  "}",
  "",
].join("\n");
const ON_RELEASE = CODE.replace("60 * time.Second", "90 * time.Second");
const IN_FIX = CODE.replace("60 * time.Second", "120 * time.Second");

describe("conflicts that are never a dead end", () => {
  let env: NeverWrongEnv;

  beforeAll(async () => {
    env = await startNeverWrongEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  /** A repository whose `release-1.5` changed the timeout after it was cut from master. */
  async function releaseRepo(): Promise<SandboxRepo> {
    const repo = await makeRepo(env, {
      "internal/controller/reconcile.go": CODE,
      "docs/timeouts.md": "# Timeouts\n\nOne minute.\n",
      VERSION: "v1.5.0\n",
    });
    env.sandbox.setPermission(repo, ana.login, "write");
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    await repo.commit({
      branch: "release-1.5",
      files: { "internal/controller/reconcile.go": ON_RELEASE },
      message: "Raise the timeout on 1.5",
      as: MAINTAINER,
    });
    await env.sandbox.idle();
    return repo;
  }

  /** Ana's fix on `fix`, opened against master with the pick label. */
  async function openFix(repo: SandboxRepo, files: Record<string, string>): Promise<number> {
    await repo.commit({
      branch: "fix",
      from: "master",
      files,
      message: "Raise the reconcile timeout",
      author: ana,
      as: ana.login,
    });
    const pr = await repo.openPullRequest({
      head: "fix",
      title: "Raise the reconcile timeout",
      user: ana.login,
    });
    await repo.addLabels(pr.number as number, [LABEL], { as: MAINTAINER });
    await env.sandbox.idle();
    return pr.number as number;
  }

  /** The newest run of each check on a commit, with its annotations as `path:line`. */
  async function checksOn(repo: SandboxRepo, sha: string) {
    const octokit = new Octokit({
      baseUrl: env.sandbox.url,
      auth: env.sandbox.tokenFor(MAINTAINER),
    });
    const o = { owner: repo.owner, repo: repo.name };
    const { data } = await octokit.rest.checks.listForRef({ ...o, ref: sha });
    const newest = new Map<string, (typeof data.check_runs)[number]>();
    for (const run of data.check_runs) if (!newest.has(run.name)) newest.set(run.name, run);
    const result: Record<
      string,
      { conclusion: string | null; title: string | null; at: string[] }
    > = {};
    for (const [name, run] of newest) {
      const annotations = await octokit.rest.checks.listAnnotations({ ...o, check_run_id: run.id });
      result[name] = {
        conclusion: run.conclusion,
        title: run.output.title,
        at: annotations.data.map((a) => `${a.path}:${a.start_line}`),
      };
    }
    return result;
  }

  it("previews the pick on the open pull request: failing while it would conflict, passing after the push that removes the conflict, failing again when the branch moves under it", async () => {
    const repo = await releaseRepo();
    const pr = await openFix(repo, {
      "internal/controller/reconcile.go": IN_FIX,
      "docs/timeouts.md": "# Timeouts\n\nTwo minutes.\n",
    });
    const head = (await repo.resolve("fix")) as string;
    let checks = await checksOn(repo, head);
    expect(checks[PREVIEW]).toEqual({
      conclusion: "failure",
      title: "conflicts on `release-1.5` in `internal/controller/reconcile.go` (line 6)",
      at: ["internal/controller/reconcile.go:6"],
    });

    // The push that takes the release branch's value: nothing left to conflict.
    const resolved = await repo.commit({
      branch: "fix",
      files: { "internal/controller/reconcile.go": ON_RELEASE },
      message: "Keep 1.5's timeout",
      author: ana,
      as: ana.login,
    });
    await env.sandbox.idle();
    checks = await checksOn(repo, resolved);
    expect(checks[PREVIEW]).toMatchObject({
      conclusion: "success",
      title: "applies cleanly to `release-1.5`",
    });
    expect((await repo.pull(pr)).state).toBe("open");

    // The release branch moves to another value: the open pull request's preview follows.
    await repo.commit({
      branch: "release-1.5",
      files: { "internal/controller/reconcile.go": CODE.replace("60 *", "75 *") },
      message: "Tune the timeout on 1.5 again",
      as: MAINTAINER,
    });
    await env.sandbox.idle();
    checks = await checksOn(repo, resolved);
    expect(checks[PREVIEW]).toMatchObject({
      conclusion: "failure",
      title: "conflicts on `release-1.5` in `internal/controller/reconcile.go` (line 6)",
    });
  }, 120_000);

  it("turns a merged conflicting pick into one draft workspace with git's markers, whose conflict markers check passes once resolved", async () => {
    const repo = await releaseRepo();
    const pr = await openFix(repo, {
      "internal/controller/reconcile.go": IN_FIX,
      "docs/timeouts.md": "# Timeouts\n\nTwo minutes.\n",
    });
    await repo.mergePullRequest(pr, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    const merge = (await repo.pull(pr)).merge_commit_sha as string;
    // Redelivered: still one workspace.
    const closed = env.sandbox.webhooks
      .find({ event: "pull_request", action: "closed" })
      .filter((d) => (d.payload as { number?: number }).number === pr)
      .at(-1);
    env.sandbox.webhooks.redeliver(closed?.guid as string);
    await env.sandbox.idle();

    const workspaces = repo.pulls({ base: "release-1.5", state: "all" });
    expect(workspaces).toHaveLength(1);
    const number = workspaces[0] as number;
    const workspace = await repo.pull(number);
    expect(workspace).toMatchObject({
      draft: true,
      state: "open",
      title: "[release-1.5] Raise the reconcile timeout",
      head: { ref: `cherry-pick-${pr}-to-release-1.5` },
      assignees: [expect.objectContaining({ login: "ana" })],
    });
    expect(repo.labels(number)).toEqual(["cherry-pick/conflict"]);
    const body = String(workspace.body);
    expect(body.startsWith(`Cherry-pick of #${pr} onto release-1.5.`)).toBe(true);
    expect(body).toContain("- `internal/controller/reconcile.go`: 1 conflict (lines 6–10)");
    expect(body).toContain(`git switch cherry-pick-${pr}-to-release-1.5`);

    // The workspace: the clean file applied, the conflicting one with git's markers.
    const branch = `cherry-pick-${pr}-to-release-1.5`;
    expect(await repo.readFile(branch, "docs/timeouts.md")).toBe("# Timeouts\n\nTwo minutes.\n");
    const subject = "Raise the reconcile timeout (#";
    expect(await repo.readFile(branch, "internal/controller/reconcile.go")).toBe(
      CODE.replace(
        "const Timeout = 60 * time.Second\n",
        [
          "<<<<<<< release-1.5",
          "const Timeout = 90 * time.Second",
          "=======",
          "const Timeout = 120 * time.Second",
          `>>>>>>> ${merge.slice(0, 12)} (${subject}${pr}))`,
          "",
        ].join("\n"),
      ),
    );
    const workspaceHead = (await repo.resolve(branch)) as string;
    expect((await repo.readCommit(workspaceHead))?.parents).toEqual([
      await repo.resolve("release-1.5"),
    ]);

    // The original's status row links it; the failed label stays as before.
    const status = repo
      .comments(pr)
      .find((c) => c.body.includes("release-bot:cherry-pick-status"))?.body;
    expect(status).toContain(`❌ Conflict: resolve it in draft #${number}`);
    expect(repo.labels(pr)).toContain("cherry-pick/failed");

    let checks = await checksOn(repo, workspaceHead);
    expect(checks["conflict markers"]).toEqual({
      conclusion: "failure",
      title: "3 conflict markers in `internal/controller/reconcile.go`",
      at: [
        "internal/controller/reconcile.go:6",
        "internal/controller/reconcile.go:8",
        "internal/controller/reconcile.go:10",
      ],
    });

    // A maintainer resolves it on the branch: the check turns green.
    const fixed = await repo.commit({
      branch,
      files: { "internal/controller/reconcile.go": IN_FIX },
      message: "Resolve the conflict",
      as: MAINTAINER,
    });
    await env.sandbox.idle();
    checks = await checksOn(repo, fixed);
    expect(checks["conflict markers"]).toMatchObject({
      conclusion: "success",
      title: "No conflict markers",
    });

    // A draft cannot be merged; ready for review and merged, the workspace is the pick: the
    // row says so and the failed label goes.
    await expect(
      repo.mergePullRequest(number, { method: "squash", as: MAINTAINER }),
    ).rejects.toThrow("Pull Request is still a draft");
    repo.markReadyForReview(number);
    await repo.mergePullRequest(number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    const after = repo
      .comments(pr)
      .find((c) => c.body.includes("release-bot:cherry-pick-status"))?.body;
    expect(after).toContain(`✅ Merged in #${number}.`);
    expect(repo.labels(pr)).not.toContain("cherry-pick/failed");
  }, 120_000);

  /** The bot's status comment on the original, and its row for release-1.5. */
  function statusRow(repo: SandboxRepo, pr: number): string {
    const body =
      repo.comments(pr).find((c) => c.body.includes("release-bot:cherry-pick-status"))?.body ?? "";
    return body.split("\n").find((line) => line.startsWith("| `release-1.5` |")) ?? "";
  }

  it("refreshes the workspace on /cherry-pick once the branch moved, only while nobody pushed to it", async () => {
    const repo = await releaseRepo();
    const pr = await openFix(repo, { "internal/controller/reconcile.go": IN_FIX });
    await repo.mergePullRequest(pr, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    const branch = `cherry-pick-${pr}-to-release-1.5`;
    const [number] = repo.pulls({ base: "release-1.5", state: "all" });
    const first = (await repo.resolve(branch)) as string;

    // The branch has not moved: nothing to refresh.
    await repo.comment(pr, "/cherry-pick release-1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    expect(await repo.resolve(branch)).toBe(first);
    expect(statusRow(repo, pr)).toContain(
      "the target branch has not moved since the draft was made",
    );

    // The branch moved and nobody pushed: made again on the new head, markers and all.
    const moved = await repo.commit({
      branch: "release-1.5",
      files: { "docs/timeouts.md": "# Timeouts\n\nSee the code.\n" },
      message: "Docs on 1.5",
      as: MAINTAINER,
    });
    await env.sandbox.idle();
    await repo.comment(pr, "/cherry-pick release-1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    const second = (await repo.resolve(branch)) as string;
    expect(second).not.toBe(first);
    expect((await repo.readCommit(second))?.parents).toEqual([moved]);
    expect(await repo.readFile(branch, "docs/timeouts.md")).toBe("# Timeouts\n\nSee the code.\n");
    expect(await repo.readFile(branch, "internal/controller/reconcile.go")).toContain(
      "<<<<<<< release-1.5\nconst Timeout = 90 * time.Second\n=======\n",
    );
    expect(repo.pulls({ base: "release-1.5", state: "all" })).toEqual([number]);
    expect(statusRow(repo, pr)).toContain(`the draft was made again on ${moved.slice(0, 12)}`);

    // Someone started resolving it: a later refresh leaves their work alone.
    const theirs = await repo.commit({
      branch,
      files: { "internal/controller/reconcile.go": ON_RELEASE },
      message: "Keep 1.5's timeout",
      as: MAINTAINER,
    });
    await repo.commit({
      branch: "release-1.5",
      files: { VERSION: "v1.5.1\n" },
      message: "Bump",
      as: MAINTAINER,
    });
    await env.sandbox.idle();
    await repo.comment(pr, "/cherry-pick release-1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    expect(await repo.resolve(branch)).toBe(theirs);
    expect(statusRow(repo, pr)).toContain(
      "the draft has commits release-bot did not make, so it was left as it is",
    );
  }, 120_000);

  it("gives a pick pull request the original's labels, assignees, milestone and reviewers, and turns on auto-merge where the repository allows it", async () => {
    const repo = await makeRepo(env, {
      ".github/release-bot.yml":
        "cherryPick:\n  copy: [labels, assignees, milestone, reviewers]\n  autoMerge: squash\n",
      "internal/controller/reconcile.go": CODE,
      VERSION: "v1.5.0\n",
    });
    for (const login of [ana.login, "bo", "cy"]) env.sandbox.setPermission(repo, login, "write");
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    const milestone = await repo.createMilestone("v1.5.1", { as: MAINTAINER });
    const octokit = new Octokit({
      baseUrl: env.sandbox.url,
      auth: env.sandbox.tokenFor(MAINTAINER),
    });

    const fix = async (name: string) => {
      await repo.commit({
        branch: name,
        from: "master",
        files: { [`docs/${name}.md`]: `# ${name}\n` },
        message: `Document ${name}`,
        author: ana,
        as: ana.login,
      });
      const pull = await repo.openPullRequest({
        head: name,
        title: `Document ${name}`,
        user: ana.login,
        labels: ["kind/documentation"],
      });
      const number = pull.number as number;
      await octokit.rest.issues.addAssignees({
        owner: repo.owner,
        repo: repo.name,
        issue_number: number,
        assignees: ["bo"],
      });
      repo.setMilestone(number, milestone);
      await repo.requestReviewers(number, ["cy"], { as: MAINTAINER });
      await repo.addLabels(number, [LABEL], { as: MAINTAINER });
      await env.sandbox.idle();
      await repo.mergePullRequest(number, { method: "squash", as: MAINTAINER });
      await env.sandbox.idle();
      const [pick] = repo
        .pulls({ base: "release-1.5", state: "all" })
        .filter((n) => n !== undefined)
        .reverse();
      return { number, pick: await repo.pull(pick as number) };
    };

    const refused = await fix("first");
    expect(refused.pick).toMatchObject({
      labels: [expect.objectContaining({ name: "kind/documentation" })],
      assignees: [
        expect.objectContaining({ login: "ana" }),
        expect.objectContaining({ login: "bo" }),
      ],
      milestone: expect.objectContaining({ number: milestone, title: "v1.5.1" }),
      requested_reviewers: [expect.objectContaining({ login: "cy" })],
      auto_merge: null,
    });
    expect(statusRow(repo, refused.number)).toContain(
      "auto-merge was not turned on: this repository does not allow auto-merge",
    );

    repo.allowAutoMerge = true;
    const allowed = await fix("second");
    expect(allowed.pick.auto_merge).toMatchObject({ merge_method: "squash" });
    expect(statusRow(repo, allowed.number)).toContain(
      "is on: GitHub merges it once its checks and reviews pass",
    );
  }, 120_000);
});
