import { describe, expect, it } from "vitest";
import { listLabelEvents } from "../../src/github/label-events.js";
import { api, github, REPO_PATH, repo } from "./octokit.js";

const user = (login: string) => ({ login, id: 1, type: "User" });

describe("listLabelEvents", () => {
  it("reads every page of the issue's events and keeps who labelled and unlabelled", async () => {
    const scope = api()
      .get(`${REPO_PATH}/issues/7/events`)
      .query({ per_page: "100" })
      .reply(
        200,
        [
          {
            event: "labeled",
            actor: user("rita"),
            label: { name: "cherry-pick/release-1.5", color: "e" },
          },
          { event: "closed", actor: user("lead") },
        ],
        {
          link: `<https://api.github.com${REPO_PATH}/issues/7/events?per_page=100&page=2>; rel="next"`,
        },
      )
      .get(`${REPO_PATH}/issues/7/events`)
      .query({ per_page: "100", page: "2" })
      .reply(200, [
        { event: "unlabeled", actor: null, label: { name: "kind/bug", color: "e" } },
        { event: "labeled", actor: user("lead"), label: null },
      ]);
    expect(await listLabelEvents(github(), repo, 7)).toEqual([
      { event: "labeled", label: "cherry-pick/release-1.5", actor: "rita" },
      { event: "unlabeled", label: "kind/bug", actor: null },
    ]);
    scope.done();
  });
});
