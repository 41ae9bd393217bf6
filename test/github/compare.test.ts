/**
 * Reading lists past GitHub's first page: a comparison's newest commits (the changelog, the
 * untested commits of `/status` and the dashboard) and a pull request's commits and files (the
 * pick plan), call by call, with GitHub's `Link` headers.
 */
import { describe, expect, it } from "vitest";
import { MAX_LISTED } from "../../src/core/line/status.js";
import { compareNewest } from "../../src/github/compare.js";
import { commitsAfter } from "../../src/github/line-reads.js";
import { listPullCommits, listPullFiles } from "../../src/github/pulls.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const sha = (n: number) => n.toString(16).padStart(40, "0");
const BASE = "b".repeat(40);

/** Page `page` (100 a page, oldest first) of a comparison of `total` commits numbered 0…. */
function comparePage(total: number, page: number) {
  const from = (page - 1) * 100;
  const count = Math.max(0, Math.min(100, total - from));
  return {
    status: "ahead",
    total_commits: total,
    ahead_by: total,
    merge_base_commit: { sha: BASE, commit: { committer: { date: "2026-01-02T03:04:05Z" } } },
    commits: Array.from({ length: count }, (_, i) => ({
      sha: sha(from + i),
      commit: { message: `Change ${from + i}\n\nbody` },
    })),
  };
}

/** Expects the pages asked for, each answered as GitHub would. */
function comparison(basehead: string, total: number, pages: number[]) {
  const scope = api();
  for (const page of pages) {
    scope
      .get(`${REPO_PATH}/compare/${basehead}`)
      .query({ per_page: "100", page: String(page) })
      .reply(200, comparePage(total, page));
  }
  return scope;
}

describe("compareNewest", () => {
  it("reads one page when the commits fit on it", async () => {
    const scope = comparison("v1.4.0...head", 100, [1]);
    const read = await compareNewest(github(), repo, "v1.4.0...head", 500);
    expect(read.commits.map((c) => c.sha)).toEqual(comparePage(100, 1).commits.map((c) => c.sha));
    expect(read).toMatchObject({ total: 100, omitted: 0, status: "ahead" });
    expect(read.mergeBase).toEqual({ sha: BASE, date: "2026-01-02T03:04:05Z" });
    scope.done();
  });

  it("reads every page of a line of 260 commits, oldest first", async () => {
    const scope = comparison("v1.4.0...head", 260, [1, 2, 3]);
    const read = await compareNewest(github(), repo, "v1.4.0...head", 500);
    expect(read.commits.map((c) => c.sha)).toEqual(Array.from({ length: 260 }, (_, i) => sha(i)));
    expect(read.omitted).toBe(0);
    scope.done();
  });

  it("reads the newest pages past the bound, and counts the rest as omitted", async () => {
    // 1,050 commits, the newest 500 wanted: page 1 gives the total, pages 6–11 hold 500–1049.
    const scope = comparison("v1.4.0...head", 1050, [1, 6, 7, 8, 9, 10, 11]);
    const read = await compareNewest(github(), repo, "v1.4.0...head", 500);
    expect(read.commits.map((c) => c.sha)).toEqual(
      Array.from({ length: 500 }, (_, i) => sha(550 + i)),
    );
    expect(read).toMatchObject({ total: 1050, omitted: 550 });
    scope.done();
  });
});

describe("commitsAfter (the untested commits)", () => {
  it("lists the newest commits of a line of 105, not commits 71–100", async () => {
    const scope = comparison("v1.5.0-rc.0...release-1.5", 105, [1, 2]);
    const after = await commitsAfter(github(), repo, "v1.5.0-rc.0", "release-1.5");
    expect(after?.count).toBe(105);
    expect(after?.commits.map((c) => c.sha)).toEqual(
      Array.from({ length: MAX_LISTED }, (_, i) => sha(105 - MAX_LISTED + i)),
    );
    expect(after?.commits.at(-1)?.title).toBe("Change 104");
    scope.done();
  });

  it("reads the first page and the last one of a line of 260", async () => {
    const scope = comparison("v1.5.0-rc.0...release-1.5", 260, [1, 3]);
    const after = await commitsAfter(github(), repo, "v1.5.0-rc.0", "release-1.5");
    expect(after?.count).toBe(260);
    expect(after?.commits.map((c) => c.sha)).toEqual(
      Array.from({ length: MAX_LISTED }, (_, i) => sha(260 - MAX_LISTED + i)),
    );
    scope.done();
  });

  it("reads the two last pages when the last one holds fewer than it lists", async () => {
    const scope = comparison("v1.5.0-rc.0...release-1.5", 205, [1, 2, 3]);
    const after = await commitsAfter(github(), repo, "v1.5.0-rc.0", "release-1.5");
    expect(after?.commits.map((c) => c.sha)).toEqual(
      Array.from({ length: MAX_LISTED }, (_, i) => sha(205 - MAX_LISTED + i)),
    );
    scope.done();
  });

  it("is null when the tag or the branch does not exist", async () => {
    const scope = api()
      .get(`${REPO_PATH}/compare/v9.9.9...release-1.5`)
      .query({ per_page: "100", page: "1" })
      .reply(404, { message: "Not Found" });
    expect(await commitsAfter(github(), repo, "v9.9.9", "release-1.5")).toBeNull();
    scope.done();
  });
});

describe("a pull request's commits and files", () => {
  const commit = (n: number) => ({
    sha: sha(n),
    parents: [{ sha: sha(n + 1000) }],
    commit: { message: `c${n}`, author: null },
  });
  const link = (path: string, page: number, last: number) =>
    [
      ...(page < last
        ? [
            `<https://api.github.com/repositories/1/${path}?per_page=100&page=${page + 1}>; rel="next"`,
            `<https://api.github.com/repositories/1/${path}?per_page=100&page=${last}>; rel="last"`,
          ]
        : []),
    ].join(", ");

  it("reads every page of commits, up to GitHub's 250", async () => {
    const scope = api()
      .get(`${REPO_PATH}/pulls/7/commits`)
      .query({ per_page: "100" })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => commit(i)),
        { link: link("pulls/7/commits", 1, 3) },
      );
    for (const page of [2, 3]) {
      const count = page === 3 ? 50 : 100;
      scope
        .get("/repositories/1/pulls/7/commits")
        .query({ per_page: "100", page: String(page) })
        .reply(
          200,
          Array.from({ length: count }, (_, i) => commit((page - 1) * 100 + i)),
          page < 3 ? { link: link("pulls/7/commits", page, 3) } : {},
        );
    }
    const commits = await listPullCommits(github(), repo, 7);
    expect(commits.map((c) => c.sha)).toEqual(Array.from({ length: 250 }, (_, i) => sha(i)));
    scope.done();
  });

  it("says more files exist when GitHub names a next page", async () => {
    const files = Array.from({ length: 100 }, (_, i) => ({ filename: `f${i}.go` }));
    const scope = api()
      .get(`${REPO_PATH}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(200, files, { link: link("pulls/7/files", 1, 2) })
      .get(`${REPO_PATH}/pulls/8/files`)
      .query({ per_page: "100" })
      .reply(200, files);
    expect((await listPullFiles(github(), repo, 7)).more).toBe(true);
    expect(await listPullFiles(github(), repo, 8)).toEqual({
      paths: files.map((f) => f.filename),
      more: false,
    });
    scope.done();
  });
});
