import { describe, expect, it } from "vitest";
import { changedSince, commitInfo, listHistory } from "../../../src/github/pick/history.js";
import { api, github, REPO_PATH, repo } from "../octokit.js";

const ana = { name: "Ana", email: "ana@example.com", date: "2026-02-01T10:00:00Z" };
const data = (sha: string, author: Partial<typeof ana> | null = ana) => ({
  sha,
  parents: [{ sha: "0".repeat(40) }, { sha: "9".repeat(40) }],
  commit: { message: "Fix", author },
});

describe("commitInfo", () => {
  it("keeps the sha, the parents in order, the message and the author", () => {
    expect(commitInfo(data("1".repeat(40)))).toEqual({
      sha: "1".repeat(40),
      parents: ["0".repeat(40), "9".repeat(40)],
      message: "Fix",
      author: ana,
    });
  });

  it("names no author unless name, email and date are all known", () => {
    for (const author of [
      null,
      { email: ana.email, date: ana.date },
      { name: ana.name, date: ana.date },
      { name: ana.name, email: ana.email },
    ]) {
      expect(commitInfo(data("1".repeat(40), author)).author).toBeNull();
    }
  });
});

describe("listHistory", () => {
  it("reads one page of the branch's history, of 1 to 100 commits", async () => {
    const head = "h".repeat(40);
    const scope = api();
    for (const [count, perPage] of [
      [0, "1"],
      [30, "30"],
      [500, "100"],
    ] as const) {
      scope
        .get(`${REPO_PATH}/commits`)
        .query({ sha: head, per_page: perPage })
        .reply(200, [data(String(count % 10).repeat(40))]);
      expect((await listHistory(github(), repo, head, count)).map((c) => c.sha)).toEqual([
        String(count % 10).repeat(40),
      ]);
    }
    scope.done();
  });

  it("follows GitHub's Link header until it has the commits asked for", async () => {
    const head = "h".repeat(40);
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => data((from + i).toString(16).padStart(40, "0")));
    const next = (n: number) =>
      `<https://api.github.com/repositories/1/commits?sha=${head}&per_page=100&page=${n}>; rel="next"`;
    const scope = api()
      .get(`${REPO_PATH}/commits`)
      .query({ sha: head, per_page: "100" })
      .reply(200, page(0, 100), { link: next(2) })
      .get("/repositories/1/commits")
      .query({ sha: head, per_page: "100", page: "2" })
      .reply(200, page(100, 100), { link: next(3) });
    const history = await listHistory(github(), repo, head, 150);
    expect(history.map((c) => c.sha)).toEqual(page(0, 150).map((c) => c.sha));
    scope.done();
  });

  it("reads no page past the one that completes the count", async () => {
    const head = "h".repeat(40);
    const first = Array.from({ length: 100 }, (_, i) => data(i.toString(16).padStart(40, "0")));
    const scope = api()
      .get(`${REPO_PATH}/commits`)
      .query({ sha: head, per_page: "100" })
      .reply(200, first, {
        link: `<https://api.github.com/repositories/1/commits?sha=${head}&per_page=100&page=2>; rel="next"`,
      });
    expect(await listHistory(github(), repo, head, 100)).toHaveLength(100);
    scope.done();
  });
});

describe("changedSince", () => {
  it("lists the changed paths, a renamed file under both names", async () => {
    const scope = api()
      .get(`${REPO_PATH}/compare/${"b".repeat(40)}...${"h".repeat(40)}`)
      .query({ per_page: "1" })
      .reply(200, {
        files: [
          { filename: "pkg/a.go" },
          { filename: "pkg/new.go", previous_filename: "pkg/old.go" },
        ],
      })
      .get(`${REPO_PATH}/compare/${"c".repeat(40)}...${"h".repeat(40)}`)
      .query({ per_page: "1" })
      .reply(200, {});
    expect(await changedSince(github(), repo, "b".repeat(40), "h".repeat(40))).toEqual({
      paths: ["pkg/a.go", "pkg/new.go", "pkg/old.go"],
      more: false,
    });
    expect(await changedSince(github(), repo, "c".repeat(40), "h".repeat(40))).toEqual({
      paths: [],
      more: false,
    });
    scope.done();
  });

  it("says more may have changed when GitHub lists its most, 300 files", async () => {
    const files = Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}.go` }));
    const scope = api()
      .get(`${REPO_PATH}/compare/${"b".repeat(40)}...${"h".repeat(40)}`)
      .query({ per_page: "1" })
      .reply(200, { files });
    const changed = await changedSince(github(), repo, "b".repeat(40), "h".repeat(40));
    expect(changed.paths).toHaveLength(300);
    expect(changed.more).toBe(true);
    scope.done();
  });
});
