/**
 * Pages as GitHub serves them: `per_page` (30 by default, at most 100), `page`, and the `Link`
 * header in GitHub's own form; the caps of compare (newest 250 unpaged, 300 files), a pull
 * request's commits (250) and files (3,000), and a commit's files (300 a page).
 */
import type { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOperation } from "../src/conformance/openapi.js";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { git, octokitFor, startTestSandbox } from "./helpers.js";

let sandbox: Sandbox;
let repo: SandboxRepo;
let octokit: Octokit;
let repoId: number;
const o = { owner: "kubeflow", repo: "pages" };

/** `count` one-line commits on `branch`, pushed at once; their shas, oldest first. */
function pushMany(branch: string, count: number, from = "master"): Promise<string[]> {
  return repo.pushCommits({
    branch,
    from,
    author: "alice",
    commits: Array.from({ length: count }, (_, i) => ({
      files: { [`${branch}.txt`]: `${i}\n` },
      message: `${branch} ${i}`,
    })),
  });
}

/** `count` new files in one commit on a new branch. */
function manyFiles(branch: string, count: number): Promise<string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`many/f${String(i).padStart(4, "0")}.txt`] = `${i}\n`;
  return repo.commit({ branch, from: "master", files, message: `${count} files`, author: "alice" });
}

beforeAll(async () => {
  sandbox = (await startTestSandbox()).sandbox;
  repo = await sandbox.createRepo(`${o.owner}/${o.repo}`, {
    defaultBranch: "master",
    files: { "README.md": "pages\n" },
  });
  octokit = octokitFor(sandbox);
  repoId = (await octokit.rest.repos.get(o)).data.id;
});

afterAll(async () => {
  await sandbox.close();
});

describe("the Link header", () => {
  it("is GitHub's: prev, next, last, first, by repository id, the request's own query", async () => {
    for (let i = 0; i < 7; i++) await repo.openIssue({ title: `issue ${i}`, user: "alice" });
    const at = (query: string) => `<${sandbox.url}/repositories/${repoId}/issues?${query}>`;
    const first = await octokit.rest.issues.listForRepo({ ...o, per_page: 3 });
    expect(first.data.map((i) => i.title)).toEqual(["issue 6", "issue 5", "issue 4"]);
    expect(first.headers.link).toBe(
      `${at("per_page=3&page=2")}; rel="next", ${at("per_page=3&page=3")}; rel="last"`,
    );
    const middle = await octokit.rest.issues.listForRepo({ ...o, per_page: 3, page: 2 });
    expect(middle.headers.link).toBe(
      [
        `${at("per_page=3&page=1")}; rel="prev"`,
        `${at("per_page=3&page=3")}; rel="next"`,
        `${at("per_page=3&page=3")}; rel="last"`,
        `${at("per_page=3&page=1")}; rel="first"`,
      ].join(", "),
    );
    // Followed as a client follows it: the /repositories/{id} form is served too.
    const last = await octokit.request(`GET /repositories/${repoId}/issues?per_page=3&page=3`);
    expect((last.data as Array<{ title: string }>).map((i) => i.title)).toEqual(["issue 0"]);
    expect(last.headers.link).toBe(
      `${at("per_page=3&page=2")}; rel="prev", ${at("per_page=3&page=1")}; rel="first"`,
    );
    const filtered = await octokit.rest.issues.listForRepo({ ...o, state: "open", per_page: 5 });
    expect(filtered.headers.link).toContain(`${at("state=open&per_page=5&page=2")}; rel="next"`);
  });

  it("pages by 30 when per_page is not given, at most 100 a page, none past the last", async () => {
    for (let i = 0; i < 101; i++) {
      await octokit.rest.issues.createLabel({ ...o, name: `label-${i}`, color: "ededed" });
    }
    const byDefault = await octokit.rest.issues.listLabelsForRepo(o);
    expect(byDefault.data).toHaveLength(30);
    expect(byDefault.headers.link).toBe(
      `<${sandbox.url}/repositories/${repoId}/labels?page=2>; rel="next", <${sandbox.url}/repositories/${repoId}/labels?page=4>; rel="last"`,
    );
    const most = await octokit.rest.issues.listLabelsForRepo({ ...o, per_page: 500 });
    expect(most.data).toHaveLength(100);
    const beyond = await octokit.rest.issues.listLabelsForRepo({ ...o, per_page: 100, page: 3 });
    expect(beyond.data).toEqual([]);
    const all = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
      ...o,
      per_page: 100,
    });
    expect(all).toHaveLength(101);
    expect(await octokit.request("GET /repositories/999999/issues").catch((e) => e.status)).toBe(
      404,
    );
  });
});

describe("commits", () => {
  it("lists a history newest first, with its last page in the Link header", async () => {
    const shas = await pushMany("history", 5);
    const page = await octokit.rest.repos.listCommits({ ...o, sha: "history", per_page: 2 });
    expect(page.data.map((c) => c.sha)).toEqual([shas[4], shas[3]]);
    // 5 commits and the initial one: 3 pages of 2.
    expect(page.headers.link).toContain('page=3>; rel="last"');
    const all = await octokit.paginate(octokit.rest.repos.listCommits, {
      ...o,
      sha: "history",
      per_page: 4,
    });
    expect(all.map((c) => c.sha)).toEqual(
      (await git(repo.gitDir, "rev-list", "history")).split("\n"),
    );
  });

  it("lists a commit's files 300 a page, the Link header naming the rest", async () => {
    const sha = await manyFiles("files-301", 301);
    const first = await octokit.rest.repos.getCommit({ ...o, ref: sha });
    expect(first.data.files).toHaveLength(300);
    expect(first.headers.link).toContain('page=2>; rel="last"');
    const second = await octokit.rest.repos.getCommit({ ...o, ref: sha, page: 2 });
    expect(second.data.files?.map((f) => f.filename)).toEqual(["many/f0300.txt"]);
    const one = await octokit.rest.repos.getCommit({ ...o, ref: sha, per_page: 1 });
    expect(one.data.files).toHaveLength(1);
  });
});

describe("compare", () => {
  let line: string[];

  beforeAll(async () => {
    line = await pushMany("long-line", 260);
  });

  it("without per_page or page: the newest 250 commits, the head last, all totals", async () => {
    const { data, headers } = await octokit.rest.repos.compareCommitsWithBasehead({
      ...o,
      basehead: "master...long-line",
    });
    expect(data.total_commits).toBe(260);
    expect(data.ahead_by).toBe(260);
    expect(data.commits.map((c) => c.sha)).toEqual(line.slice(10));
    expect(headers.link).toBeUndefined();
  });

  it("with per_page: pages oldest first, files on the first page only", async () => {
    const basehead = "master...long-line";
    const first = await octokit.rest.repos.compareCommitsWithBasehead({
      ...o,
      basehead,
      per_page: 100,
    });
    expect(first.data.commits.map((c) => c.sha)).toEqual(line.slice(0, 100));
    expect(first.data.files?.map((f) => f.filename)).toEqual(["long-line.txt"]);
    expect(first.headers.link).toBe(
      `<${sandbox.url}/repositories/${repoId}/compare/${basehead}?per_page=100&page=2>; rel="next", <${sandbox.url}/repositories/${repoId}/compare/${basehead}?per_page=100&page=3>; rel="last"`,
    );
    const third = await octokit.rest.repos.compareCommitsWithBasehead({
      ...o,
      basehead,
      per_page: 100,
      page: 3,
    });
    expect(third.data.commits.map((c) => c.sha)).toEqual(line.slice(200));
    expect(third.data.files).toEqual([]);
    const all = await octokit.paginate(
      octokit.rest.repos.compareCommitsWithBasehead,
      { ...o, basehead, per_page: 100 },
      // Octokit's types leave `commits` out of a paginated comparison; the answer has it.
      (response) => (response.data as unknown as { commits: Array<{ sha: string }> }).commits,
    );
    expect(all.map((c) => c.sha)).toEqual(line);
  });

  it("lists at most 300 changed files", async () => {
    await manyFiles("files-301-compare", 301);
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      ...o,
      basehead: "master...files-301-compare",
    });
    expect(data.files).toHaveLength(300);
  });
});

describe("a pull request's lists", () => {
  it("lists at most 250 commits and 3,000 files", async () => {
    const commits = await pushMany("big-pull", 260);
    const files: Record<string, string> = {};
    for (let i = 0; i < 3001; i++) files[`bulk/f${i}.txt`] = `${i}\n`;
    await repo.commit({ branch: "big-pull", files, message: "3001 files", author: "alice" });
    const pr = await repo.openPullRequest({ head: "big-pull", title: "Big", user: "alice" });
    const listed = await octokit.paginate(octokit.rest.pulls.listCommits, {
      ...o,
      pull_number: pr.number,
      per_page: 100,
    });
    expect(listed.map((c) => c.sha)).toEqual(commits.slice(0, 250));
    const { data } = await octokit.rest.pulls.get({ ...o, pull_number: pr.number });
    expect(data.commits).toBe(261);
    const page = await octokit.rest.pulls.listFiles({
      ...o,
      pull_number: pr.number,
      per_page: 100,
    });
    expect(page.headers.link).toContain('page=30>; rel="last"');
    const lastPage = await octokit.rest.pulls.listFiles({
      ...o,
      pull_number: pr.number,
      per_page: 100,
      page: 30,
    });
    expect(lastPage.data).toHaveLength(100);
  });
});

/**
 * Every route the local GitHub serves whose operation GitHub documents with `per_page`, asked
 * for one item a page: one item, and a `Link` header with `next`. The table must name every such
 * route, so a list route added later without paging fails here.
 */
describe("every list route pages", () => {
  it("answers per_page=1 with one item and a next page", async () => {
    const base = await octokit.rest.repos.get(o);
    expect(base.status).toBe(200);
    await sandbox.createRepo("kubeflow/second", { defaultBranch: "master", files: { a: "a\n" } });
    await pushMany("two-more", 2);
    await pushMany("master", 1);
    const pr = await repo.openPullRequest({ head: "two-more", title: "Two", user: "alice" });
    const twoFiles = await repo.commit({
      branch: "two-files",
      from: "master",
      files: { "one.txt": "1\n", "two.txt": "2\n" },
      message: "two files",
      author: "alice",
    });
    const pr2 = await repo.openPullRequest({ head: "two-files", title: "Files", user: "alice" });
    const issue = await repo.openIssue({ title: "talk", user: "alice" });
    const first = await repo.comment(issue, "one", { as: "alice" });
    await repo.comment(issue, "two", { as: "alice" });
    for (const content of ["+1", "heart"] as const) {
      await octokit.rest.reactions.createForIssueComment({
        ...o,
        comment_id: first.id as number,
        content,
      });
    }
    await repo.addLabels(issue, ["a", "b"], { as: "alice" });
    for (const title of ["v1.1", "v1.2"]) await repo.createMilestone(title);
    await repo.createTag("v1.0.0", "master", { message: "v1.0.0" });
    await repo.createTag("v1.0.1", "master", { message: "v1.0.1" });
    const bot = octokitFor(sandbox, sandbox.installationToken());
    const released = [];
    for (const tag of ["v1.0.0", "v1.0.1"]) {
      released.push((await bot.rest.repos.createRelease({ ...o, tag_name: tag })).data);
    }
    for (const name of ["a.tgz", "b.tgz"]) {
      await bot.rest.repos.uploadReleaseAsset({
        url: released[0]?.upload_url,
        name,
        data: name,
      } as unknown as Parameters<typeof bot.rest.repos.uploadReleaseAsset>[0]);
    }
    const run = await bot.rest.checks.create({
      ...o,
      name: "one",
      head_sha: twoFiles,
      conclusion: "failure",
      output: {
        title: "t",
        summary: "s",
        annotations: [1, 2].map((line) => ({
          path: "one.txt",
          start_line: line,
          end_line: line,
          annotation_level: "failure" as const,
          message: "m",
        })),
      },
    });
    await bot.rest.checks.create({ ...o, name: "two", head_sha: twoFiles, conclusion: "success" });
    repo.addRuleset({ branches: ["~ALL"], requiredSignatures: true });
    repo.addRuleset({ tags: ["v*"], creation: true });

    const R = `/repos/${o.owner}/${o.repo}`;
    const rows: Array<[string, string, (body: unknown) => unknown[]]> = [
      ["/installation/repositories", "/installation/repositories", listed("repositories")],
      ["/repos/{owner}/{repo}/pulls", `${R}/pulls`, asArray],
      ["/repos/{owner}/{repo}/pulls/{number}/commits", `${R}/pulls/${pr.number}/commits`, asArray],
      ["/repos/{owner}/{repo}/pulls/{number}/files", `${R}/pulls/${pr2.number}/files`, asArray],
      ["/repos/{owner}/{repo}/issues", `${R}/issues`, asArray],
      [
        "/repos/{owner}/{repo}/issues/comments/{id}/reactions",
        `${R}/issues/comments/${first.id}/reactions`,
        asArray,
      ],
      ["/repos/{owner}/{repo}/issues/{number}/comments", `${R}/issues/${issue}/comments`, asArray],
      ["/repos/{owner}/{repo}/issues/{number}/labels", `${R}/issues/${issue}/labels`, asArray],
      ["/repos/{owner}/{repo}/issues/{number}/events", `${R}/issues/${issue}/events`, asArray],
      ["/repos/{owner}/{repo}/labels", `${R}/labels`, asArray],
      ["/repos/{owner}/{repo}/milestones", `${R}/milestones`, asArray],
      ["/repos/{owner}/{repo}/releases", `${R}/releases`, asArray],
      [
        "/repos/{owner}/{repo}/releases/{id}/assets",
        `${R}/releases/${released[0]?.id}/assets`,
        asArray,
      ],
      [
        "/repos/{owner}/{repo}/check-runs/{id}/annotations",
        `${R}/check-runs/${run.data.id}/annotations`,
        asArray,
      ],
      [
        "/repos/{owner}/{repo}/commits/{ref}/check-runs",
        `${R}/commits/${twoFiles}/check-runs`,
        listed("check_runs"),
      ],
      ["/repos/{owner}/{repo}/branches", `${R}/branches`, asArray],
      ["/repos/{owner}/{repo}/tags", `${R}/tags`, asArray],
      ["/repos/{owner}/{repo}/commits", `${R}/commits`, asArray],
      ["/repos/{owner}/{repo}/commits/{ref+}", `${R}/commits/${twoFiles}`, listed("files")],
      ["/repos/{owner}/{repo}/compare/{basehead+}", `${R}/compare/master...two-more`, commitsOf],
      ["/repos/{owner}/{repo}/rulesets", `${R}/rulesets`, asArray],
      ["/repos/{owner}/{repo}/rules/branches/{branch+}", `${R}/rules/branches/master`, asArray],
    ];
    const documented = sandbox.routes
      .filter((r) => r.method === "GET")
      .filter((r) => {
        const op = findOperation("GET", r.template.replace(/\{(\w+)\+\}/g, "{$1}"));
        return op?.paged === true;
      })
      .map((r) => r.template);
    expect(rows.map(([template]) => template).sort()).toEqual([...documented].sort());
    const app = sandbox.installationToken();
    for (const [template, path, items] of rows) {
      const client = template === "/installation/repositories" ? octokitFor(sandbox, app) : octokit;
      const { data, headers } = await client.request(`GET ${path}?per_page=1`);
      expect([template, items(data).length]).toEqual([template, 1]);
      expect([template, headers.link]).toEqual([template, expect.stringContaining('rel="next"')]);
    }
  });
});

const asArray = (body: unknown) => body as unknown[];
const listed = (field: string) => (body: unknown) =>
  (body as Record<string, unknown[]>)[field] ?? [];
const commitsOf = listed("commits");
