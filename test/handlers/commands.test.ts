import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";
import * as releases from "../helpers/release-endpoints.js";
import { releaseBranches } from "./cherry-pick.helpers.js";

const HEAD = api.sha("a");
const TREE = api.sha("b");
const RC0_TAG_OBJECT = api.sha("1");
const RC0_COMMIT = api.sha("2");

async function comment(body: string, options: Parameters<typeof commentPayload>[1] = {}) {
  const payload = commentPayload(body, options);
  const { probot, logs } = createTestBot();
  await probot.receive({ name: "issue_comment", id: "delivery-1", payload });
  return { payload, logs };
}

const nextId = () => commentPayload("").comment.id + 1;

/**
 * GitHub for a comment of "maintainer" on issue 1, from the eyes to the one reply: the claim,
 * the configuration, the role (`write` unless given; none read when null) and the reply.
 */
function answered(options: { role?: string | null; config?: string | null } = {}) {
  const scope = github();
  const id = nextId();
  const role = options.role === undefined ? "write" : options.role;
  const replies = api.answeredCommand(scope, {
    commentId: id,
    issue: 1,
    config: options.config ?? null,
    user: "maintainer",
    ...(role ? { role } : {}),
  });
  return { scope, id, replies };
}

describe("/rc", () => {
  it("cuts the next candidate after rc.0 and replies with the tag and release links", async () => {
    const { scope, id, replies } = answered();
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    const { bumps, tags, release } = api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0-rc.1",
      previousTag: "v1.5.0-rc.0",
    });

    await comment("/rc 1.5");
    scope.done();
    expect(bumps[0]).toMatchObject({ expectedHeadOid: HEAD });
    expect(tags[0]).toMatchObject({ tag: "v1.5.0-rc.1", object: api.sha("d") });
    expect(release.notes[0]).toEqual({ tag_name: "v1.5.0-rc.1", previous_tag_name: "v1.5.0-rc.0" });
    expect(release.create[0]).toMatchObject({
      prerelease: true,
      body: "## What's Changed\n* notes since v1.5.0-rc.0",
    });
    expect(replies[0]?.body).toBe(
      "Tagged release candidate [`v1.5.0-rc.1`](https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0-rc.1) on [`ddddddd`](https://github.com/Codertocat/Hello-World/commit/dddddddddddddddddddddddddddddddddddddddd) of [`release-1.5`](https://github.com/Codertocat/Hello-World/tree/release-1.5), after setting `1.5.0-rc.1` in `VERSION` ([GitHub release](https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0-rc.1)).\n\n<!-- release-bot:reply-to:" +
        id +
        " -->",
    );
  });

  it("cuts X.Y.(Z+1)-rc.0 after a final", async () => {
    const { scope } = answered();
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: api.sha("3") },
      { name: "v1.5.0", sha: RC0_TAG_OBJECT },
    ]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0\n" });
    const { tags } = api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.1-rc.0",
      previousTag: "v1.5.0",
    });

    await comment("/rc 1.5");
    scope.done();
    expect(tags[0]).toMatchObject({ tag: "v1.5.1-rc.0" });
  });

  it("refuses when the branch head is already tagged", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: RC0_COMMIT, tree: TREE });
    // Listed beside the tag read, for the bump that the refusal makes unneeded.
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.0", RC0_COMMIT, { status: "identical", base: RC0_COMMIT });
    api.createRelease(scope, "v1.5.0-rc.0", { existing: true });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toContain(
      "Nothing changed on [`release-1.5`](https://github.com/Codertocat/Hello-World/tree/release-1.5) since [`v1.5.0-rc.0`]",
    );
    expect(replies[0]?.body).toContain("merge or cherry-pick fixes onto it first.");
  });

  it("publishes the release an interrupted run left unpublished instead of refusing", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: api.sha("3") },
      { name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT },
    ]);
    api.getBranch(scope, "release-1.5", { sha: RC0_COMMIT, tree: TREE });
    // Listed beside the tag read, for the bump that the refusal makes unneeded.
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.1", RC0_COMMIT, { status: "identical", base: RC0_COMMIT });
    scope.get(`${REPO_PATH}/releases/tags/v1.5.0-rc.1`).reply(404, { message: "Not Found" });
    api.readBackTree(scope, RC0_COMMIT, api.sha("7"), { VERSION: "v1.5.0-rc.1\n" });
    const release = api.createRelease(scope, "v1.5.0-rc.1", { previousTag: "v1.5.0-rc.0" });

    await comment("/rc 1.5");
    scope.done();
    expect(release.create[0]).toMatchObject({ tag_name: "v1.5.0-rc.1", prerelease: true });
    expect(replies[0]?.body).toMatch(
      /^Published the \[GitHub release\]\(.*\) of \[`v1\.5\.0-rc\.1`\]\(.*\), which an interrupted run had tagged on \[`2222222`\]\(.*\) of \[`release-1\.5`\]\(.*\) but not published\./,
    );
  });

  it("does not publish a release for a tag whose commit does not carry the version", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: api.sha("3") },
      { name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT },
    ]);
    api.getBranch(scope, "release-1.5", { sha: RC0_COMMIT, tree: TREE });
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.1", RC0_COMMIT, { status: "identical", base: RC0_COMMIT });
    scope.get(`${REPO_PATH}/releases/tags/v1.5.0-rc.1`).reply(404, { message: "Not Found" });
    api.readBackTree(scope, RC0_COMMIT, api.sha("7"), { VERSION: "v1.5.0-rc.0\n" });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Did not publish a GitHub release for \[`v1\.5\.0-rc\.1`\]\(.*\), which is tagged on \[`2222222`\]\(.*\) of \[`release-1\.5`\]\(.*\) without one: that commit does not carry `1\.5\.0-rc\.1` in every managed version field: `VERSION` line 1 reads `v1\.5\.0-rc\.0`, not `v1\.5\.0-rc\.1`\. Delete the tag if it is wrong, then run the command again\./,
    );
  });

  it("refuses an unknown branch and says how to create it", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.7.", []);
    api.getBranch(scope, "release-1.7", null);

    await comment("/rc 1.7");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Branch `release-1\.7` does not exist; create it with `\/branch 1\.7`\./,
    );
  });

  it("opens a release pull request instead when branch protection refuses the commit", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    api.commitOnBranch(scope, {
      refused:
        "Repository rule violations found\n\nChanges must be made through a pull request.\n\n",
    });
    scope
      .get(
        `${REPO_PATH}/pulls?state=open&head=Codertocat%3Arelease-bot%2Fv1.5.0-rc.1&base=release-1.5&per_page=1`,
      )
      .reply(200, []);
    // The refused commit was never made: the pull request's branch gets one of its own.
    api.createTree(scope, api.sha("c"));
    api.createCommit(scope, api.sha("d"));
    const refs = api.createRef(scope);
    const pulls: api.Body[] = [];
    scope
      .post(`${REPO_PATH}/pulls`, (body) => {
        pulls.push(body);
        return true;
      })
      .reply(201, { number: 42 });

    await comment("/rc 1.5");
    scope.done();
    expect(refs[0]).toEqual({ ref: "refs/heads/release-bot/v1.5.0-rc.1", sha: api.sha("d") });
    expect(pulls[0]).toMatchObject({
      title: "Release v1.5.0-rc.1",
      head: "release-bot/v1.5.0-rc.1",
      base: "release-1.5",
    });
    expect(String(pulls[0]?.body)).toContain(
      'Branch protection on `release-1.5` refused a direct commit, so the bump comes as this pull request. GitHub answered: Repository rule violations found Changes must be made through a pull request. (refused by the ruleset rule "Require a pull request before merging"; a repository admin must add the App to the ruleset\'s bypass list, or exclude the branch from that rule).',
    );
    expect(replies[0]?.body).toContain(
      "Opened [#42](https://github.com/Codertocat/Hello-World/pull/42) to set the version to `1.5.0-rc.1` because branch protection refused a direct commit",
    );
  });
});

describe("safety", () => {
  it("dry run replies with the plan and writes nothing", async () => {
    const { scope, replies } = answered({ config: "dryRun: true\n" });
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^\*\*Dry run\*\*: nothing was written\. The bot would:\n1\. commit version `1\.5\.0-rc\.1` on \[`release-1\.5`\]/,
    );
  });

  it("reports a tag that already exists on another commit and publishes nothing", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    api.createTagObject(scope, api.sha("e"));
    api.createRef(scope, { status: 422, message: "Reference already exists" });
    api.getRef(scope, "tags/v1.5.0-rc.1", { sha: api.sha("4"), type: "commit" });
    // Only a tag no immutable release locks can be deleted: GitHub is asked before advising it.
    releases.releaseByTag(scope, "v1.5.0-rc.1", null);

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Tag `v1\.5\.0-rc\.1` already exists on \[`4444444`\]\(.*\), not on \[`aaaaaaa`\]\(.*\) where the bot would put it; delete the tag if it is wrong and run the command again\./,
    );
  });

  it("makes no release when release notes are turned off", async () => {
    const { scope, replies } = answered({ config: "release:\n  notes: false\n" });
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).not.toContain("GitHub release");
  });
});

describe("/release", () => {
  it("cuts the final from the newest candidate as a full release", async () => {
    const { scope, replies } = answered();
    api.getBranch(scope, "release-1.5", { sha: RC0_COMMIT, tree: TREE });
    api.openPullsInto(scope, "release-1.5");
    api.compareTag(scope, "v1.5.0-rc.1", RC0_COMMIT, {
      status: "identical",
      perPage: 100,
      base: RC0_COMMIT,
    });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    // /release lists every tag once: the line's, and the older lines' finals an X.Y.0's notes start from.
    api.listTags(scope, "v", [
      { name: "v1.4.0", sha: api.sha("4") },
      { name: "v1.4.1", sha: api.sha("5") },
      { name: "v1.5.0-rc.0", sha: api.sha("3") },
      { name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT },
      { name: "v1.6.0", sha: api.sha("6") },
    ]);
    const { tags, release } = api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0",
      previousTag: "v1.4.1",
    });

    await comment("/release 1.5");
    scope.done();
    expect(release.notes[0]).toEqual({ tag_name: "v1.5.0", previous_tag_name: "v1.4.1" });
    expect(tags[0]).toMatchObject({ tag: "v1.5.0", object: api.sha("d") });
    expect(release.create[0]).toMatchObject({
      tag_name: "v1.5.0",
      prerelease: false,
      make_latest: "legacy",
    });
    expect(replies[0]?.body).toMatch(/^Tagged release \[`v1\.5\.0`\]/);
  });

  it("refuses when the branch has commits the candidate did not test, naming them", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v", [{ name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.openPullsInto(scope, "release-1.5");
    // Listed beside the tag read, for the bump that the refusal makes unneeded.
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.1", HEAD, {
      base: RC0_COMMIT,
      perPage: 100,
      commits: [
        { sha: api.sha("5"), message: "Fix executor pod leak (#2612)\n\nSigned-off-by: A <a@x>" },
        { sha: HEAD, message: "Release v1.5.0 (#2613)" },
      ],
    });

    await comment("/release 1.5");
    scope.done();
    expect(replies[0]?.body).toContain("has 1 commit that [`v1.5.0-rc.1`]");
    expect(replies[0]?.body).toContain(
      "`5555555`](https://github.com/Codertocat/Hello-World/commit/5555555555555555555555555555555555555555) Fix executor pod leak (#2612)",
    );
    expect(replies[0]?.body).toContain(
      "run `/rc 1.5` to test them, or `/release 1.5 --force` to release anyway.",
    );
  });

  it("counts commits past the comparison's first page as untested, though it lists only bumps", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v", [{ name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.openPullsInto(scope, "release-1.5");
    // Listed beside the tag read, for the bump that the refusal makes unneeded.
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.1", HEAD, {
      base: RC0_COMMIT,
      perPage: 100,
      total: 3,
      commits: [{ sha: api.sha("6"), message: "Release v1.5.0-rc.1" }],
    });

    await comment("/release 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^\[`release-1\.5`\]\(.*\) has 2 commits that \[`v1\.5\.0-rc\.1`\]\(.*\) did not test \(2 not listed here\); run `\/rc 1\.5` to test them/,
    );
  });

  it("releases untested commits with --force", async () => {
    const { scope } = answered();
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.openPullsInto(scope, "release-1.5");
    api.compareTag(scope, "v1.5.0-rc.1", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0\n" });
    api.listTags(scope, "v", [
      { name: "v1.4.2", sha: api.sha("4") },
      { name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT },
    ]);
    const tags = api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);
    api.createRelease(scope, "v1.5.0", { previousTag: "v1.4.2" });

    await comment("/release 1.5 --force");
    scope.done();
    expect(tags[0]).toMatchObject({ tag: "v1.5.0", object: HEAD });
  });

  it("cuts the patch final directly after a final with new fixes", async () => {
    const { scope } = answered();
    api.listTags(scope, "v", [{ name: "v2.2.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-2.2", { sha: HEAD, tree: TREE });
    api.openPullsInto(scope, "release-2.2");
    api.compareTag(scope, "v2.2.0", HEAD, { status: "ahead", perPage: 100, base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v2.2.0\n" });
    const { tags } = api.bumpAndTag(scope, {
      branch: "release-2.2",
      tag: "v2.2.1",
      previousTag: "v2.2.0",
    });

    await comment("/release 2.2");
    scope.done();
    expect(tags[0]).toMatchObject({ tag: "v2.2.1" });
  });

  it("requires a candidate first when the configuration says so", async () => {
    const { scope, replies } = answered({ config: "release:\n  requireCandidate: true\n" });
    api.listTags(scope, "v", [{ name: "v2.2.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-2.2", { sha: HEAD, tree: TREE });
    api.openPullsInto(scope, "release-2.2");

    await comment("/release 2.2");
    scope.done();
    expect(replies[0]?.body).toContain("run `/rc 2.2` to cut 2.2.1-rc.0 first.");
  });

  it("refuses a line without a candidate", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v", []);
    api.getBranch(scope, "release-1.6", { sha: HEAD, tree: TREE });
    api.openPullsInto(scope, "release-1.6");

    await comment("/release 1.6");
    scope.done();
    expect(replies[0]?.body).toContain("There is no release candidate of 1.6 yet; run `/rc 1.6`");
  });
});

describe("tags of the line off its branch", () => {
  const STRAY_OBJECT = api.sha("8");
  const STRAY_COMMIT = api.sha("9");

  it("sets aside a newer tag the branch does not contain, cuts on the branch's own and names it", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT },
      { name: "v1.5.0-rc.3", sha: STRAY_OBJECT },
    ]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.3", HEAD, { status: "diverged", base: STRAY_COMMIT });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    const { tags, release } = api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0-rc.1",
      previousTag: "v1.5.0-rc.0",
    });

    await comment("/rc 1.5");
    scope.done();
    expect(tags[0]).toMatchObject({ tag: "v1.5.0-rc.1", object: api.sha("d") });
    expect(release.notes[0]).toEqual({ tag_name: "v1.5.0-rc.1", previous_tag_name: "v1.5.0-rc.0" });
    expect(replies[0]?.body).toContain(
      ". [`v1.5.0-rc.3`](https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0-rc.3) (it points to [`9999999`](https://github.com/Codertocat/Hello-World/commit/9999999999999999999999999999999999999999)) is not on [`release-1.5`](https://github.com/Codertocat/Hello-World/tree/release-1.5); release-bot ignores it.",
    );
  });

  it("refuses when the next name is a stray's, and writes nothing", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT },
      { name: "v1.5.0-rc.1", sha: STRAY_OBJECT },
    ]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.getTagObject(scope, STRAY_OBJECT, STRAY_COMMIT);
    // No common history at all: not on the branch either.
    api.compareTag(scope, "v1.5.0-rc.1", HEAD, { status: 404 });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    releases.releaseByTag(scope, "v1.5.0-rc.1", { id: 7, tag: "v1.5.0-rc.1", prerelease: true });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Did not cut `v1\.5\.0-rc\.1`: a tag of that name already exists off \[`release-1\.5`\]\(.*?\), and release-bot neither reuses nor moves it\. Delete it if it is a mistake \(`git push origin :refs\/tags\/v1\.5\.0-rc\.1`\), or move it onto \[`release-1\.5`\]\(.*?\) if it is meant to be this release, then run `\/rc 1\.5` again\. \[`v1\.5\.0-rc\.1`\]\(.*?\) \(it points to \[`9999999`\]/,
    );
  });

  it("stops looking after three strays and says which", async () => {
    const { scope, replies } = answered();
    const names = ["v1.5.0-rc.1", "v1.5.0-rc.2", "v1.5.0-rc.3"];
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT },
      ...names.map((name, i) => ({ name, sha: api.sha(String(i + 5)) })),
    ]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    for (const name of names) {
      api.compareTag(scope, name, HEAD, { status: "diverged", base: STRAY_COMMIT });
      releases.releaseByTag(scope, name, null);
    }

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^The 3 newest tags of this line, \[`v1\.5\.0-rc\.3`\]\(.*?\) \(on \[`9999999`\]\(.*?\)\), \[`v1\.5\.0-rc\.2`\].*, are not on \[`release-1\.5`\]\(.*?\), so release-bot stopped looking for the tag to build on\./,
    );
  });

  it("refuses when the branch moved to a newer tag while it was read", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [
      { name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT },
      { name: "v1.5.0-rc.1", sha: STRAY_OBJECT },
    ]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.1", HEAD, { status: "behind", base: STRAY_COMMIT });
    api.getBranch(scope, "release-1.5", { sha: STRAY_COMMIT, tree: TREE });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^\[`release-1\.5`\]\(.*?\) moved to \[`v1\.5\.0-rc\.1`\]\(.*?\) while release-bot read it \(another release being cut\?\); run the command again\./,
    );
  });

  it("/release names the pick pull requests still open into the branch, and releases", async () => {
    const { scope, replies } = answered();
    api.getBranch(scope, "release-1.5", { sha: RC0_COMMIT, tree: TREE });
    api.openPullsInto(scope, "release-1.5", [
      { number: 12, title: "[release-1.5] Fix a leak", head: "cherry-pick-10-to-release-1.5" },
      { number: 13, title: "Docs", head: "docs" },
      {
        number: 14,
        title: "[release-1.5] Forked",
        head: "cherry-pick-9-to-release-1.5",
        fork: true,
      },
      { number: 15, title: "[release-1.5] Fix a race", head: "cherry-pick-11-to-release-1.5" },
    ]);
    api.compareTag(scope, "v1.5.0-rc.1", RC0_COMMIT, {
      status: "identical",
      perPage: 100,
      base: RC0_COMMIT,
    });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    api.listTags(scope, "v", [{ name: "v1.5.0-rc.1", sha: RC0_TAG_OBJECT }]);
    const { tags } = api.bumpAndTag(scope, { branch: "release-1.5", tag: "v1.5.0" });

    await comment("/release 1.5");
    scope.done();
    expect(tags[0]).toMatchObject({ tag: "v1.5.0" });
    expect(replies[0]?.body).toContain(
      ". Not in this release: the pick pull requests still open into [`release-1.5`](https://github.com/Codertocat/Hello-World/tree/release-1.5): [#12](https://github.com/Codertocat/Hello-World/pull/12) [release-1.5] Fix a leak; [#15](https://github.com/Codertocat/Hello-World/pull/15) [release-1.5] Fix a race.\n",
    );
  });
});

describe("/branch", () => {
  it("creates release-X.Y from the default branch and cuts rc.0", async () => {
    const { scope, replies } = answered();
    api.getBranch(scope, "release-1.6", null);
    releaseBranches(scope, ["release-1.4", "release-1.5"]);
    scope.get(`${REPO_PATH}/commits/master?per_page=1`).reply(200, { sha: HEAD });
    const refs = api.createRef(scope);
    api.listTags(scope, "v1.6.", []);
    api.getBranch(scope, "release-1.6", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.6.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0\n" });
    const { tags } = api.bumpAndTag(scope, { branch: "release-1.6", tag: "v1.6.0-rc.0" });

    await comment("/branch 1.6");
    scope.done();
    expect(refs[0]).toEqual({ ref: "refs/heads/release-1.6", sha: HEAD });
    expect(tags[0]).toMatchObject({ tag: "v1.6.0-rc.0", object: api.sha("d") });
    expect(replies[0]?.body).toMatch(
      /^Created \[`release-1\.6`\]\(.*\) from `master` at \[`aaaaaaa`\]\(.*\)\. Tagged release candidate \[`v1\.6\.0-rc\.0`\]/,
    );
  });

  it("waits for the delivery holding the claim, then answers with what it made", async () => {
    const { scope, replies } = answered();
    const BUMP = api.sha("d");
    api.getBranch(scope, "release-1.6", null);
    releaseBranches(scope, ["release-1.4", "release-1.5"]);
    scope.get(`${REPO_PATH}/commits/master?per_page=1`).reply(200, { sha: HEAD });
    api.createRef(scope);
    api.listTags(scope, "v1.6.", []);
    api.getBranch(scope, "release-1.6", { sha: HEAD, tree: TREE });
    // The branch's `create` delivery holds the claim, and has let it go at the first look.
    api.claimFirstCandidate(scope, "v1.6.0-rc.0", { taken: true });
    api.getBranch(scope, "release-bot/tmp/claim/v1.6.0-rc.0", null);
    api.listTags(scope, "v1.6.", [{ name: "v1.6.0-rc.0", sha: api.sha("e") }]);
    api.getBranch(scope, "release-1.6", { sha: BUMP, tree: TREE });
    scope.get(`${REPO_PATH}/git/tags/${api.sha("e")}`).reply(200, {
      sha: api.sha("e"),
      object: { sha: BUMP, type: "commit" },
      message: "Release v1.6.0-rc.0",
      tagger: { date: new Date().toISOString() },
    });
    api.createRelease(scope, "v1.6.0-rc.0", { existing: true });
    scope.get(`${REPO_PATH}/git/commits/${BUMP}`).reply(200, {
      sha: BUMP,
      message:
        "Release v1.6.0-rc.0\n\nSet the version to 1.6.0-rc.0 (image tag v1.6.0-rc.0) in:\n- VERSION\n",
    });

    await comment("/branch 1.6");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Created \[`release-1\.6`\]\(.*?\) from `master` at \[`aaaaaaa`\]\(.*?\)\. Tagged release candidate \[`v1\.6\.0-rc\.0`\]\(.*?\) on \[`ddddddd`\]\(.*?\) of \[`release-1\.6`\]\(.*?\), after setting `1\.6\.0-rc\.0` in `VERSION` \(\[GitHub release\]\(.*?\)\)\./,
    );
  });

  it("refuses a line that is not the next one, with nothing created, and says how to override", async () => {
    const { scope, replies } = answered();
    api.getBranch(scope, "release-1.3", null);
    releaseBranches(scope, ["release-1.4", "release-1.5"]);

    await comment("/branch 1.3");
    scope.done(); // no ref resolved, no branch, no tag
    expect(replies[0]?.body).toMatch(
      /^Did not create `release-1\.3`: 1\.3 is older than the newest release line, 1\.5\. If you mean it, run `\/branch 1\.3 --force`\.\n/,
    );
  });

  it("refuses a line number past 2^31 - 1, even with --force", async () => {
    const { scope, replies } = answered();
    api.getBranch(scope, "release-99999999999.1", null);
    releaseBranches(scope, []);

    await comment("/branch 99999999999.1 --force");
    scope.done();
    expect(replies[0]?.body).toContain(
      "Did not create `release-99999999999.1`: 99999999999.1 has a number past 2147483647, which tools read as 32-bit integers cannot hold.",
    );
  });

  it("refuses a ref that does not exist", async () => {
    const { scope, replies } = answered();
    api.getBranch(scope, "release-1.6", null);
    releaseBranches(scope, []);
    scope
      .get(`${REPO_PATH}/commits/nope?per_page=1`)
      .reply(422, { message: "No commit found for SHA: nope" });

    await comment("/branch 1.6 from nope");
    scope.done();
    expect(replies[0]?.body).toMatch(/^`nope` is not a branch, tag or commit of this repository\./);
  });
});

describe("who may run commands", () => {
  for (const role of ["read", "triage", "none"]) {
    it(`politely refuses a user with ${role} access and writes nothing`, async () => {
      const { scope, replies } = answered({ role });

      await comment("/rc 1.5\n/release 1.5");
      scope.done();
      expect(replies[0]?.body).toContain(
        `**\`/rc 1.5\`**: Sorry @maintainer, only people with the \`write\` role or higher on this repository can run \`/rc 1.5\` (yours is \`${role}\`); ask a maintainer to run it.`,
      );
      expect(replies[0]?.body).toContain("can run `/release 1.5`");
    });
  }

  it("honours a stricter configured permission: write is not enough for maintain", async () => {
    const { scope, replies } = answered({
      role: "write",
      config: "commands:\n  permission: maintain\n",
    });
    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toContain("only people with the `maintain` role or higher");
  });

  it("lets a custom organisation role run commands by the base role GitHub gives with it", async () => {
    const { scope, replies } = answered({ role: null });
    scope
      .get(`${REPO_PATH}/collaborators/maintainer/permission`)
      .reply(200, { permission: "write", role_name: "release-manager" });
    api.listTags(scope, "v1.7.", []);
    api.getBranch(scope, "release-1.7", null);
    await comment("/rc 1.7");
    scope.done();
    expect(replies[0]?.body).toMatch(/^Branch `release-1\.7` does not exist/);
  });

  it("refuses a custom organisation role whose base role is below the minimum, naming it", async () => {
    const { scope, replies } = answered({ role: null });
    scope
      .get(`${REPO_PATH}/collaborators/maintainer/permission`)
      .reply(200, { permission: "read", role_name: "auditor" });
    await comment("/rc 1.7");
    scope.done();
    expect(replies[0]?.body).toContain(
      "only people with the `write` role or higher on this repository can run `/rc 1.7` (yours is `auditor`)",
    );
  });

  it("answers /help to anyone without a permission check", async () => {
    const { scope, replies } = answered({ role: null });
    await comment("/help", { user: "maintainer" });
    scope.done();
    expect(replies[0]?.body).toContain(
      "| `/rc 1.5` | cut the next candidate on `release-1.5`, e.g. `v1.5.0-rc.1` |",
    );
  });
});

describe("comments", () => {
  it("costs no API call without a command, and ignores bots", async () => {
    const scope = github();
    await comment("LGTM, thanks!\n\n```\n/rc 1.5\n```\n> /release 1.5");
    await comment("/rc 1.5", { userType: "Bot", user: "release-bot[bot]" });
    await comment("/lgtm\n/approve");
    scope.done();
  });

  it("does not answer a redelivered comment twice", async () => {
    const scope = github();
    const id = nextId();
    api.reactEyes(scope, id, new Date(Date.now() - 60_000).toISOString());
    api.listComments(scope, 1, [
      { id: 77, body: `Tagged ...\n\n<!-- release-bot:reply-to:${id} -->` },
    ]);
    await comment("/rc 1.5");
    scope.done();
  });

  it("leaves a comment another delivery is still working on alone", async () => {
    const scope = github();
    const id = nextId();
    api.reactEyes(scope, id, new Date(Date.now() - 2_000).toISOString());
    api.listComments(scope, 1, []);
    await comment("/rc 1.5");
    scope.done();
  });

  it("runs a claimed comment whose owner left no reply within the lease (a crashed replica)", async () => {
    const scope = github();
    const id = nextId();
    api.reactEyes(scope, id, new Date(Date.now() - 10 * 60_000).toISOString());
    api.listComments(scope, 1, []);
    mockConfig(scope, null);
    const replies = api.postComment(scope, 1);
    await comment("/help");
    scope.done();
    expect(replies[0]?.body).toContain("**release-bot commands**");
  });

  it("tries failed commands again on redelivery and edits the failure reply in place", async () => {
    const scope = github();
    const id = nextId();
    api.reactEyes(scope, id, new Date(Date.now() - 60_000).toISOString());
    api.listComments(scope, 1, [
      {
        id: 77,
        body: `\`/rc 1.5\` failed: GitHub answered 502\n<!-- release-bot:failed -->\n\n<!-- release-bot:reply-to:${id} -->`,
      },
    ]);
    mockConfig(scope, null);
    api.permission(scope, "maintainer", "write");
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    // Run again: the tag's date tells whether it is this command's work, so it is read.
    api.getTagObject(scope, RC0_TAG_OBJECT, RC0_COMMIT);
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.1\n" });
    api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);
    api.createRelease(scope, "v1.5.0-rc.1", { previousTag: "v1.5.0-rc.0" });
    const edits: api.Body[] = [];
    scope
      .patch(`${REPO_PATH}/issues/comments/77`, (body) => {
        edits.push(body);
        return true;
      })
      .reply(200, { id: 77 });
    await comment("/rc 1.5");
    scope.done();
    expect(edits[0]?.body).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
    expect(edits[0]?.body).not.toContain("release-bot:failed");
    expect(edits[0]?.body).toContain(`<!-- release-bot:reply-to:${id} -->`);
  });

  it("marks a failure reply so that a redelivery retries it", async () => {
    const { scope, replies } = answered();
    scope
      .get(`${REPO_PATH}/git/matching-refs/${encodeURIComponent("tags/v1.5.")}?per_page=100`)
      .reply(500, { message: "Server Error" });
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toContain("<!-- release-bot:failed -->");
  });

  it("replies with the configuration error and runs nothing", async () => {
    // The role is read beside the configuration, before anyone knows it is broken.
    const { scope, replies } = answered({ config: "tags:\n  fromat: v{version}\n" });
    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Nothing was run: \.github\/release-bot\.yml is invalid: `tags\.fromat` is not a known setting\. Fix it and comment again\./,
    );
  });

  it("replies when the configuration is not YAML", async () => {
    // The role is read beside the configuration, before anyone knows it is broken.
    const { scope, replies } = answered({ config: "tags: [unclosed\n" });
    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Nothing was run: \.github\/release-bot\.yml is not valid YAML/,
    );
  });

  it("suggests the command meant by a typo", async () => {
    const { scope, replies } = answered({ role: null });
    await comment("/relase 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^`\/relase` is not a release-bot command\. Did you mean `\/release`\? Comment `\/help` for the list\./,
    );
  });

  it("says when GitHub fails and that running again is safe", async () => {
    const { scope, replies } = answered();
    scope
      .get(`${REPO_PATH}/git/matching-refs/${encodeURIComponent("tags/v1.5.")}?per_page=100`)
      .reply(502, { message: "Server Error" });
    // Read at the same time as the tags.
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^`\/rc 1\.5` failed: GitHub answered 502: Server Error\. Every step checks what is already done, so running the command again finishes the job\./,
    );
  });

  /** A claimed comment, no config file, a failing permission read. */
  function withUnreadablePermission(status: number, message: string) {
    const { scope, replies } = answered({ role: null });
    scope.get(`${REPO_PATH}/collaborators/maintainer/permission`).reply(status, { message });
    return { scope, replies };
  }

  it("refuses a commenter GitHub does not know as a user (404) as having no role", async () => {
    const { scope, replies } = withUnreadablePermission(404, "Not Found");
    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Sorry @maintainer, only people with the `write` role or higher on this repository can run `\/rc 1\.5` \(yours is `none`\); ask a maintainer to run it\./,
    );
  });

  it("answers every command when the permission cannot be read, and runs only /help", async () => {
    const { scope, replies } = withUnreadablePermission(503, "Service Unavailable");
    await comment("/rc 1.5\n/help");
    scope.done();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(
      "`/rc 1.5` was not run: your permission on this repository could not be read (GitHub answered 503: Service Unavailable). Comment again to retry.",
    );
    expect(replies[0]?.body).toContain("/cherry-pick");
    expect(replies[0]?.body).toContain("<!-- release-bot:failed -->");
  });

  it("runs several commands in order with one reply", async () => {
    const { scope, replies } = answered();
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: RC0_COMMIT, tree: TREE });
    // Listed beside the tag read, for the bump that the refusal makes unneeded.
    api.getTreeAndBlobs(scope, TREE, {}, { read: [] });
    api.compareTag(scope, "v1.5.0-rc.0", RC0_COMMIT, { status: "identical", base: RC0_COMMIT });
    api.createRelease(scope, "v1.5.0-rc.0", { existing: true });
    await comment("/rc 1.5\n/help");
    scope.done();
    expect(replies[0]?.body).toMatch(/^\*\*`\/rc 1\.5`\*\*: Nothing changed on/);
    expect(replies[0]?.body).toContain("\n\n**`/help`**: **release-bot commands**");
  });
});

describe("pull-request mode", () => {
  it("opens Release vX.Y.Z-rc.N with the bump commit instead of committing", async () => {
    const { scope, replies } = answered({ config: "release:\n  mode: pull-request\n" });
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    scope
      .get(
        `${REPO_PATH}/pulls?state=open&head=Codertocat%3Arelease-bot%2Fv1.5.0-rc.1&base=release-1.5&per_page=1`,
      )
      .reply(200, []);
    const trees = api.createTree(scope, api.sha("c"));
    const commits = api.createCommit(scope, api.sha("d"));
    const refs = api.createRef(scope);
    const pulls: api.Body[] = [];
    scope
      .post(`${REPO_PATH}/pulls`, (body) => {
        pulls.push(body);
        return true;
      })
      .reply(201, { number: 43 });

    await comment("/rc 1.5");
    scope.done();
    expect(trees[0]?.tree).toEqual([
      { path: "VERSION", mode: "100644", type: "blob", content: "v1.5.0-rc.1\n" },
    ]);
    expect(commits[0]).toMatchObject({
      parents: [HEAD],
      message: "Release v1.5.0-rc.1\n\nSet the version to 1.5.0-rc.1.\n",
    });
    expect(refs[0]).toEqual({ ref: "refs/heads/release-bot/v1.5.0-rc.1", sha: api.sha("d") });
    expect(pulls[0]).toMatchObject({
      title: "Release v1.5.0-rc.1",
      head: "release-bot/v1.5.0-rc.1",
      base: "release-1.5",
    });
    expect(String(pulls[0]?.body)).toContain("(`release.mode: pull-request`)");
    expect(replies[0]?.body).toMatch(
      /^Opened \[#43\]\(.*\/pull\/43\) to set the version to `1\.5\.0-rc\.1`; `v1\.5\.0-rc\.1` is tagged on its merge commit when it is merged\./,
    );
  });

  it("points to the release pull request that is already open", async () => {
    const { scope, replies } = answered({ config: "release:\n  mode: pull-request\n" });
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead", base: RC0_COMMIT });
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    scope
      .get(
        `${REPO_PATH}/pulls?state=open&head=Codertocat%3Arelease-bot%2Fv1.5.0-rc.1&base=release-1.5&per_page=1`,
      )
      .reply(200, [{ number: 43 }]);

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^The release pull request \[#43\]\(.*\) for `v1\.5\.0-rc\.1` is already open/,
    );
  });
});
