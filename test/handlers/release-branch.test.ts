import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { branchCreatedPayload, tagCreatedPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const HEAD = api.sha("a");
const TREE = api.sha("b");

const CHART = `apiVersion: v2
name: spark-operator

# The chart version equals the operator image tag.
version: 1.4.2

appVersion: "1.4.2" # quoted on purpose
`;

const FILES = {
  VERSION: "v1.4.2\n",
  "charts/spark-operator-chart/Chart.yaml": CHART,
  "main.go": "package main\n",
};

function receiveCreate(payload: unknown) {
  const { probot, logs } = createTestBot();
  return {
    logs,
    run: () => probot.receive({ name: "create", id: "delivery-1", payload: payload as never }),
  };
}

describe("a release branch is created", () => {
  it("commits the version bump to X.Y.0-rc.0, tags it and publishes a pre-release", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.5.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, FILES, {
      read: ["VERSION", "charts/spark-operator-chart/Chart.yaml"],
    });
    const { bumps, tags, refs, release } = api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0-rc.0",
      written: ["charts/spark-operator-chart/Chart.yaml", "VERSION"],
    });

    await receiveCreate(branchCreatedPayload("release-1.5")).run();
    scope.done();

    // One commit on the head read, with the two files: the chart's values changed in place.
    expect(bumps[0]).toMatchObject({
      branch: "release-1.5",
      expectedHeadOid: HEAD,
      headline: "Release v1.5.0-rc.0",
      files: {
        "charts/spark-operator-chart/Chart.yaml": CHART.replace(
          "version: 1.4.2",
          "version: 1.5.0-rc.0",
        ).replace('"1.4.2"', '"1.5.0-rc.0"'),
        VERSION: "v1.5.0-rc.0\n",
      },
    });
    expect(Object.keys(bumps[0]?.files as object)).toHaveLength(2);
    expect(tags[0]).toMatchObject({ tag: "v1.5.0-rc.0", object: api.sha("d"), type: "commit" });
    expect(refs[0]).toEqual({ ref: "refs/tags/v1.5.0-rc.0", sha: api.sha("e") });
    expect(release.create[0]).toEqual({
      tag_name: "v1.5.0-rc.0",
      name: "v1.5.0-rc.0",
      prerelease: true,
      make_latest: "false",
      generate_release_notes: true,
    });
  });

  it("tags the head without a commit when the files already carry the version", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.5.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    const tags = api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);
    api.createRelease(scope, "v1.5.0-rc.0");

    await receiveCreate(branchCreatedPayload("release-1.5")).run();
    scope.done();
    expect(tags[0]).toMatchObject({ object: HEAD });
  });

  it("does nothing more when the line is already tagged (a redelivery)", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: api.sha("e") }]);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    // The comparison names the tag's commit: the head.
    api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "identical" });
    api.createRelease(scope, "v1.5.0-rc.0", { existing: true });

    await receiveCreate(branchCreatedPayload("release-1.5")).run();
    scope.done();
  });

  it("treats a tag that another replica created on the same commit as done", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.5.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.5.0-rc.0\n" });
    api.createTagObject(scope, api.sha("e"));
    api.createRef(scope, { status: 422, message: "Reference already exists" });
    api.getRef(scope, "tags/v1.5.0-rc.0", { sha: api.sha("f"), type: "tag" });
    api.getTagObject(scope, api.sha("f"), HEAD);
    api.createRelease(scope, "v1.5.0-rc.0", { existing: true });
    // Told as the replica that made it would: read back from the tagged commit.
    scope.get(`${REPO_PATH}/git/commits/${HEAD}`).reply(200, {
      sha: HEAD,
      message:
        "Release v1.5.0-rc.0\n\nSet the version to 1.5.0-rc.0 (image tag v1.5.0-rc.0) in:\n- VERSION\n",
    });

    const { logs, run } = receiveCreate(branchCreatedPayload("release-1.5"));
    await run();
    scope.done();
    expect(logs.join("\n")).toContain(
      "Tagged release candidate [`v1.5.0-rc.0`](https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0-rc.0) on [`aaaaaaa`]",
    );
    expect(logs.join("\n")).toContain("after setting `1.5.0-rc.0` in `VERSION`");
  });

  it("recomputes the bump when the branch moved during the commit, never forcing", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.5.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.4.2\n" });
    const first = api.commitOnBranch(scope, { stale: true });
    const moved = api.sha("9");
    api.getBranch(scope, "release-1.5", { sha: moved, tree: api.sha("8") });
    api.getTreeAndBlobs(scope, api.sha("8"), { VERSION: "v1.4.2\n" });
    const second = api.commitOnBranch(scope, { sha: api.sha("6"), tree: api.sha("7") });
    api.readBack(scope, api.sha("6"), second, ["VERSION"]);
    const tags = api.createTagObject(scope, api.sha("e"));
    api.createRef(scope);
    api.createRelease(scope, "v1.5.0-rc.0");

    await receiveCreate(branchCreatedPayload("release-1.5")).run();
    scope.done();
    // Built on the head read, then on the head it moved to: never forced.
    expect(first[0]).toMatchObject({ expectedHeadOid: HEAD });
    expect(second[0]).toMatchObject({ expectedHeadOid: moved });
    expect(tags[0]).toMatchObject({ object: api.sha("6") });
  });

  it("leaves the candidate to the request that claimed it first (/branch and its create event)", async () => {
    const scope = github();
    const requests: string[] = [];
    scope.on("request", (req: { method: string; path: string }) => {
      requests.push(`${req.method} ${req.path.split("?")[0]}`);
    });
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    const claims = api.claimFirstCandidate(scope, "v1.5.0-rc.0", { taken: true });

    await receiveCreate(branchCreatedPayload("release-1.5")).run();
    scope.done();
    expect(claims[0]).toEqual({
      ref: "refs/heads/release-bot/tmp/claim/v1.5.0-rc.0",
      sha: api.sha("c1"),
    });
    // No bump commit, no tag: the claim came before any of them.
    expect(requests.filter((r) => r.startsWith("POST"))).toEqual([
      `POST ${REPO_PATH}/git/commits`,
      `POST ${REPO_PATH}/git/refs`,
    ]);
  });

  it("follows the configured formats: KServe keeps the v in the chart", async () => {
    const scope = github();
    mockConfig(
      scope,
      "image:\n  tag: '{tag}'\ncharts:\n  version: '{tag}'\n  appVersion: '{tag}'\n",
    );
    api.listTags(scope, "v0.21.", []);
    api.getBranch(scope, "release-0.21", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v0.21.0-rc.0");
    const chart = "apiVersion: v2\nname: kserve-crd\nversion: v0.20.0\nappVersion: v0.20.0\n";
    api.getTreeAndBlobs(scope, TREE, { "charts/kserve-crd/Chart.yaml": chart });
    const { bumps } = api.bumpAndTag(scope, {
      branch: "release-0.21",
      tag: "v0.21.0-rc.0",
      written: ["charts/kserve-crd/Chart.yaml"],
    });

    await receiveCreate(branchCreatedPayload("release-0.21")).run();
    scope.done();
    expect(bumps[0]?.files).toEqual({
      "charts/kserve-crd/Chart.yaml":
        "apiVersion: v2\nname: kserve-crd\nversion: v0.21.0-rc.0\nappVersion: v0.21.0-rc.0\n",
    });
  });

  it("writes nothing and opens one issue when Chart.yaml is not valid YAML", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.5.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, {
      "charts/op/Chart.yaml": "version: [1.4.2\nappVersion: 1.4.2\n",
    });
    scope.get(`${REPO_PATH}/issues?state=open&labels=release-bot&per_page=100`).reply(200, []);
    const issues: api.Body[] = [];
    scope
      .post(`${REPO_PATH}/issues`, (body) => {
        issues.push(body);
        return true;
      })
      .reply(201, { html_url: "https://github.com/Codertocat/Hello-World/issues/9" });

    await receiveCreate(branchCreatedPayload("release-1.5")).run();
    scope.done();
    expect(issues[0]?.title).toBe(
      "release-bot: could not cut the first candidate of `release-1.5`",
    );
    expect(String(issues[0]?.body)).toContain("charts/op/Chart.yaml");
    expect(String(issues[0]?.body)).toContain("nothing was written");
    expect(String(issues[0]?.body)).toContain("/rc 1.5");
  });

  it("reports an invalid configuration in an issue and writes nothing else", async () => {
    const scope = github();
    mockConfig(scope, "release:\n  mode: yolo\n");
    scope.get(`${REPO_PATH}/issues?state=open&labels=release-bot&per_page=100`).reply(200, []);
    const issues: api.Body[] = [];
    scope
      .post(`${REPO_PATH}/issues`, (body) => {
        issues.push(body);
        return true;
      })
      .reply(201, { html_url: "x" });

    const bot = receiveCreate(branchCreatedPayload("release-1.5"));
    await bot.run();
    scope.done();
    expect(String(issues[0]?.body)).toContain(
      '.github/release-bot.yml is invalid: `release.mode` must be one of "direct", "pull-request"',
    );
    expect(bot.logs.join("\n")).toContain("invalid configuration");
  });

  it("ignores branches without two numbers without any API call", async () => {
    const scope = github();
    await receiveCreate(branchCreatedPayload("feature/faster-reconcile")).run();
    await receiveCreate(branchCreatedPayload("fix-1234")).run();
    scope.done();
  });

  it("ignores release-bot's own branches without any API call, though they hold two numbers", async () => {
    const scope = github();
    await receiveCreate(branchCreatedPayload("cherry-pick-7-to-release-1.5")).run();
    await receiveCreate(branchCreatedPayload("release-bot/v1.5.0-rc.1")).run();
    await receiveCreate(
      branchCreatedPayload("release-bot/tmp/cherry-pick-7-to-release-1.5/ab12cd34"),
    ).run();
    scope.done();
  });

  it("ignores a branch that does not match the configured pattern after reading the config", async () => {
    const scope = github();
    mockConfig(scope, null);
    await receiveCreate(branchCreatedPayload("dependabot/go_modules/k8s.io/api-0.31.1")).run();
    scope.done();
  });

  it("never starts a release flow for a tag, including the bot's own", async () => {
    const scope = github();
    // A tag by a bot is news for the dashboard only (docs/dashboard.md), which is off here.
    mockConfig(scope, "dashboard:\n  enabled: false\n");
    mockConfig(scope, "dashboard:\n  enabled: false\n");
    await receiveCreate(tagCreatedPayload("v1.5.0-rc.0")).run();
    await receiveCreate(tagCreatedPayload("release-1.5", "Codertocat")).run();
    scope.done();
  });
});
