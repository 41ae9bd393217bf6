import { describe, expect, it } from "vitest";
import { listReleaseBranches } from "../../src/github/release-branches.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const ref = (name: string) => ({ ref: `refs/heads/${name}`, object: { sha: "a".repeat(40) } });

describe("listReleaseBranches", () => {
  it("asks for the branches that start like the pattern and lists the release branches newest first", async () => {
    const scope = api()
      .get(`${REPO_PATH}/git/matching-refs/${encodeURIComponent("heads/release-")}`)
      .query({ per_page: "100" })
      .reply(200, [
        ref("release-1.4"),
        ref("release-1.10"),
        ref("release-x"),
        ref("release-2.0"),
        ref("release-1.9"),
        ref("release-notes"),
      ]);
    expect(await listReleaseBranches(github(), repo, "release-{major}.{minor}")).toEqual([
      "release-2.0",
      "release-1.10",
      "release-1.9",
      "release-1.4",
    ]);
    scope.done();
  });

  it("cuts the prefix at whichever of major and minor comes first", async () => {
    const scope = api()
      .get(`${REPO_PATH}/git/matching-refs/${encodeURIComponent("heads/v")}`)
      .query({ per_page: "100" })
      .reply(200, [ref("v1.5.x"), ref("v2.0.x"), ref("v1.5.y")]);
    expect(await listReleaseBranches(github(), repo, "v{major}.{minor}.x")).toEqual([
      "v2.0.x",
      "v1.5.x",
    ]);
    scope.done();
  });
});
