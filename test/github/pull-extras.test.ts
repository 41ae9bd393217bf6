/** What a new pick pull request gets beside its labels (nock): reviewers and auto-merge. */
import { describe, expect, it } from "vitest";
import {
  decoratePullRequest,
  enableAutoMerge,
  requestReviewers,
} from "../../src/github/pull-extras.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

describe("decorating a pick pull request", () => {
  it("sets labels, assignees and milestone in one call; a refused assignee drops the assignees only", async () => {
    const scope = api()
      .patch(`${REPO_PATH}/issues/21`, { labels: ["kind/bug"], milestone: 3, assignees: ["ana"] })
      .reply(200, {})
      .patch(`${REPO_PATH}/issues/22`, {
        labels: ["kind/bug"],
        milestone: 3,
        assignees: ["bot[bot]"],
      })
      .reply(422, { message: "Validation Failed" })
      .patch(`${REPO_PATH}/issues/22`, { labels: ["kind/bug"], milestone: 3 })
      .reply(200, {});
    const copies = { labels: ["kind/bug"], milestone: 3 };
    expect(
      await decoratePullRequest(github(), repo, 21, { ...copies, assignees: ["ana"] }),
    ).toEqual({ assigned: true });
    expect(
      await decoratePullRequest(github(), repo, 22, { ...copies, assignees: ["bot[bot]"] }),
    ).toEqual({ assigned: false });
    scope.done();
  });

  it("requests reviews, none when GitHub refuses a login", async () => {
    const scope = api()
      .post(`${REPO_PATH}/pulls/21/requested_reviewers`, { reviewers: ["cy"] })
      .reply(201, {})
      .post(`${REPO_PATH}/pulls/22/requested_reviewers`)
      .reply(422, { message: "Reviews may only be requested from collaborators." });
    expect(await requestReviewers(github(), repo, 21, ["cy"])).toEqual({ requested: true });
    expect(await requestReviewers(github(), repo, 22, ["eve"])).toEqual({
      requested: false,
      refusal: "Reviews may only be requested from collaborators.",
    });
    expect(await requestReviewers(github(), repo, 23, [])).toEqual({ requested: false });
    scope.done();
  });

  it("turns on auto-merge, and tells GitHub's refusals apart", async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const scope = api()
      .post("/graphql", (body) => {
        bodies.push(body);
        return true;
      })
      .reply(200, {
        data: {
          enablePullRequestAutoMerge: {
            pullRequest: { autoMergeRequest: { mergeMethod: "SQUASH" } },
          },
        },
      })
      .post("/graphql")
      .reply(200, {
        data: { enablePullRequestAutoMerge: null },
        errors: [
          {
            type: "UNPROCESSABLE",
            path: ["enablePullRequestAutoMerge"],
            message: "Auto merge is not allowed for this repository",
          },
        ],
      })
      .post("/graphql")
      .reply(200, { errors: [{ message: "Pull request Pull request is in clean status" }] })
      .post("/graphql")
      .reply(200, { errors: [{ message: "Something else" }] });
    expect(await enableAutoMerge(github(), "PR_1", "squash")).toEqual({ enabled: true });
    expect(bodies[0]?.variables).toEqual({ pullRequestId: "PR_1", mergeMethod: "SQUASH" });
    expect(await enableAutoMerge(github(), "PR_1", "merge")).toMatchObject({
      enabled: false,
      reason: "not-allowed",
    });
    expect(await enableAutoMerge(github(), "PR_1", "merge")).toMatchObject({
      enabled: false,
      reason: "clean",
    });
    expect(await enableAutoMerge(github(), "PR_1", "rebase")).toEqual({
      enabled: false,
      reason: "refused",
      message: "Something else",
    });
    scope.done();
  });
});
