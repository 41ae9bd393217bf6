/**
 * The version consistency check on a pull request into a release branch lists the places no
 * field manages as warnings at their lines; only `versionPlaces.require` makes them fail it.
 */
import { describe, expect, it } from "vitest";
import { noDashboard } from "../helpers/dashboard.js";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { pullRequestPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const FILES = {
  "charts/op/Chart.yaml": "apiVersion: v2\nname: op\nversion: 1.5.0-rc.1\nappVersion: 1.5.0-rc.1\n",
  "charts/op/values.yaml": "image:\n  registry: ghcr.io\n  repository: x/op\n  tag: ''\n",
  VERSION: "v1.5.0-rc.1\n",
  "config/default/kustomization.yaml": "images:\n  - name: ghcr.io/x/op\n    newTag: v1.4.0\n",
};

async function checkOf(config: string | null) {
  const payload = pullRequestPayload("opened", {
    number: 30,
    headRef: "fix",
    baseRef: "release-1.5",
  });
  const head = payload.pull_request.head.sha as string;
  const scope = github();
  mockConfig(scope, config);
  noDashboard(scope);
  const runs: api.Body[] = [];
  scope
    .post(`${REPO_PATH}/check-runs`, (body) => {
      runs.push(body);
      return true;
    })
    .times(3)
    .reply(201, { id: 1, html_url: "https://github.com/x/y/runs/1" });
  // The conflict markers check reads the pull request's files: none changed here.
  scope.get(`${REPO_PATH}/pulls/30/files`).query({ per_page: 100 }).reply(200, []);
  scope
    .get(`${REPO_PATH}/git/commits/${head}`)
    .reply(200, { sha: head, tree: { sha: api.sha("t") } });
  api.getTreeAndBlobs(scope, api.sha("t"), FILES, {
    read: ["charts/op/Chart.yaml", "charts/op/README.md", "VERSION"].filter((p) => p in FILES),
  });
  const { probot } = createTestBot();
  await probot.receive({ name: "pull_request", id: "delivery-1", payload } as never);
  scope.done();
  return runs.find((r) => r.name === "version consistency") as {
    conclusion: string;
    output: { title: string; summary: string; annotations: unknown[] };
  };
}

const WARNING = {
  path: "config/default/kustomization.yaml",
  start_line: 3,
  end_line: 3,
  title: "Not managed: still `v1.4.0`",
  message:
    "This Kustomize `newTag` says `v1.4.0`, not `1.5.0-rc.1`, and release-bot does not set it; add it to `kustomize:` in .github/release-bot.yml, or to `versionPlaces.ignore`.",
};

describe("the version consistency check and unmanaged places", () => {
  it("passes with a warning at the line of a drifted Kustomize image tag", async () => {
    const check = await checkOf(null);
    expect(check.conclusion).toBe("success");
    expect(check.output.title).toBe("Every version field says 1.5.0-rc.1");
    expect(check.output.annotations).toEqual([{ ...WARNING, annotation_level: "warning" }]);
    expect(check.output.summary).toContain(
      "**Not managed** (1 place that carries another version of the release and that release-bot does not set):\n\n- `config/default/kustomization.yaml` line 3: `v1.4.0` (Kustomize `newTag`; `kustomize:`)",
    );
  });

  it("fails under versionPlaces.require", async () => {
    const check = await checkOf("versionPlaces:\n  require: true\n");
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("1 place not managed (versionPlaces.require)");
    expect(check.output.annotations).toEqual([{ ...WARNING, annotation_level: "failure" }]);
  });
});
