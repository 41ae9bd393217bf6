import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { branchCreatedPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const HEAD = api.sha("a");
const TREE = api.sha("b");

function receiveCreate(branch: string) {
  const { probot } = createTestBot();
  return probot.receive({
    name: "create",
    id: "delivery-1",
    payload: branchCreatedPayload(branch) as never,
  });
}

/** The issue a failed first candidate opens; returns the bodies GitHub received. */
function expectIssue(scope: ReturnType<typeof github>): api.Body[] {
  const issues: api.Body[] = [];
  scope.get(`${REPO_PATH}/issues?state=open&labels=release-bot&per_page=100`).reply(200, []);
  scope
    .post(`${REPO_PATH}/issues`, (body) => {
      issues.push(body);
      return true;
    })
    .reply(201, { html_url: "https://github.com/Codertocat/Hello-World/issues/9" });
  return issues;
}

describe("the read-back before a tag", () => {
  it("does not tag a commit whose files, read back, do not carry the version", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.5.", []);
    api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.5.0-rc.0");
    api.getTreeAndBlobs(scope, TREE, { VERSION: "v1.4.2\n" });
    const trees = api.createTree(scope, api.sha("c"));
    api.createCommit(scope, api.sha("d"));
    api.updateBranch(scope, "release-1.5");
    // The commit reads back with the old bytes: what was meant is not what will be tagged.
    api.readBack(scope, api.sha("d"), trees, ["VERSION"], { VERSION: "v1.4.2\n" });
    const issues = expectIssue(scope);

    await receiveCreate("release-1.5");
    scope.done(); // no tag object, no tag ref, no release: those calls would fail the test
    const body = String(issues[0]?.body);
    expect(body).toContain("Did not tag `v1.5.0-rc.0`");
    expect(body).toContain("`VERSION` line 1 reads `v1.4.2`, not `v1.5.0-rc.0`");
  });

  it("refuses a configuration whose paths match no file, naming the key and the charts there are", async () => {
    const scope = github();
    mockConfig(scope, null);
    api.listTags(scope, "v1.3.", []);
    api.getBranch(scope, "release-1.3", { sha: HEAD, tree: TREE });
    api.claimFirstCandidate(scope, "v1.3.0-rc.0");
    api.getTreeAndBlobs(
      scope,
      TREE,
      { "deploy/helm/my-operator/Chart.yaml": "version: 1.2.0\n" },
      // A selection that fails reads nothing more, not even for the search.
      { read: [], search: false },
    );
    const issues = expectIssue(scope);

    await receiveCreate("release-1.3");
    scope.done();
    const body = String(issues[0]?.body);
    expect(body).toContain("nothing was written");
    expect(body).toContain(
      'charts.paths[0] "charts/**/Chart.yaml" matches no Chart.yaml (the repository\'s Chart.yaml files: `deploy/helm/my-operator/Chart.yaml`)',
    );
  });
});
