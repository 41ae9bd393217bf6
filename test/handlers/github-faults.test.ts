import Bottleneck from "bottleneck";
import type { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { ReleaseBotOctokit } from "../../src/github/octokit.js";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

/**
 * The production Octokit, with retry waits shortened from seconds to milliseconds and writes
 * spaced 10 ms apart instead of 1 s (3 s for comments): the throttling plugin's own limiter
 * groups, so its secondary-rate-limit handling is the one under test.
 */
const FastRetryOctokit = ReleaseBotOctokit.defaults(
  (options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => ({
    ...options,
    retry: { ...options.retry, retryAfterBaseValue: 1 },
    throttle: {
      ...options.throttle,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 10 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 10 }),
    } as NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>["throttle"],
  }),
);

const HEAD = api.sha("a");
const TREE = api.sha("b");
const TAG0 = api.sha("1");
const COMMIT0 = api.sha("2");
const tagsPath = `${REPO_PATH}/git/matching-refs/${encodeURIComponent("tags/v1.5.")}?per_page=100`;

async function comment(body: string) {
  const payload = commentPayload(body);
  const { probot, logs } = createTestBot({ Octokit: FastRetryOctokit as typeof ProbotOctokit });
  await probot.receive({ name: "issue_comment", id: "delivery-1", payload });
  return { id: payload.comment.id as number, logs };
}

function start(scope: ReturnType<typeof github>, id: number) {
  api.reactEyes(scope, id);
  mockConfig(scope, null);
  api.permission(scope, "maintainer", "write");
}

describe("GitHub faults", () => {
  it("retries 502s and finishes the candidate", async () => {
    const scope = github();
    const id = commentPayload("").comment.id + 1;
    start(scope, id);
    scope.get(tagsPath).twice().reply(502, { message: "Bad Gateway" });
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: TAG0 }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: COMMIT0 });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    api.createTagObject(scope, api.sha("e"));
    const refs = api.createRef(scope);
    api.createRelease(scope, "v1.5.0-rc.1", { previousTag: "v1.5.0-rc.0" });
    const replies = api.postComment(scope, 1);

    await comment("/rc 1.5");
    scope.done();
    expect(refs[0]).toEqual({ ref: "refs/tags/v1.5.0-rc.1", sha: api.sha("e") });
    expect(replies[0]?.body).toMatch(/^Tagged release candidate/);
  });

  it("waits out a secondary rate limit (403 with retry-after) and goes on", async () => {
    const scope = github();
    const id = commentPayload("").comment.id + 1;
    start(scope, id);
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: TAG0 }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: COMMIT0 });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    scope.post(`${REPO_PATH}/git/tags`).reply(
      403,
      {
        message:
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      },
      { "retry-after": "1" },
    );
    const tags = api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);
    api.createRelease(scope, "v1.5.0-rc.1", { previousTag: "v1.5.0-rc.0" });
    const replies = api.postComment(scope, 1);

    const { logs } = await comment("/rc 1.5");
    scope.done();
    expect(tags[0]).toMatchObject({ tag: "v1.5.0-rc.1", object: HEAD });
    expect(replies[0]?.body).toMatch(/^Tagged release candidate/);
    expect(logs.join("")).toContain("Secondary rate limit on POST /repos/{owner}/{repo}/git/tags");
  });

  it("ends a permanent failure in one clear reply, with nothing half-written", async () => {
    const scope = github();
    const id = commentPayload("").comment.id + 1;
    start(scope, id);
    scope.get(tagsPath).times(4).reply(500, { message: "Internal Server Error" });
    // Read at the same time as the tags.
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    const replies = api.postComment(scope, 1);

    const { logs } = await comment("/rc 1.5");
    scope.done();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatch(
      /^`\/rc 1\.5` failed: GitHub answered 500: Internal Server Error\. Every step checks what is already done, so running the command again finishes the job\./,
    );
    expect(logs.join("")).not.toContain("test-token");
  });
});
