/**
 * The places a release lives that the configuration does not manage, as `/rc` tells them: found
 * by one GraphQL read beside the version files' reads, named at the end of the reply, kept in the
 * bump commit's message, and refused under `versionPlaces.require` with nothing written.
 */
import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import * as api from "../helpers/endpoints.js";
import { github } from "../helpers/github.js";
import { commentPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const HEAD = api.sha("a");
const TREE = api.sha("b");
const RC0_TAG_OBJECT = api.sha("1");
const RC0_COMMIT = api.sha("2");

const KUSTOMIZATION = `images:
  - name: ghcr.io/kubeflow/spark-operator/controller
    newTag: v1.5.0-rc.0
`;
const FILES = {
  VERSION: "v1.5.0-rc.0\n",
  "config/default/kustomization.yaml": KUSTOMIZATION,
  "api/python_api/__init__.py": '__version__ = "1.5.0-rc.0"\n',
  "main.go": "package main\n",
};

async function comment(body: string) {
  const payload = commentPayload(body);
  const { probot } = createTestBot();
  await probot.receive({ name: "issue_comment", id: "delivery-1", payload });
}

function rcOnRelease15(config: string | null) {
  const scope = github();
  const replies = api.answeredCommand(scope, {
    commentId: commentPayload("").comment.id + 1,
    issue: 1,
    config,
    user: "maintainer",
    role: "write",
  });
  api.listTags(scope, "v1.5.", [{ name: "v1.5.0-rc.0", sha: RC0_TAG_OBJECT }]);
  api.getBranch(scope, "release-1.5", { sha: HEAD, tree: TREE });
  api.getTagObject(scope, RC0_TAG_OBJECT, RC0_COMMIT);
  api.compareTag(scope, "v1.5.0-rc.0", HEAD, { status: "ahead" });
  return { scope, replies };
}

const NOT_CHANGED =
  "Not changed: `api/python_api/__init__.py:1` still says `1.5.0-rc.0` (Python package version: add it to `files:`); `config/default/kustomization.yaml:3` still says `v1.5.0-rc.0` (Kustomize `newTag`: add it to `kustomize:`). Add them to .github/release-bot.yml (or to `versionPlaces.ignore`).";

describe("/rc and the places the configuration does not manage", () => {
  it("tags, then names each place that still says the previous version", async () => {
    const { scope, replies } = rcOnRelease15(null);
    const documents = api.searchBlobs(scope, {
      "config/default/kustomization.yaml": KUSTOMIZATION,
      "api/python_api/__init__.py": FILES["api/python_api/__init__.py"],
      "main.go": FILES["main.go"],
    });
    api.getTreeAndBlobs(scope, TREE, FILES, { read: ["VERSION"], search: false });
    const { commits } = api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0-rc.1",
      previousTag: "v1.5.0-rc.0",
    });

    await comment("/rc 1.5");
    scope.done();
    expect(documents).toHaveLength(1);
    expect(validate(documents[0] as string)).toEqual([]);
    expect(replies[0]?.body).toContain(
      `(https://github.com/Codertocat/Hello-World/releases/tag/v1.5.0-rc.1)).\n\n${NOT_CHANGED}\n\n<!-- release-bot:reply-to:`,
    );
    expect(commits[0]?.message).toBe(
      "Release v1.5.0-rc.1\n\nSet the version to 1.5.0-rc.1 (image tag 1.5.0-rc.1) in:\n- VERSION\n\nNot changed (see versionPlaces in .github/release-bot.yml):\n* api/python_api/__init__.py:1 still says 1.5.0-rc.0 [python-version]\n* config/default/kustomization.yaml:3 still says v1.5.0-rc.0 [kustomize-new-tag]\n",
    );
  });

  it("says nothing more once the configuration manages them or ignores them", async () => {
    const config = `kustomize:
  - path: config/default/kustomization.yaml
    image: ghcr.io/kubeflow/spark-operator/controller
    format: "{tag}"
versionPlaces:
  ignore: ["api/**"]
`;
    const { scope, replies } = rcOnRelease15(config);
    api.getTreeAndBlobs(scope, TREE, FILES, {
      read: ["VERSION", "config/default/kustomization.yaml"],
    });
    api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0-rc.1",
      previousTag: "v1.5.0-rc.0",
      written: ["VERSION", "config/default/kustomization.yaml"],
    });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).not.toContain("Not changed");
    expect(replies[0]?.body).toContain("in `VERSION`, `config/default/kustomization.yaml`");
  });

  it("refuses under versionPlaces.require, naming the places, and writes nothing", async () => {
    const { scope, replies } = rcOnRelease15("versionPlaces:\n  require: true\n");
    api.getTreeAndBlobs(scope, TREE, FILES, { read: ["VERSION"] });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Did not set `1\.5\.0-rc\.1`, nothing was written: `versionPlaces\.require` is on and these places carry the release without the configuration managing them: `api\/python_api\/__init__\.py:1` still says `1\.5\.0-rc\.0` .*; `config\/default\/kustomization\.yaml:3` still says `v1\.5\.0-rc\.0` .*\. Add them to \.github\/release-bot\.yml or to `versionPlaces\.ignore`, then run the command again\./,
    );
  });

  it("names them in a dry run's plan too", async () => {
    const { scope, replies } = rcOnRelease15("dryRun: true\n");
    api.getTreeAndBlobs(scope, TREE, FILES, { read: ["VERSION"] });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(/^\*\*Dry run\*\*: nothing was written\./);
    expect(replies[0]?.body).toContain(`\n\n${NOT_CHANGED}\n\n<!--`);
  });

  it("refuses under versionPlaces.require when the search cannot read the files", async () => {
    const { scope, replies } = rcOnRelease15("versionPlaces:\n  require: true\n");
    scope.post("/graphql").reply(502, { message: "Server Error" });
    api.getTreeAndBlobs(scope, TREE, FILES, { read: ["VERSION"], search: false });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toMatch(
      /^Did not set `1\.5\.0-rc\.1`, nothing was written: `versionPlaces\.require` is on and the search for places that carry the release could not read the files \(Server Error\); run the command again\./,
    );
  });

  it("releases when the search cannot read the files, and says so", async () => {
    const { scope, replies } = rcOnRelease15(null);
    scope.post("/graphql").reply(502, { message: "Server Error" });
    api.getTreeAndBlobs(scope, TREE, FILES, { read: ["VERSION"], search: false });
    api.bumpAndTag(scope, {
      branch: "release-1.5",
      tag: "v1.5.0-rc.1",
      previousTag: "v1.5.0-rc.0",
    });

    await comment("/rc 1.5");
    scope.done();
    expect(replies[0]?.body).toContain(
      "\n\nThe search for other places that carry the version could not read the files (Server Error), so it reports none.",
    );
  });
});
