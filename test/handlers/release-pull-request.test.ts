import { describe, expect, it } from "vitest";
import { noDashboard } from "../helpers/dashboard.js";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { pullRequestPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const MERGE = api.sha("m");

async function closed(edit: Parameters<typeof pullRequestPayload>[1], headSha?: string) {
  const { probot } = createTestBot();
  const payload = pullRequestPayload("closed", edit);
  if (headSha) payload.pull_request.head.sha = headSha;
  await probot.receive({ name: "pull_request", id: "delivery-1", payload });
}

/**
 * What GitHub sends for each merge method of the one-commit release pull request whose head is
 * the bump commit H: `merge_commit_sha` is the merge commit (parents: the release branch and
 * H), the squash commit (one parent, H's changes), or the rebased copy of H. Only that commit
 * is on the release branch; H itself is there only after a merge, as the second parent.
 */
const STYLES = [
  { style: "merge", head: api.sha("1a"), onBranch: api.sha("2b") },
  { style: "squash", head: api.sha("3c"), onBranch: api.sha("4d") },
  { style: "rebase", head: api.sha("5e"), onBranch: api.sha("6f") },
];

describe("a release pull request is merged", () => {
  for (const { style, head, onBranch } of STYLES) {
    it(`tags the commit the ${style} put on the release branch, not the head, and deletes the branch`, async () => {
      const scope = github();
      mockConfig(scope, "release:\n  mode: pull-request\n");
      noDashboard(scope);
      api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: api.sha("1") }]);
      // The merged tree is read back before the tag: it must carry the version.
      api.readBackTree(scope, onBranch, api.sha("7"), { VERSION: "v1.5.0-rc.1\n" });
      api.compareTag(scope, "v1.5.0-rc.0", onBranch, { status: "ahead", base: api.sha("2") });
      const tags = api.createTagObject(scope, api.sha("e"));
      const refs = api.createRef(scope);
      const release = api.createRelease(scope, "v1.5.0-rc.1", { previousTag: "v1.5.0-rc.0" });
      scope
        .delete(`${REPO_PATH}/git/refs/${encodeURIComponent("heads/release-bot/v1.5.0-rc.1")}`)
        .reply(204);
      api.listComments(scope, 7);
      const replies = api.postComment(scope, 7);

      await closed(
        {
          number: 7,
          merged: true,
          mergeCommitSha: onBranch,
          headRef: "release-bot/v1.5.0-rc.1",
          baseRef: "release-1.5",
        },
        head,
      );
      scope.done();
      expect(tags).toHaveLength(1);
      expect(tags[0]).toMatchObject({ tag: "v1.5.0-rc.1", object: onBranch, type: "commit" });
      expect(refs[0]).toEqual({ ref: "refs/tags/v1.5.0-rc.1", sha: api.sha("e") });
      expect(release.create[0]).toMatchObject({ tag_name: "v1.5.0-rc.1", prerelease: true });
      expect(replies[0]?.body).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
      expect(replies[0]?.body).toContain(
        `on [\`${onBranch.slice(0, 7)}\`](https://github.com/Codertocat/Hello-World/commit/${onBranch})`,
      );
      expect(replies[0]?.body).not.toContain(head.slice(0, 7));
      expect(replies[0]?.body).toContain("<!-- release-bot:release-pr-tag -->");
    });
  }

  it("comments once: a redelivery after the tag edits nothing", async () => {
    const scope = github();
    mockConfig(scope, null);
    noDashboard(scope);
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: api.sha("1") },
      { name: "v1.5.0-rc.1", sha: api.sha("e") },
    ]);
    api.readBackTree(scope, MERGE, api.sha("7"), { VERSION: "v1.5.0-rc.1\n" });
    api.compareTag(scope, "v1.5.0-rc.1", MERGE, { status: "identical", base: MERGE });
    api.createTagObject(scope, api.sha("f"));
    api.createRef(scope, { status: 422, message: "Reference already exists" });
    api.getRef(scope, "tags/v1.5.0-rc.1", { sha: api.sha("e"), type: "tag" });
    api.getTagObject(scope, api.sha("e"), MERGE);
    api.createRelease(scope, "v1.5.0-rc.1", { existing: true });
    scope
      .get(`${REPO_PATH}/git/commits/${MERGE}`)
      .reply(200, { sha: MERGE, message: "Release v1.5.0-rc.1 (#7)" });
    scope
      .delete(`${REPO_PATH}/git/refs/${encodeURIComponent("heads/release-bot/v1.5.0-rc.1")}`)
      .reply(422, { message: "Reference does not exist" });
    const body = "Tagged release candidate [`v1.5.0-rc.1`](https://github.com/...)";
    api.listComments(scope, 7, [{ id: 5, body: `${body}\n\n<!-- release-bot:release-pr-tag -->` }]);

    await closed({
      number: 7,
      merged: true,
      mergeCommitSha: MERGE,
      headRef: "release-bot/v1.5.0-rc.1",
      baseRef: "release-1.5",
    });
    scope.done();
  });

  it("does not tag a merge commit that does not carry the version, and says so on the pull request", async () => {
    const scope = github();
    mockConfig(scope, null);
    noDashboard(scope);
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: api.sha("1") }]);
    // The pull request was edited before the merge: VERSION went back to the old candidate.
    api.readBackTree(scope, MERGE, api.sha("7"), { VERSION: "v1.5.0-rc.0\n" });
    api.listComments(scope, 7);
    const replies = api.postComment(scope, 7);
    const problems: api.Body[] = [];
    scope.get(`${REPO_PATH}/issues?state=open&labels=release-bot&per_page=100`).reply(200, []);
    scope
      .post(`${REPO_PATH}/issues`, (body) => {
        problems.push(body);
        return true;
      })
      .reply(201, { number: 9, html_url: "https://github.com/Codertocat/Hello-World/issues/9" });

    await closed({
      number: 7,
      merged: true,
      mergeCommitSha: MERGE,
      headRef: "release-bot/v1.5.0-rc.1",
      baseRef: "release-1.5",
    });
    scope.done();
    const said =
      "Did not tag `v1.5.0-rc.1`: the merge commit [`mmmmmmm`](https://github.com/Codertocat/Hello-World/commit/mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm) of [`release-1.5`](https://github.com/Codertocat/Hello-World/tree/release-1.5) does not carry `1.5.0-rc.1` in every managed version field: `VERSION` line 1 reads `v1.5.0-rc.0`, not `v1.5.0-rc.1`. Run `/rc 1.5` to set the version again.";
    expect(replies[0]?.body).toBe(`${said}\n\n<!-- release-bot:release-pr-tag -->`);
    expect(problems[0]).toMatchObject({
      title: "release-bot: could not tag release-bot/v1.5.0-rc.1",
    });
  });

  it("ignores other pull requests: no tag, only the dashboard's look at the line", async () => {
    const scope = github();
    mockConfig(scope, null);
    mockConfig(scope, null);
    noDashboard(scope, 2);
    await closed({
      merged: true,
      mergeCommitSha: MERGE,
      headRef: "fix-leak",
      baseRef: "release-1.5",
    });
    await closed({
      merged: false,
      mergeCommitSha: MERGE,
      headRef: "release-bot/v1.5.0",
      baseRef: "release-1.5",
    });
    scope.done();
  });

  it("ignores a fork's branch that borrows the release branch name: no tag", async () => {
    const scope = github();
    mockConfig(scope, null);
    noDashboard(scope);
    await closed({
      merged: true,
      mergeCommitSha: MERGE,
      headRef: "release-bot/v9.9.9",
      baseRef: "release-9.9",
      fork: true,
    });
    scope.done();
  });

  it("refuses to tag a version of another line", async () => {
    const scope = github();
    mockConfig(scope, null);
    noDashboard(scope);
    api.listComments(scope, 7);
    const replies = api.postComment(scope, 7);
    await closed({
      number: 7,
      merged: true,
      mergeCommitSha: MERGE,
      headRef: "release-bot/v1.6.0",
      baseRef: "release-1.5",
    });
    scope.done();
    expect(replies[0]?.body).toMatch(/^`v1\.6\.0` does not belong to `release-1\.5`/);
  });
});
