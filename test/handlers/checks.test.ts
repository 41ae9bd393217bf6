import { describe, expect, it } from "vitest";
import { noDashboard } from "../helpers/dashboard.js";
import * as api from "../helpers/endpoints.js";
import { github, mockConfig, REPO_PATH } from "../helpers/github.js";
import { examplePayload, INSTALLATION_ID, pullRequestPayload } from "../helpers/payloads.js";
import { createTestBot } from "../helpers/probot.js";

const CHART =
  "apiVersion: v2\nname: demo\nversion: 1.5.0-rc.1 # set by release-bot\nappVersion: '1.5.0-rc.0'\n";

async function deliver(name: "pull_request" | "push", payload: unknown) {
  const { probot } = createTestBot();
  await probot.receive({ name, id: "delivery-1", payload } as never);
}

/** `POST /check-runs`, answered like GitHub; returns the bodies. */
function createCheckRuns(scope: ReturnType<typeof github>, times: number): api.Body[] {
  const bodies: api.Body[] = [];
  scope
    .post(`${REPO_PATH}/check-runs`, (body) => {
      bodies.push(body);
      return true;
    })
    .times(times)
    .reply(201, { id: 1, html_url: "https://github.com/x/y/runs/1" });
  return bodies;
}

/** `GET /pulls/{n}/files` and each file's blob. */
function pullFiles(
  scope: ReturnType<typeof github>,
  number: number,
  files: Record<string, string>,
) {
  const listed = Object.keys(files).map((filename, i) => ({
    filename,
    status: "modified",
    sha: api.sha(`b${i}`),
  }));
  scope.get(`${REPO_PATH}/pulls/${number}/files`).query({ per_page: 100 }).reply(200, listed);
  for (const [i, text] of Object.values(files).entries()) {
    scope.get(`${REPO_PATH}/git/blobs/${api.sha(`b${i}`)}`).reply(200, {
      sha: api.sha(`b${i}`),
      size: text.length,
      encoding: "base64",
      content: Buffer.from(text).toString("base64"),
    });
  }
}

describe("a pull request into a release branch", () => {
  it("gets the policy, version and conflict markers checks on its head, at their lines", async () => {
    const payload = pullRequestPayload("opened", {
      number: 30,
      headRef: "fix-leak",
      baseRef: "release-1.5",
    });
    const head = payload.pull_request.head.sha as string;
    const scope = github();
    mockConfig(scope, null);
    noDashboard(scope);
    const runs = createCheckRuns(scope, 3);
    pullFiles(scope, 30, {
      "pkg/leak.go":
        "package pkg\n<<<<<<< release-1.5\nold()\n=======\nnew()\n>>>>>>> 1a2b3c4d5e6f (Fix)\n",
      "docs/leak.md": "Leak\n=======\n\nFixed.\n",
    });
    scope
      .get(`${REPO_PATH}/git/commits/${head}`)
      .reply(200, { sha: head, tree: { sha: api.sha("t") } });
    api.getTreeAndBlobs(scope, api.sha("t"), {
      "charts/demo/Chart.yaml": CHART,
      VERSION: "v1.5.0-rc.1\n",
    });

    await deliver("pull_request", payload);
    scope.done();
    const byName = Object.fromEntries(runs.map((r) => [r.name, r]));
    expect(byName["release-branch policy"]).toMatchObject({
      head_sha: head,
      status: "completed",
      conclusion: "failure",
      output: {
        title: "Only picks, release pull requests and approved fixes enter a release branch",
      },
    });
    expect(byName["version consistency"]).toMatchObject({
      conclusion: "failure",
      output: {
        title: "1 file disagrees with 1.5.0-rc.1",
        annotations: [
          {
            path: "charts/demo/Chart.yaml",
            start_line: 4,
            end_line: 4,
            annotation_level: "failure",
            title: "Not 1.5.0-rc.1",
            message: "`appVersion: '1.5.0-rc.0'` should read `appVersion: '1.5.0-rc.1'`",
          },
        ],
      },
    });
    // The Markdown heading's underline is no marker: only the conflict block is.
    expect(byName["conflict markers"]).toMatchObject({
      head_sha: head,
      conclusion: "failure",
      output: { title: "3 conflict markers in `pkg/leak.go`" },
    });
    const markers = (byName["conflict markers"] as { output: { annotations: api.Body[] } }).output
      .annotations;
    expect(markers.map((a) => [a.path, a.start_line])).toEqual([
      ["pkg/leak.go", 2],
      ["pkg/leak.go", 4],
      ["pkg/leak.go", 6],
    ]);
  });

  it("an approval label added: the policy alone, now passing", async () => {
    const payload = pullRequestPayload("labeled", {
      baseRef: "release-1.5",
      headRef: "fix-leak",
      labels: ["cherry-pick-approved"],
      label: "cherry-pick-approved",
    });
    payload.pull_request.state = "open";
    const scope = github();
    mockConfig(scope, null);
    const runs = createCheckRuns(scope, 1);
    await deliver("pull_request", payload);
    scope.done();
    expect(runs[0]).toMatchObject({
      name: "release-branch policy",
      conclusion: "success",
      output: { title: "Approved with `cherry-pick-approved`" },
    });
  });

  it("into the default branch: no check and no API call", async () => {
    const scope = github();
    await deliver("pull_request", pullRequestPayload("opened", { baseRef: "master" }));
    scope.done();
  });
});

describe("a push", () => {
  function pushPayload(files: { modified?: string[]; added?: string[] }) {
    const payload = examplePayload("push");
    payload.ref = "refs/heads/config";
    payload.deleted = false;
    payload.after = api.sha("c");
    payload.commits = [
      {
        ...payload.commits?.[0],
        added: files.added ?? [],
        modified: files.modified ?? [],
        removed: [],
      },
    ];
    payload.head_commit = { ...payload.commits[0], message: "Configure" };
    payload.installation = { id: INSTALLATION_ID, node_id: "x" };
    return payload;
  }

  it("changing .github/release-bot.yml: the configuration check, errors at their lines", async () => {
    const scope = github();
    scope
      .get(`${REPO_PATH}/contents/${encodeURIComponent(".github/release-bot.yml")}`)
      .query({ ref: api.sha("c") })
      .reply(200, {
        type: "file",
        encoding: "base64",
        content: Buffer.from("# ours\nrelease:\n  mode: fast\n").toString("base64"),
      });
    const runs = createCheckRuns(scope, 1);
    await deliver("push", pushPayload({ modified: [".github/release-bot.yml"] }));
    scope.done();
    expect(runs[0]).toMatchObject({
      name: "release-bot configuration",
      head_sha: api.sha("c"),
      conclusion: "failure",
      output: {
        annotations: [
          {
            path: ".github/release-bot.yml",
            start_line: 3,
            annotation_level: "failure",
            message: '`release.mode` must be one of "direct", "pull-request".',
          },
        ],
      },
    });
  });

  it("not touching it, to a branch that is not a release branch: no API call", async () => {
    const scope = github();
    await deliver("push", pushPayload({ modified: ["main.go"], added: [".github/other.yml"] }));
    scope.done();
  });
});
