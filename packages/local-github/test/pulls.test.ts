import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox, statusOf } from "./helpers.js";

let t: Awaited<ReturnType<typeof startTestSandbox>>;
let sandbox: Sandbox;
let repo: SandboxRepo;
let octokit: Octokit;
const owner = "kubeflow";
const name = "spark-operator";

beforeAll(async () => {
  t = await startTestSandbox();
  sandbox = t.sandbox;
  sandbox.user("alice", { name: "Alice A", email: "alice@example.com" });
  sandbox.user("bob", { name: "Bob B", email: "bob@example.com" });
  sandbox.user("carol", { name: "Carol C", email: "carol@example.com" });
  repo = await sandbox.createRepo(`${owner}/${name}`, {
    defaultBranch: "master",
    files: { "a.txt": "1\n2\n3\n", "b.txt": "x\n" },
  });
  sandbox.setPermission(repo, "carol", "maintain");
  octokit = octokitFor(sandbox, sandbox.tokenFor("carol"));
});

afterEach(async () => {
  await sandbox.idle();
  expect(t.problems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await sandbox.close();
});

/** A feature branch with two commits by different authors. */
async function feature(branch: string, file: string) {
  await repo.commit({
    branch,
    from: "master",
    files: { [file]: "one\n" },
    message: `add ${file}`,
    author: "alice",
  });
  await repo.commit({
    branch,
    files: { [file]: "one\ntwo\n" },
    message: `extend ${file}\n\nSigned-off-by: Bob B <bob@example.com>`,
    author: "bob",
  });
  return repo.resolve(branch) as Promise<string>;
}

describe("pull requests", () => {
  it("opens PRs through the API, with GitHub's 422s", async () => {
    await feature("feat-a", "fa.txt");
    const created = await octokit.rest.pulls.create({
      owner,
      repo: name,
      head: "feat-a",
      base: "master",
      title: "Feature A",
      body: "body",
    });
    expect(created.status).toBe(201);
    expect(created.data.head.sha).toBe(await repo.resolve("feat-a"));
    expect(created.data.base.ref).toBe("master");
    expect(created.data.user?.login).toBe("carol");
    expect(await git(repo.gitDir, "rev-parse", `refs/pull/${created.data.number}/head`)).toBe(
      created.data.head.sha,
    );

    const dup = await octokit.rest.pulls
      .create({ owner, repo: name, head: `${owner}:feat-a`, base: "master", title: "again" })
      .catch(
        (e: { status: number; response: { data: { errors: Array<{ message: string }> } } }) => e,
      );
    expect(dup).toMatchObject({ status: 422 });
    expect(
      (dup as { response: { data: { errors: Array<{ message: string }> } } }).response.data
        .errors[0]?.message,
    ).toBe("A pull request already exists for kubeflow:feat-a.");
    await repo.createBranch("empty", "master");
    expect(
      await statusOf(
        octokit.rest.pulls.create({ owner, repo: name, head: "empty", base: "master", title: "x" }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        octokit.rest.pulls.create({ owner, repo: name, head: "nope", base: "master", title: "x" }),
      ),
    ).toBe(422);

    const opened = t.events("pull_request", "opened").at(-1);
    expect(opened?.payload.number).toBe(created.data.number);
    expect(opened?.payload.sender).toMatchObject({ login: "carol" });
  });

  it("lists PRs with state/head/base filters and pagination; issues and PRs share numbers", async () => {
    const issue = await repo.openIssue({ title: "an issue", user: "alice" });
    await feature("feat-b", "fb.txt");
    const pr = await repo.openPullRequest({
      head: "feat-b",
      base: "master",
      title: "Feature B",
      user: "alice",
    });
    expect(pr.number).toBe(issue + 1);
    const byHead = await octokit.rest.pulls.list({
      owner,
      repo: name,
      head: `${owner}:feat-b`,
      state: "all",
    });
    expect(byHead.data.map((p) => p.number)).toEqual([pr.number]);
    const none = await octokit.rest.pulls.list({
      owner,
      repo: name,
      head: `${owner}:feat-b`,
      base: "release-1.0",
    });
    expect(none.data).toEqual([]);
    const page1 = await octokit.rest.pulls.list({ owner, repo: name, per_page: 1 });
    expect(page1.data).toHaveLength(1);
    expect(page1.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.pulls.list, { owner, repo: name, per_page: 1 });
    expect(all.map((p) => p.number).sort()).toEqual([pr.number - 2, pr.number].sort());
  });

  it("GET shows mergeability and the test merge commit; commits and files", async () => {
    const [n] = repo.pulls({ head: "feat-b" });
    const got = await octokit.rest.pulls.get({ owner, repo: name, pull_number: n as number });
    expect(got.data.mergeable).toBe(true);
    expect(got.data.mergeable_state).toBe("clean");
    expect(got.data.commits).toBe(2);
    expect(got.data.changed_files).toBe(1);
    expect(got.data.additions).toBe(2);
    const testMerge = got.data.merge_commit_sha as string;
    expect(await git(repo.gitDir, "rev-parse", `${testMerge}^2`)).toBe(got.data.head.sha);
    const commits = await octokit.rest.pulls.listCommits({
      owner,
      repo: name,
      pull_number: n as number,
    });
    expect(commits.data.map((c) => c.commit.author?.name)).toEqual(["Alice A", "Bob B"]);
    expect(commits.data[1]?.author?.login).toBe("bob");
    const files = await octokit.rest.pulls.listFiles({
      owner,
      repo: name,
      pull_number: n as number,
    });
    expect(files.data).toHaveLength(1);
    expect(files.data[0]).toMatchObject({
      filename: "fb.txt",
      status: "added",
      additions: 2,
      deletions: 0,
    });
    expect(files.data[0]?.patch).toBe("@@ -0,0 +1,2 @@\n+one\n+two");
  });

  it("merge method: a merge commit with both parents; merge_commit_sha is it", async () => {
    const head = await feature("m-merge", "m1.txt");
    const { data: pr } = await octokit.rest.pulls.create({
      owner,
      repo: name,
      head: "m-merge",
      base: "master",
      title: "Merge me",
    });
    const base = (await repo.resolve("master")) as string;
    const merged = await octokit.rest.pulls.merge({
      owner,
      repo: name,
      pull_number: pr.number,
      merge_method: "merge",
    });
    expect(merged.data).toMatchObject({
      merged: true,
      message: "Pull Request successfully merged",
    });
    const sha = merged.data.sha;
    expect(await git(repo.gitDir, "rev-parse", "refs/heads/master")).toBe(sha);
    expect(
      (await git(repo.gitDir, "rev-list", "--parents", "-n1", sha)).split(" ").slice(1),
    ).toEqual([base, head]);
    expect(await git(repo.gitDir, "log", "-1", "--format=%an|%cn|%ce|%s", sha)).toBe(
      "Carol C|GitHub|noreply@github.com|Merge pull request #" +
        pr.number +
        " from kubeflow/m-merge",
    );
    const after = await octokit.rest.pulls.get({ owner, repo: name, pull_number: pr.number });
    expect(after.data).toMatchObject({ state: "closed", merged: true, merge_commit_sha: sha });
    expect(after.data.merged_by?.login).toBe("carol");
    await sandbox.idle();
    const closed = t.events("pull_request", "closed").at(-1)?.payload as {
      pull_request: { merged: boolean; merge_commit_sha: string };
    };
    expect(closed.pull_request).toMatchObject({ merged: true, merge_commit_sha: sha });
    expect(
      await statusOf(
        octokit.rest.pulls.checkIfMerged({ owner, repo: name, pull_number: pr.number }),
      ),
    ).toBe(204);
    expect(
      await statusOf(octokit.rest.pulls.merge({ owner, repo: name, pull_number: pr.number })),
    ).toBe(405);
  });

  it("squash: one commit on the base head with the combined change, '<title> (#n)', co-authors", async () => {
    const head = await feature("m-squash", "m2.txt");
    const pr = await repo.openPullRequest({
      head: "m-squash",
      base: "master",
      title: "Squash me",
      user: "alice",
    });
    const base = (await repo.resolve("master")) as string;
    const { data } = await octokit.rest.pulls.merge({
      owner,
      repo: name,
      pull_number: pr.number,
      merge_method: "squash",
    });
    const sha = data.sha;
    expect(await git(repo.gitDir, "rev-list", "--parents", "-n1", sha)).toBe(`${sha} ${base}`);
    expect(await git(repo.gitDir, "rev-parse", `${sha}^{tree}`)).toBe(
      await git(repo.gitDir, "rev-parse", `refs/pull/${pr.number}/merge^{tree}`),
    );
    expect(await git(repo.gitDir, "diff", base, sha, "--stat")).toContain("m2.txt");
    expect(await git(repo.gitDir, "diff", `${base}...${head}`)).toBe(
      await git(repo.gitDir, "diff", base, sha),
    );
    const message = await git(repo.gitDir, "log", "-1", "--format=%B", sha);
    expect(message.split("\n")[0]).toBe(`Squash me (#${pr.number})`);
    expect(message).toContain("* add m2.txt");
    expect(message).toContain("Co-authored-by: Alice A <alice@example.com>");
    expect(message).toContain("Co-authored-by: Bob B <bob@example.com>");
    expect(await git(repo.gitDir, "log", "-1", "--format=%an|%cn", sha)).toBe("Carol C|GitHub");
    expect((await repo.pull(pr.number)).merge_commit_sha).toBe(sha);
  });

  it("rebase: every PR commit replayed onto base keeping authors; merge_commit_sha is the last one", async () => {
    await feature("m-rebase", "m3.txt");
    // move master so the rebase is a real replay
    await repo.commit({
      branch: "master",
      files: { "c.txt": "c\n" },
      message: "unrelated",
      author: "carol",
    });
    const pr = await repo.openPullRequest({
      head: "m-rebase",
      base: "master",
      title: "Rebase me",
      user: "alice",
    });
    const base = (await repo.resolve("master")) as string;
    const original = (await git(repo.gitDir, "rev-list", "--reverse", `master..m-rebase`)).split(
      "\n",
    );
    const { data } = await octokit.rest.pulls.merge({
      owner,
      repo: name,
      pull_number: pr.number,
      merge_method: "rebase",
    });
    const replayed = (await git(repo.gitDir, "rev-list", "--reverse", `${base}..master`)).split(
      "\n",
    );
    expect(replayed).toHaveLength(2);
    expect(data.sha).toBe(replayed[1]);
    expect(replayed).not.toContain(original[0]);
    expect(await git(repo.gitDir, "rev-parse", `${replayed[0]}^`)).toBe(base);
    for (let i = 0; i < 2; i++) {
      const [o, r] = [original[i] as string, replayed[i] as string];
      expect(await git(repo.gitDir, "log", "-1", "--format=%an <%ae> %at|%B", r)).toBe(
        await git(repo.gitDir, "log", "-1", "--format=%an <%ae> %at|%B", o),
      );
      expect(await git(repo.gitDir, "log", "-1", "--format=%cn", r)).toBe("GitHub");
      expect(await git(repo.gitDir, "diff", `${o}^`, o)).toBe(
        await git(repo.gitDir, "diff", `${r}^`, r),
      );
    }
    const pull = await octokit.rest.pulls.get({ owner, repo: name, pull_number: pr.number });
    expect(pull.data.merge_commit_sha).toBe(data.sha);
    expect(pull.data.commits).toBe(2);
  });

  it("conflicts: mergeable false, merge 405; stale sha 409", async () => {
    await repo.commit({
      branch: "conflict",
      from: "master",
      files: { "a.txt": "1\nTWO\n3\n" },
      message: "conflicting",
      author: "alice",
    });
    await repo.commit({
      branch: "master",
      files: { "a.txt": "1\nzwei\n3\n" },
      message: "master change",
      author: "carol",
    });
    const pr = await repo.openPullRequest({
      head: "conflict",
      base: "master",
      title: "Conflict",
      user: "alice",
    });
    const got = await octokit.rest.pulls.get({ owner, repo: name, pull_number: pr.number });
    expect(got.data.mergeable).toBe(false);
    expect(got.data.mergeable_state).toBe("dirty");
    for (const method of ["merge", "squash", "rebase"] as const) {
      expect(
        await statusOf(
          octokit.rest.pulls.merge({
            owner,
            repo: name,
            pull_number: pr.number,
            merge_method: method,
          }),
        ),
      ).toBe(405);
    }
    await feature("stale", "st.txt");
    const pr2 = await repo.openPullRequest({
      head: "stale",
      base: "master",
      title: "Stale",
      user: "alice",
    });
    const old = await git(repo.gitDir, "rev-parse", "stale^");
    const e = await octokit.rest.pulls
      .merge({ owner, repo: name, pull_number: pr2.number, sha: old })
      .catch((err: { status: number; response: { data: { message: string } } }) => err);
    expect(e).toMatchObject({
      status: 409,
      response: { data: { message: "Head branch was modified. Review and try the merge again." } },
    });
  });

  it("pushing to the head branch sends synchronize; deleting it closes the PR", async () => {
    await feature("sync", "sy.txt");
    const pr = await repo.openPullRequest({
      head: "sync",
      base: "master",
      title: "Sync",
      user: "alice",
    });
    const before = await repo.resolve("sync");
    const after = await repo.commit({
      branch: "sync",
      files: { "sy.txt": "3\n" },
      message: "more",
      author: "alice",
    });
    await sandbox.idle();
    const sync = t.events("pull_request", "synchronize").at(-1)?.payload as {
      before: string;
      after: string;
      number: number;
    };
    expect(sync).toMatchObject({ before, after, number: pr.number });
    await octokit.rest.git.deleteRef({ owner, repo: name, ref: "heads/sync" });
    await sandbox.idle();
    const closed = t.events("pull_request", "closed").at(-1)?.payload as {
      number: number;
      pull_request: { merged: boolean };
    };
    expect(closed).toMatchObject({ number: pr.number, pull_request: { merged: false } });
    expect(t.events("delete").at(-1)?.payload).toMatchObject({ ref: "sync", ref_type: "branch" });
  });

  it("PATCH closes and reopens; title edits", async () => {
    await feature("edit", "ed.txt");
    const pr = await repo.openPullRequest({
      head: "edit",
      base: "master",
      title: "Edit",
      user: "alice",
    });
    const closed = await octokit.rest.pulls.update({
      owner,
      repo: name,
      pull_number: pr.number,
      state: "closed",
    });
    expect(closed.data.state).toBe("closed");
    const reopened = await octokit.rest.pulls.update({
      owner,
      repo: name,
      pull_number: pr.number,
      state: "open",
      title: "Edited",
    });
    expect(reopened.data).toMatchObject({ state: "open", title: "Edited" });
    await sandbox.idle();
    const actions = t
      .events("pull_request")
      .filter((e) => e.payload.number === pr.number)
      .map((e) => e.action);
    expect(actions).toEqual(["opened", "closed", "edited", "reopened"]);
  });

  it("labels on PRs send pull_request labeled/unlabeled", async () => {
    await feature("lab", "lab.txt");
    const pr = await repo.openPullRequest({
      head: "lab",
      base: "master",
      title: "Labels",
      user: "alice",
      labels: ["kind/bug"],
    });
    await octokit.rest.issues.addLabels({
      owner,
      repo: name,
      issue_number: pr.number,
      labels: ["cherry-pick/release-1.5", "kind/bug"],
    });
    await octokit.rest.issues.removeLabel({
      owner,
      repo: name,
      issue_number: pr.number,
      name: "kind/bug",
    });
    await sandbox.idle();
    const events = t.events("pull_request").filter((e) => e.payload.number === pr.number);
    expect(
      events.map(
        (e) => `${e.action}:${(e.payload.label as { name?: string } | undefined)?.name ?? ""}`,
      ),
    ).toEqual([
      "opened:",
      "labeled:kind/bug",
      "labeled:cherry-pick/release-1.5",
      "unlabeled:kind/bug",
    ]);
    expect(repo.labels(pr.number)).toEqual(["cherry-pick/release-1.5"]);
  });

  it("users without write access cannot merge (403)", async () => {
    await feature("perm", "perm.txt");
    const pr = await repo.openPullRequest({
      head: "perm",
      base: "master",
      title: "Perm",
      user: "alice",
    });
    const reader = octokitFor(sandbox, sandbox.tokenFor("dave"));
    expect(
      await statusOf(reader.rest.pulls.merge({ owner, repo: name, pull_number: pr.number })),
    ).toBe(403);
  });
});
