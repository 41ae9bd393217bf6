/** The pull requests into a release branch, read past GitHub's first page, to a bound. */
import { describe, expect, it } from "vitest";
import { pullsInto } from "../../src/github/line-reads.js";
import { MAX_LIST_PAGES } from "../../src/github/pages.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const pull = (number: number) => ({
  number,
  title: `Pull ${number}`,
  state: number % 2 === 0 ? "open" : "closed",
  merged_at: null,
  head: { ref: `topic-${number}`, repo: { full_name: "kubeflow/spark-operator" } },
});
const QUERY = { base: "release-1.5", state: "all", sort: "created", direction: "desc" };
const next = (page: number) =>
  `<https://api.github.com/repositories/1/pulls?base=release-1.5&state=all&sort=created&direction=desc&per_page=100&page=${page}>; rel="next"`;

describe("pullsInto", () => {
  it("follows the Link header: an open pull request past the newest 100 is listed", async () => {
    const scope = api()
      .get(`${REPO_PATH}/pulls`)
      .query({ ...QUERY, per_page: "100" })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => pull(300 - i)),
        { link: next(2) },
      )
      .get("/repositories/1/pulls")
      .query({ ...QUERY, per_page: "100", page: "2" })
      .reply(200, [pull(12)]);
    const pulls = await pullsInto(github(), repo, "release-1.5");
    expect(pulls).toHaveLength(101);
    expect(pulls.at(-1)).toEqual({
      number: 12,
      title: "Pull 12",
      state: "open",
      merged: false,
      headRef: "topic-12",
      sameRepo: true,
    });
    scope.done();
  });

  it(`stops after ${MAX_LIST_PAGES} pages, however many GitHub names`, async () => {
    const scope = api()
      .get(`${REPO_PATH}/pulls`)
      .query({ ...QUERY, per_page: "100" })
      .reply(200, [pull(1)], { link: next(2) });
    for (let page = 2; page <= MAX_LIST_PAGES; page++) {
      scope
        .get("/repositories/1/pulls")
        .query({ ...QUERY, per_page: "100", page: String(page) })
        .reply(200, [pull(page)], { link: next(page + 1) });
    }
    expect(await pullsInto(github(), repo, "release-1.5")).toHaveLength(MAX_LIST_PAGES);
    scope.done();
  });
});
