import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
let octokit: Octokit;
let bot: Octokit;
const owner = "kubeflow";
const name = "spark-operator";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  repo = await sandbox.createRepo(`${owner}/${name}`);
  sandbox.setPermission(repo, "maintainer", "maintain");
  sandbox.setPermission(repo, "writer", "write");
  sandbox.setPermission(repo, "triager", "triage");
  octokit = octokitFor(sandbox, sandbox.tokenFor("maintainer"));
  bot = octokitFor(sandbox, sandbox.installationToken());
});

afterEach(async () => {
  await sandbox.idle();
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

describe("issues, comments, labels, reactions, permissions", () => {
  it("creates and reads issues; issues.opened webhook", async () => {
    const created = await octokit.rest.issues.create({
      owner,
      repo: name,
      title: "Release 1.5",
      body: "tracking",
      labels: ["release"],
    });
    expect(created.status).toBe(201);
    expect(created.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual([
      "release",
    ]);
    const got = await octokit.rest.issues.get({
      owner,
      repo: name,
      issue_number: created.data.number,
    });
    expect(got.data).toMatchObject({ title: "Release 1.5", state: "open", body: "tracking" });
    expect(got.data.pull_request).toBeUndefined();
    expect(await statusOf(octokit.rest.issues.get({ owner, repo: name, issue_number: 999 }))).toBe(
      404,
    );
    await sandbox.idle();
    const opened = t.events("issues", "opened").at(-1)?.payload as {
      issue: { number: number };
      sender: { login: string };
    };
    expect(opened.issue.number).toBe(created.data.number);
    expect(opened.sender.login).toBe("maintainer");
  });

  it("comments: create (issue_comment.created), list with pagination, edit in place, get", async () => {
    const n = await repo.openIssue({ title: "chatty", user: "someone" });
    const c = await repo.comment(n, "/rc 1.5", { as: "writer" });
    await sandbox.idle();
    const created = t.events("issue_comment", "created").at(-1)?.payload as {
      comment: { id: number; body: string; user: { login: string } };
      issue: { number: number };
    };
    expect(created.comment).toMatchObject({ id: c.id, body: "/rc 1.5", user: { login: "writer" } });
    expect(created.issue.number).toBe(n);

    const reply = await bot.rest.issues.createComment({
      owner,
      repo: name,
      issue_number: n,
      body: "working on it",
    });
    expect(reply.data.user?.login).toBe("release-bot[bot]");
    expect(reply.data.user?.type).toBe("Bot");
    expect(reply.data.performed_via_github_app?.slug).toBe("release-bot");
    const edited = await bot.rest.issues.updateComment({
      owner,
      repo: name,
      comment_id: reply.data.id,
      body: "done",
    });
    expect(edited.data.body).toBe("done");
    const got = await bot.rest.issues.getComment({ owner, repo: name, comment_id: reply.data.id });
    expect(got.data.body).toBe("done");
    for (let i = 0; i < 3; i++) await repo.comment(n, `more ${i}`, { as: "someone" });
    const page = await octokit.rest.issues.listComments({
      owner,
      repo: name,
      issue_number: n,
      per_page: 2,
    });
    expect(page.data.map((x) => x.body)).toEqual(["/rc 1.5", "done"]);
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo: name,
      issue_number: n,
      per_page: 2,
    });
    expect(all).toHaveLength(5);
    await sandbox.idle();
    const edit = t.events("issue_comment", "edited").at(-1)?.payload as {
      changes: { body: { from: string } };
      sender: { login: string; type: string };
    };
    expect(edit.changes.body.from).toBe("working on it");
    expect(edit.sender).toMatchObject({ login: "release-bot[bot]", type: "Bot" });
    // someone else's comment cannot be edited by a reader
    const reader = octokitFor(sandbox, sandbox.tokenFor("someone"));
    expect(
      await statusOf(
        reader.rest.issues.updateComment({
          owner,
          repo: name,
          comment_id: reply.data.id,
          body: "x",
        }),
      ),
    ).toBe(403);
  });

  it("labels: add (auto-created), remove (404 when absent), repo labels (422 exists)", async () => {
    const n = await repo.openIssue({ title: "labels", user: "someone" });
    const added = await octokit.rest.issues.addLabels({
      owner,
      repo: name,
      issue_number: n,
      labels: ["cherry-pick/release-1.5", "kind/bug"],
    });
    expect(added.data.map((l) => l.name)).toEqual(["cherry-pick/release-1.5", "kind/bug"]);
    const label = await octokit.rest.issues.getLabel({
      owner,
      repo: name,
      name: "cherry-pick/release-1.5",
    });
    expect(label.data).toMatchObject({ name: "cherry-pick/release-1.5", color: "ededed" });
    const removed = await octokit.rest.issues.removeLabel({
      owner,
      repo: name,
      issue_number: n,
      name: "kind/bug",
    });
    expect(removed.data.map((l) => l.name)).toEqual(["cherry-pick/release-1.5"]);
    expect(
      await statusOf(
        octokit.rest.issues.removeLabel({ owner, repo: name, issue_number: n, name: "kind/bug" }),
      ),
    ).toBe(404);
    const createdLabel = await octokit.rest.issues.createLabel({
      owner,
      repo: name,
      name: "cherry-pick/failed",
      color: "d73a4a",
      description: "pick failed",
    });
    expect(createdLabel.status).toBe(201);
    const dup = await octokit.rest.issues
      .createLabel({ owner, repo: name, name: "Cherry-Pick/Failed", color: "d73a4a" })
      .catch((e: { status: number; response: { data: { errors: Array<{ code: string }> } } }) => e);
    expect(dup).toMatchObject({
      status: 422,
      response: { data: { errors: [{ code: "already_exists" }] } },
    });
    expect(await statusOf(octokit.rest.issues.getLabel({ owner, repo: name, name: "nope" }))).toBe(
      404,
    );
    await sandbox.idle();
    const labeled = t
      .events("issues", "labeled")
      .map((e) => (e.payload.label as { name: string }).name);
    expect(labeled).toContain("kind/bug");
    expect(t.events("issues", "unlabeled").at(-1)?.payload.label).toMatchObject({
      name: "kind/bug",
    });
    // readers cannot label
    const reader = octokitFor(sandbox, sandbox.tokenFor("someone"));
    expect(
      await statusOf(
        reader.rest.issues.addLabels({ owner, repo: name, issue_number: n, labels: ["x"] }),
      ),
    ).toBe(403);
  });

  it("lists who added and removed each label (issue events), the App's own named as such", async () => {
    const n = await repo.openIssue({ title: "events", user: "someone", labels: ["kind/bug"] });
    await repo.addLabels(n, ["cherry-pick/release-1.5"], { as: "triager" });
    await bot.rest.issues.addLabels({ owner, repo: name, issue_number: n, labels: ["approved"] });
    await repo.removeLabel(n, "kind/bug", { as: "maintainer" });
    const { data } = await octokit.rest.issues.listEvents({ owner, repo: name, issue_number: n });
    const seen = data.map((e) => ({
      event: e.event,
      actor: e.actor?.login,
      label: "label" in e ? e.label?.name : undefined,
      app: e.performed_via_github_app?.slug ?? null,
    }));
    expect(seen).toEqual([
      { event: "labeled", actor: "someone", label: "kind/bug", app: null },
      { event: "labeled", actor: "triager", label: "cherry-pick/release-1.5", app: null },
      { event: "labeled", actor: sandbox.app.botLogin, label: "approved", app: sandbox.app.slug },
      { event: "unlabeled", actor: "maintainer", label: "kind/bug", app: null },
    ]);
    const paged = await octokit.rest.issues.listEvents({
      owner,
      repo: name,
      issue_number: n,
      per_page: 1,
      page: 4,
    });
    expect(paged.data.map((e) => e.event)).toEqual(["unlabeled"]);
    expect(
      await statusOf(octokit.rest.issues.listEvents({ owner, repo: name, issue_number: 999 })),
    ).toBe(404);
  });

  it("assignees and reactions (201 new, 200 existing)", async () => {
    const n = await repo.openIssue({ title: "assign", user: "someone" });
    const assigned = await bot.rest.issues.addAssignees({
      owner,
      repo: name,
      issue_number: n,
      assignees: ["writer"],
    });
    expect(assigned.status).toBe(201);
    expect(assigned.data.assignees?.map((a) => a.login)).toEqual(["writer"]);
    const c = await repo.comment(n, "/cherry-pick release-1.5", { as: "writer" });
    const first = await bot.rest.reactions.createForIssueComment({
      owner,
      repo: name,
      comment_id: c.id,
      content: "eyes",
    });
    expect(first.status).toBe(201);
    const second = await bot.rest.reactions.createForIssueComment({
      owner,
      repo: name,
      comment_id: c.id,
      content: "eyes",
    });
    expect(second.status).toBe(200);
    expect(second.data.id).toBe(first.data.id);
    const comment = await bot.rest.issues.getComment({ owner, repo: name, comment_id: c.id });
    expect(comment.data.reactions).toMatchObject({ total_count: 1, eyes: 1 });
    expect(
      await statusOf(
        bot.rest.reactions.createForIssueComment({
          owner,
          repo: name,
          comment_id: c.id,
          content: "nope" as "eyes",
        }),
      ),
    ).toBe(422);
  });

  it("collaborator permission levels", async () => {
    const expectations: Array<[string, string, string]> = [
      ["maintainer", "write", "maintain"],
      ["writer", "write", "write"],
      ["triager", "read", "triage"],
      ["stranger", "read", "read"],
      ["kubeflow", "admin", "admin"],
    ];
    for (const [user, permission, role] of expectations) {
      const { data } = await bot.rest.repos.getCollaboratorPermissionLevel({
        owner,
        repo: name,
        username: user,
      });
      expect([user, data.permission, data.role_name]).toEqual([user, permission, role]);
    }
    sandbox.setPermission(repo, "stranger", "none");
    const none = await bot.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo: name,
      username: "stranger",
    });
    expect(none.data.permission).toBe("none");
  });

  it("closing and reopening issues", async () => {
    const n = await repo.openIssue({ title: "close me", user: "someone" });
    const closed = await octokit.rest.issues.update({
      owner,
      repo: name,
      issue_number: n,
      state: "closed",
    });
    expect(closed.data).toMatchObject({ state: "closed", state_reason: "completed" });
    const list = await octokit.rest.issues.listForRepo({ owner, repo: name, state: "closed" });
    expect(list.data.map((i) => i.number)).toContain(n);
    await octokit.rest.issues.update({ owner, repo: name, issue_number: n, state: "open" });
    await sandbox.idle();
    expect(
      t
        .events("issues")
        .filter((e) => (e.payload.issue as { number: number }).number === n)
        .map((e) => e.action),
    ).toEqual(["opened", "closed", "reopened"]);
  });
});
