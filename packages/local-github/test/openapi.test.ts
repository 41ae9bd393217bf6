/**
 * The conformance helper itself, and a sweep that calls every endpoint the sandbox serves and
 * checks each response against GitHub's OpenAPI description.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertConformsToOpenApi,
  findOperation,
  OpenApiMismatch,
  validatedOperations,
  withOpenApiValidation,
} from "../src/conformance/openapi.js";
import type { Sandbox, SandboxRepo } from "../src/index.js";
import { octokitFor, startTestSandbox } from "./helpers.js";

describe("the OpenAPI helper", () => {
  it("finds operations for concrete paths, including parameters with slashes", () => {
    expect(findOperation("GET", "/repos/o/r/git/ref/heads/release-1.5")?.operationId).toBe(
      "git/get-ref",
    );
    expect(findOperation("GET", "/repos/o/r/git/ref/heads%2Fmain")?.operationId).toBe(
      "git/get-ref",
    );
    expect(findOperation("GET", "/repos/o/r/contents/charts/x/Chart.yaml")?.operationId).toBe(
      "repos/get-content",
    );
    expect(findOperation("GET", "/repos/o/r/branches/feature/x")?.operationId).toBe(
      "repos/get-branch",
    );
    expect(findOperation("GET", "/repos/o/r/branches/main/protection")?.operationId).toBe(
      "repos/get-branch-protection",
    );
    expect(findOperation("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}")?.operationId).toBe(
      "git/update-ref",
    );
    expect(findOperation("GET", "/repos/o/r/compare/v1.0.0...release-1.5")?.operationId).toBe(
      "repos/compare-commits-with-basehead",
    );
  });

  it("rejects bodies that do not match, names the operation and the error", () => {
    const bad = () =>
      assertConformsToOpenApi("GET", "/repos/o/r/git/ref/heads/main", 200, {
        ref: "refs/heads/main",
        object: { sha: 1 },
      });
    expect(bad).toThrow(OpenApiMismatch);
    expect(bad).toThrow(/git\/get-ref .* 200/);
    expect(bad).toThrow(/node_id/);
    expect(() => assertConformsToOpenApi("GET", "/repos/o/r/git/ref/heads/main", 201, {})).toThrow(
      /not documented/,
    );
    expect(() => assertConformsToOpenApi("GET", "/no/such/thing", 200, {})).toThrow(
      /no such operation/,
    );
    // error bodies are checked too when documented; undocumented error statuses are skipped
    assertConformsToOpenApi("GET", "/repos/o/r/git/ref/heads/main", 404, {
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
      status: "404",
    });
    assertConformsToOpenApi("GET", "/repos/o/r/git/ref/heads/main", 502, "whatever");
  });

  it("withOpenApiValidation makes a non-conforming response reject the request", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ id: "not-a-number", name: "r" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const octokit = withOpenApiValidation(new Octokit({ baseUrl, request: { retries: 0 } }));
    await expect(octokit.rest.repos.get({ owner: "o", repo: "r" })).rejects.toThrow(
      /repos\/get .*response does not match/,
    );
    server.close();
  });
});

describe("every endpoint the sandbox serves conforms", () => {
  let t: Awaited<ReturnType<typeof startTestSandbox>>;
  let sandbox: Sandbox;
  let repo: SandboxRepo;
  const owner = "kubeflow";
  const name = "spark-operator";

  beforeAll(async () => {
    t = await startTestSandbox();
    sandbox = t.sandbox;
    repo = await sandbox.createRepo(`${owner}/${name}`, {
      defaultBranch: "master",
      files: { "a/b.txt": "b\n", VERSION: "v1\n" },
    });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it("sweep", async () => {
    const o = { owner, repo: name };
    const user = octokitFor(sandbox, sandbox.tokenFor("maintainer"));
    const bot = octokitFor(sandbox, sandbox.installationToken());
    const app = octokitFor(sandbox, sandbox.appJwt());
    sandbox.setPermission(repo, "maintainer", "maintain");

    // app endpoints (JWT)
    await app.rest.apps.getAuthenticated();
    await app.rest.apps.getInstallation({ installation_id: sandbox.installationId });
    await app.rest.apps.createInstallationAccessToken({ installation_id: sandbox.installationId });
    await app.rest.apps.getRepoInstallation(o);
    await app.rest.apps.getOrgInstallation({ org: owner });
    await bot.rest.apps.listReposAccessibleToInstallation();

    // repository, contents, branches, tags, users
    await bot.rest.repos.get(o);
    await bot.rest.repos.getContent({ ...o, path: "a/b.txt" });
    await bot.rest.repos.getContent({ ...o, path: "" });
    await bot.request("GET /repos/{owner}/{repo}/contents", o);
    await bot.rest.repos.listBranches(o);
    await bot.rest.repos.getBranch({ ...o, branch: "master" });
    await bot.rest.users.getByUsername({ username: "maintainer" });
    await user.rest.users.getAuthenticated();
    await bot.rest.repos.getCollaboratorPermissionLevel({ ...o, username: "maintainer" });

    // git data
    const master = (await bot.rest.git.getRef({ ...o, ref: "heads/master" })).data.object.sha;
    const blob = await bot.rest.git.createBlob({ ...o, content: "x" });
    await bot.rest.git.getBlob({ ...o, file_sha: blob.data.sha });
    const baseTree = (await bot.rest.git.getCommit({ ...o, commit_sha: master })).data.tree.sha;
    const tree = await bot.rest.git.createTree({
      ...o,
      base_tree: baseTree,
      tree: [{ path: "x/y.txt", mode: "100644", type: "blob", sha: blob.data.sha }],
    });
    await bot.rest.git.getTree({ ...o, tree_sha: tree.data.sha, recursive: "1" });
    const commit = await bot.rest.git.createCommit({
      ...o,
      message: "c",
      tree: tree.data.sha,
      parents: [master],
    });
    const tag = await bot.rest.git.createTag({
      ...o,
      tag: "v1.0.0",
      message: "v1.0.0",
      object: commit.data.sha,
      type: "commit",
    });
    await bot.rest.git.getTag({ ...o, tag_sha: tag.data.sha });
    await bot.rest.git.createRef({ ...o, ref: "refs/tags/v1.0.0", sha: tag.data.sha });
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/work", sha: master });
    await bot.rest.git.updateRef({ ...o, ref: "heads/work", sha: commit.data.sha });
    await bot.rest.git.listMatchingRefs({ ...o, ref: "tags/v1" });
    repo.addRuleset({ branches: ["~DEFAULT_BRANCH"], pullRequest: true, requiredSignatures: true });
    await bot.rest.repos.getBranchRules({ ...o, branch: "master" });
    repo.addRuleset({ name: "release tags", tags: ["v*"], creation: true });
    await bot.rest.repos.getRepoRulesets({ ...o, targets: "tag" });
    await bot.rest.repos.getRepoRuleset({ ...o, ruleset_id: 2 });
    repo.setRules({ rulesets: [] });
    await bot.rest.repos.listTags(o);

    // commits, compare, merges
    await bot.rest.repos.getCommit({ ...o, ref: commit.data.sha });
    await bot.rest.repos.listCommits({ ...o, sha: "work" });
    await bot.rest.repos.compareCommitsWithBasehead({ ...o, basehead: "master...work" });
    await bot.rest.git.createRef({ ...o, ref: "refs/heads/merge-target", sha: master });
    await repo.commit({ branch: "merge-target", files: { "m.txt": "m\n" }, message: "m" });
    await bot.rest.repos.merge({ ...o, base: "merge-target", head: "work" });
    await bot.rest.repos.merge({ ...o, base: "merge-target", head: "work" }); // 204
    await bot.rest.git.deleteRef({ ...o, ref: "heads/merge-target" });

    // pulls
    await repo.commit({
      branch: "feature",
      from: "master",
      files: { "f.txt": "f\n" },
      message: "f",
      author: "alice",
    });
    const pr = await user.rest.pulls.create({
      ...o,
      head: "feature",
      base: "master",
      title: "Feature",
    });
    await bot.rest.pulls.list(o);
    await bot.rest.pulls.get({ ...o, pull_number: pr.data.number });
    await bot.rest.pulls.update({ ...o, pull_number: pr.data.number, body: "edited" });
    await bot.rest.pulls.listCommits({ ...o, pull_number: pr.data.number });
    await bot.rest.pulls.listFiles({ ...o, pull_number: pr.data.number });
    await bot.rest.pulls.merge({ ...o, pull_number: pr.data.number, merge_method: "squash" });
    await bot.rest.pulls.checkIfMerged({ ...o, pull_number: pr.data.number });

    // issues, comments, labels, assignees, reactions
    const issue = await user.rest.issues.create({ ...o, title: "Issue", labels: ["a"] });
    const n = issue.data.number;
    await bot.rest.issues.get({ ...o, issue_number: n });
    await bot.rest.issues.update({ ...o, issue_number: n, title: "Issue!" });
    await bot.rest.issues.listForRepo(o);
    const comment = await bot.rest.issues.createComment({ ...o, issue_number: n, body: "hi" });
    await bot.rest.issues.listComments({ ...o, issue_number: n });
    await bot.rest.issues.getComment({ ...o, comment_id: comment.data.id });
    await bot.rest.issues.updateComment({ ...o, comment_id: comment.data.id, body: "hello" });
    await bot.rest.reactions.createForIssueComment({
      ...o,
      comment_id: comment.data.id,
      content: "eyes",
    });
    await bot.rest.reactions.listForIssueComment({ ...o, comment_id: comment.data.id });
    await bot.rest.reactions.createForIssue({ ...o, issue_number: n, content: "rocket" });
    await bot.rest.issues.addLabels({ ...o, issue_number: n, labels: ["b"] });
    await bot.rest.issues.setLabels({ ...o, issue_number: n, labels: ["b", "c"] });
    await bot.rest.issues.listLabelsOnIssue({ ...o, issue_number: n });
    await bot.rest.issues.listEvents({ ...o, issue_number: n });
    await bot.rest.issues.removeLabel({ ...o, issue_number: n, name: "c" });
    await bot.rest.issues.createLabel({ ...o, name: "cherry-pick/failed", color: "ff0000" });
    await bot.rest.issues.getLabel({ ...o, name: "cherry-pick/failed" });
    await bot.rest.issues.listLabelsForRepo(o);
    await bot.rest.issues.addAssignees({ ...o, issue_number: n, assignees: ["maintainer"] });
    await bot.rest.issues.removeAssignees({ ...o, issue_number: n, assignees: ["maintainer"] });
    await bot.rest.issues.deleteComment({ ...o, comment_id: comment.data.id });

    // milestones, review requests
    const milestone = await bot.rest.issues.createMilestone({ ...o, title: "v1.1" });
    await bot.rest.issues.listMilestones(o);
    await bot.rest.issues.getMilestone({ ...o, milestone_number: milestone.data.number });
    await bot.rest.issues.update({ ...o, issue_number: n, milestone: milestone.data.number });
    await repo.createBranch("review-me", "master");
    await repo.commit({ branch: "review-me", files: { "r.txt": "r\n" }, message: "Review me" });
    const reviewed = await repo.openPullRequest({ head: "review-me", title: "R", user: "alice" });
    const reviews = { ...o, pull_number: reviewed.number as number };
    await bot.rest.pulls.requestReviewers({ ...reviews, reviewers: ["maintainer"] });
    await bot.rest.pulls.listRequestedReviewers(reviews);
    await bot.rest.pulls.removeRequestedReviewers({ ...reviews, reviewers: ["maintainer"] });

    // releases
    const release = await bot.rest.repos.createRelease({
      ...o,
      tag_name: "v1.1.0",
      generate_release_notes: true,
    });
    await bot.rest.repos.generateReleaseNotes({ ...o, tag_name: "v1.2.0" });
    await bot.rest.repos.getRelease({ ...o, release_id: release.data.id });
    await bot.rest.repos.updateRelease({ ...o, release_id: release.data.id, body: "notes" });
    await bot.rest.repos.getReleaseByTag({ ...o, tag: "v1.1.0" });
    await bot.rest.repos.getLatestRelease(o);
    await bot.rest.repos.listReleases(o);
    const asset = await bot.rest.repos.uploadReleaseAsset({
      url: release.data.upload_url,
      name: "chart.tgz",
      data: "bytes",
      headers: { "content-type": "application/gzip" },
    } as unknown as Parameters<typeof bot.rest.repos.uploadReleaseAsset>[0]);
    await bot.rest.repos.listReleaseAssets({ ...o, release_id: release.data.id });
    await bot.rest.repos.getReleaseAsset({ ...o, asset_id: asset.data.id });
    await bot.rest.repos.updateReleaseAsset({ ...o, asset_id: asset.data.id, label: "Chart" });
    await bot.rest.repos.deleteReleaseAsset({ ...o, asset_id: asset.data.id });
    await bot.rest.repos.deleteRelease({ ...o, release_id: release.data.id });
    await bot.rest.repos.enableImmutableReleases(o);
    await bot.rest.repos.checkImmutableReleases(o);
    await bot.rest.repos.disableImmutableReleases(o);

    // checks
    const run = await bot.rest.checks.create({ ...o, name: "policy", head_sha: master });
    await bot.rest.checks.update({
      ...o,
      check_run_id: run.data.id,
      conclusion: "failure",
      output: {
        title: "t",
        summary: "s",
        annotations: [
          {
            path: "a/b.txt",
            start_line: 1,
            end_line: 1,
            annotation_level: "failure",
            message: "m",
          },
        ],
      },
    });
    await bot.rest.checks.get({ ...o, check_run_id: run.data.id });
    await bot.rest.checks.listAnnotations({ ...o, check_run_id: run.data.id });
    await bot.rest.checks.listForRef({ ...o, ref: "master" });

    await sandbox.idle();
    expect(t.problems.splice(0)).toEqual([]);

    // every served route was answered with a documented, validated 2xx
    const missing: string[] = [];
    // GraphQL has a schema of its own, not a REST operation (test/graphql.test.ts).
    for (const route of sandbox.routes.filter((r) => r.template !== "/graphql")) {
      const op = findOperation(route.method, route.template.replace(/\+\}/g, "}"));
      if (!op) {
        missing.push(`${route.method} ${route.template}: not in GitHub's OpenAPI description`);
        continue;
      }
      const ok = [...validatedOperations].some((v) =>
        v.startsWith(`${op.method} ${op.template} 2`),
      );
      if (!ok)
        missing.push(
          `${route.method} ${route.template} (${op.operationId}): no 2xx response validated`,
        );
    }
    expect(missing).toEqual([]);
  });
});
