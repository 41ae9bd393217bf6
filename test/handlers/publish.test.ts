/**
 * Publishing through nock, call by call: `/publish X.Y.Z` (a draft published and read back, one
 * found published already, none to publish, GitHub's 404 for workflow files), `/rc` with
 * `release.publish: draft` (the draft created, read back, a racing duplicate deleted), a release
 * refused 404 after its tag, and `workflow_run.completed` publishing after `publishAfter`.
 */
import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig } from "../helpers/github.js";
import { commentPayload, examplePayload, INSTALLATION_ID } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";
import * as releases from "../helpers/release-endpoints.js";

const HEAD = api.sha("a");
const TREE = api.sha("b");
const RC0_TAG_OBJECT = api.sha("1");
const RC0_COMMIT = api.sha("2");
const TAG_OBJECT = api.sha("7");
const DRAFTS = "release:\n  publish: draft\n";
const AFTER = "release:\n  publish: draft\n  publishAfter: release.yaml\n";
const LINK = (tag: string) =>
  `[\`${tag}\`](https://github.com/Codertocat/Hello-World/releases/tag/${tag})`;

async function comment(body: string) {
  const payload = commentPayload(body);
  const { probot } = createTestBot();
  await probot.receive({ name: "issue_comment", id: "delivery-1", payload });
}

const nextId = () => commentPayload("").comment.id + 1;

function answered(config: string | null = DRAFTS, role: string | null = "write") {
  const scope = github();
  const replies = api.answeredCommand(scope, {
    commentId: nextId(),
    issue: 1,
    config,
    user: "maintainer",
    ...(role ? { role } : {}),
  });
  return { scope, replies };
}

/** The reply as a maintainer reads it: without the hidden markers the bot adds. */
const replyOf = (replies: Array<Record<string, unknown>>) =>
  String(replies[0]?.body ?? "")
    .replace(/\n*<!-- release-bot:[^>]* -->/g, "")
    .trim();

describe("/publish", () => {
  it("publishes the tag's draft (a final may become latest) and reads it back", async () => {
    const { scope, replies } = answered();
    releases.listReleases(scope, [
      { id: 12, tag: "v1.5.0", draft: true },
      { id: 11, tag: "v1.5.0-rc.0", prerelease: true },
    ]);
    api.getRef(scope, "tags/v1.5.0", { sha: TAG_OBJECT, type: "tag" });
    const patched = releases.publishRelease(scope, 12, { id: 12, tag: "v1.5.0", immutable: true });

    await comment("/publish 1.5.0");
    scope.done();
    expect(patched).toEqual([{ draft: false, make_latest: "legacy" }]);
    expect(replyOf(replies)).toBe(
      `The GitHub release of ${LINK("v1.5.0")} is published: [v1.5.0](https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0). It is immutable: GitHub locks its tag and assets for good.`,
    );
  });

  it("answers the same, writing nothing, when the release is published already", async () => {
    const { scope, replies } = answered();
    releases.listReleases(scope, [{ id: 12, tag: "v1.5.0", immutable: true }]);

    await comment("/publish v1.5.0");
    scope.done();
    expect(replyOf(replies)).toBe(
      `The GitHub release of ${LINK("v1.5.0")} is published: [v1.5.0](https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0). It is immutable: GitHub locks its tag and assets for good.`,
    );
  });

  it("publishes the oldest of two drafts of a candidate, never as latest", async () => {
    const { scope } = answered();
    releases.listReleases(scope, [
      { id: 15, tag: "v1.5.0-rc.1", draft: true, prerelease: true },
      { id: 14, tag: "v1.5.0-rc.1", draft: true, prerelease: true },
    ]);
    api.getRef(scope, "tags/v1.5.0-rc.1", { sha: TAG_OBJECT, type: "tag" });
    const patched = releases.publishRelease(scope, 14, {
      id: 14,
      tag: "v1.5.0-rc.1",
      prerelease: true,
    });

    await comment("/publish 1.5.0-rc.1");
    scope.done();
    expect(patched).toEqual([{ draft: false, make_latest: "false" }]);
  });

  it("refuses when there is no draft: says whether the tag exists and what to run", async () => {
    const tagged = answered();
    releases.listReleases(tagged.scope, []);
    releases.releaseByTag(tagged.scope, "v1.5.0", null);
    api.getRef(tagged.scope, "tags/v1.5.0", { sha: TAG_OBJECT, type: "tag" });
    await comment("/publish 1.5.0");
    tagged.scope.done();
    expect(replyOf(tagged.replies)).toBe(
      `There is no draft release of ${LINK("v1.5.0")} to publish: the tag has no GitHub release at all; comment \`/release 1.5\` to create it.`,
    );

    const untagged = answered();
    releases.listReleases(untagged.scope, []);
    releases.releaseByTag(untagged.scope, "v1.5.0-rc.3", null);
    api.getRef(untagged.scope, "tags/v1.5.0-rc.3", null);
    await comment("/publish 1.5.0-rc.3");
    untagged.scope.done();
    expect(replyOf(untagged.replies)).toBe(
      "There is no draft release of `v1.5.0-rc.3` to publish, and no such tag: cut it first with `/rc 1.5`.",
    );
  });

  it("refuses a draft whose tag does not exist: publishing would tag a branch head", async () => {
    const { scope, replies } = answered();
    releases.listReleases(scope, [{ id: 12, tag: "v1.5.0", draft: true }]);
    api.getRef(scope, "tags/v1.5.0", null);

    await comment("/publish 1.5.0");
    scope.done();
    expect(replyOf(replies)).toContain(
      "The draft release of `v1.5.0` has no tag `v1.5.0` yet, and publishing it would make GitHub tag the head of its target branch",
    );
  });

  it("says what GitHub's 404 means: the commit changes workflows, the App needs Workflows", async () => {
    const { scope, replies } = answered();
    releases.listReleases(scope, [{ id: 12, tag: "v1.5.0", draft: true }]);
    api.getRef(scope, "tags/v1.5.0", { sha: TAG_OBJECT, type: "tag" });
    releases.publishRelease(scope, 12, { status: 404, message: "Not Found" });

    await comment("/publish 1.5.0");
    scope.done();
    expect(replyOf(replies)).toBe(
      "Did not publish the [draft release](https://github.com/Codertocat/Hello-World/releases/tag/untagged-12) of " +
        LINK("v1.5.0") +
        ": GitHub answered 404: the tagged commit changes files under `.github/workflows/` compared with the default branch, and then a release needs the App's `workflows: write` permission; an organization owner must grant Workflows (read and write) to the App and accept the new permission on the installation (run as a GitHub Action, use an App token: the workflow's GITHUB_TOKEN can never have it). Once that is granted, comment `/publish 1.5.0` again.",
    );
  });

  it("is a writing command: refused to a reader before any read of releases", async () => {
    const { scope, replies } = answered(DRAFTS, "read");
    await comment("/publish 1.5.0");
    scope.done();
    expect(replyOf(replies)).toContain("only people with the `write` role or higher");
  });

  it("refuses what is not a release version", async () => {
    const { scope, replies } = answered(DRAFTS);
    await comment("/publish 1.5");
    scope.done();
    expect(replyOf(replies)).toBe(
      "`1.5` is not a release version; give it as `X.Y.Z` or `X.Y.Z-rc.N`, for example `/publish 1.5.0`.",
    );
  });
});

describe("/rc with release.publish: draft", () => {
  function cutToTheRelease(scope: ReturnType<typeof github>) {
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    const bumps = api.commitOnBranch(scope, { sha: api.sha("d"), tree: api.sha("c") });
    api.readBack(scope, api.sha("d"), bumps, ["VERSION"]);
    api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);
    scope
      .post("/repos/Codertocat/Hello-World/releases/generate-notes")
      .reply(200, { name: "v1.5.0-rc.1", body: "notes" });
  }

  it("creates the release as a draft, reads it back, deletes a racing duplicate, and says how it gets published", async () => {
    const { scope, replies } = answered(AFTER);
    cutToTheRelease(scope);
    const created = releases.postRelease(scope, {
      id: 21,
      tag: "v1.5.0-rc.1",
      draft: true,
      prerelease: true,
    });
    releases.listReleases(scope, [
      { id: 21, tag: "v1.5.0-rc.1", draft: true, prerelease: true },
      { id: 20, tag: "v1.5.0-rc.1", draft: true, prerelease: true },
      { id: 19, tag: "v1.5.0-rc.0", prerelease: true },
    ]);
    releases.deleteRelease(scope, 21);

    await comment("/rc 1.5");
    scope.done();
    expect(created[0]).toMatchObject({ tag_name: "v1.5.0-rc.1", draft: true, prerelease: true });
    expect(replyOf(replies)).toBe(
      `Tagged release candidate ${LINK("v1.5.0-rc.1")} on [\`ddddddd\`](https://github.com/Codertocat/Hello-World/commit/${api.sha("d")}) of [\`release-1.5\`](https://github.com/Codertocat/Hello-World/tree/release-1.5), after setting \`1.5.0-rc.1\` in \`VERSION\` ([draft GitHub release](https://github.com/Codertocat/Hello-World/releases/tag/untagged-20)); it is published when a run of \`release.yaml\` on [\`ddddddd\`](https://github.com/Codertocat/Hello-World/commit/${api.sha("d")}) succeeds, or by \`/publish 1.5.0-rc.1\`.`,
    );
  });

  it("says the tag is made and what to grant when GitHub refuses the release 404", async () => {
    const { scope, replies } = answered(null);
    cutToTheRelease(scope);
    releases.postRelease(scope, { status: 404, message: "Not Found" });

    await comment("/rc 1.5");
    scope.done();
    expect(replyOf(replies)).toMatch(
      /^Tagged \[`v1\.5\.0-rc\.1`\]\(.*?\), but GitHub refused its GitHub release: GitHub answered 404: the tagged commit changes files under `\.github\/workflows\/`.* Once that is granted, comment `\/rc 1\.5` again: it finds the tag and creates the release\.$/,
    );
  });
});

describe("workflow_run.completed with release.publishAfter", () => {
  function runPayload(
    overrides: { conclusion?: string; path?: string; headSha?: string } = {},
  ): Record<string, unknown> {
    const payload = examplePayload("workflow_run", (p) => p.action === "completed");
    payload.workflow_run.conclusion = overrides.conclusion ?? "success";
    payload.workflow_run.path = overrides.path ?? ".github/workflows/release.yaml";
    payload.workflow_run.head_sha = overrides.headSha ?? RC0_COMMIT;
    payload.workflow_run.head_branch = "v1.5.0-rc.1";
    payload.repository.owner.login = "Codertocat";
    payload.repository.name = "Hello-World";
    payload.repository.full_name = "Codertocat/Hello-World";
    payload.installation = { id: INSTALLATION_ID, node_id: "x" };
    return payload;
  }

  async function completed(payload: Record<string, unknown>) {
    const { probot } = createTestBot();
    await probot.receive({
      name: "workflow_run",
      id: "run-1",
      payload: payload as never,
    });
  }

  it("publishes the draft of the tag on the run's commit, its own tag first, and no other", async () => {
    const scope = github();
    mockConfig(scope, AFTER);
    releases.listReleases(scope, [
      { id: 31, tag: "v1.6.0-rc.0", draft: true, prerelease: true },
      { id: 30, tag: "v1.5.0-rc.1", draft: true, prerelease: true },
    ]);
    // The run's own tag is looked at first: it is on the run's commit.
    api.getRef(scope, "tags/v1.5.0-rc.1", { sha: TAG_OBJECT, type: "tag" });
    api.getTagObject(scope, TAG_OBJECT, RC0_COMMIT);
    const patched = releases.publishRelease(scope, 30, {
      id: 30,
      tag: "v1.5.0-rc.1",
      prerelease: true,
      immutable: true,
    });
    api.getRef(scope, "tags/v1.6.0-rc.0", { sha: api.sha("8"), type: "commit" });

    await completed(runPayload());
    scope.done();
    expect(patched).toEqual([{ draft: false, make_latest: "false" }]);
  });

  it("costs nothing for a failed run, and only the configuration for another workflow", async () => {
    await completed(runPayload({ conclusion: "failure" }));
    const scope = github();
    mockConfig(scope, AFTER);
    await completed(runPayload({ path: ".github/workflows/ci.yaml" }));
    scope.done();
  });
});
