import { Octokit } from "@octokit/rest";
import { CONTRIBUTOR, INITIAL_FILES, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReliabilityEnv, startReliabilityEnv } from "../reliability/harness.js";

/**
 * The check runs as a maintainer sees them on pull requests in the local GitHub, through the
 * real webhooks: release-branch policy, version consistency, and the configuration check.
 */
describe("check runs on pull requests into release-1.5", () => {
  let env: ReliabilityEnv;
  let octokit: Octokit;

  beforeAll(async () => {
    env = await startReliabilityEnv();
    octokit = new Octokit({ baseUrl: env.sandbox.url, auth: env.sandbox.tokenFor(MAINTAINER) });
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  /** The newest run of each check on a commit, with its annotations. */
  async function checksOn(sha: string) {
    const o = { owner: env.repo.owner, repo: env.repo.name };
    const { data } = await octokit.rest.checks.listForRef({ ...o, ref: sha });
    const newest = new Map<string, (typeof data.check_runs)[number]>();
    for (const run of data.check_runs) if (!newest.has(run.name)) newest.set(run.name, run);
    const result: Record<
      string,
      {
        conclusion: string | null;
        title: string | null;
        summary: string | null;
        annotations: string[];
      }
    > = {};
    for (const [name, run] of newest) {
      const annotations = await octokit.rest.checks.listAnnotations({ ...o, check_run_id: run.id });
      result[name] = {
        conclusion: run.conclusion,
        title: run.output.title,
        summary: run.output.summary,
        annotations: annotations.data.map((a) => `${a.path}:${a.start_line} ${a.message}`),
      };
    }
    return result;
  }

  async function openInto(branch: string, files: Record<string, string>, title: string) {
    await env.repo.createBranch(branch, "release-1.5", { as: CONTRIBUTOR });
    const sha = await env.repo.commit({ branch, files, message: title, author: CONTRIBUTOR });
    const pr = await env.repo.openPullRequest({
      head: branch,
      base: "release-1.5",
      title,
      user: CONTRIBUTOR,
    });
    await env.sandbox.idle();
    return { number: pr.number as number, sha };
  }

  it("fails a direct fix on the policy, passes its versions, and passes the policy once approved", async () => {
    const executor = INITIAL_FILES["internal/controller/executor.go"] ?? "";
    const pr = await openInto(
      "direct-fix",
      { "internal/controller/executor.go": executor.replace("= 60", "= 90") },
      "Raise the timeout on 1.5 only",
    );
    let checks = await checksOn(pr.sha);
    expect(checks["release-branch policy"]).toMatchObject({
      conclusion: "failure",
      title: "Only picks, release pull requests and approved fixes enter a release branch",
    });
    expect(checks["release-branch policy"]?.summary).toContain(
      "label that pull request `cherry-pick/release-1.5`",
    );
    expect(checks["version consistency"]).toMatchObject({
      conclusion: "success",
      title: "Every version field says 1.5.0-rc.0",
    });

    await env.repo.addLabels(pr.number, ["cherry-pick-approved"], { as: MAINTAINER });
    await env.sandbox.idle();
    checks = await checksOn(pr.sha);
    expect(checks["release-branch policy"]).toMatchObject({
      conclusion: "success",
      title: "Approved with `cherry-pick-approved`",
    });
  });

  it("fails a chart whose appVersion disagrees, annotated at its line", async () => {
    const chart = (await env.repo.readFile("release-1.5", "charts/demo-operator/Chart.yaml")) ?? "";
    const broken = chart.replace("appVersion: 1.5.0-rc.0", 'appVersion: "1.4.9" # by hand');
    const line = broken.split("\n").findIndex((l) => l.startsWith("appVersion")) + 1;
    const pr = await openInto(
      "bad-chart",
      { "charts/demo-operator/Chart.yaml": broken },
      "Chart by hand",
    );
    const checks = await checksOn(pr.sha);
    expect(checks["version consistency"]).toMatchObject({
      conclusion: "failure",
      title: "1 file disagrees with 1.5.0-rc.0",
      annotations: [
        `charts/demo-operator/Chart.yaml:${line} \`appVersion: "1.4.9" # by hand\` should read \`appVersion: "1.5.0-rc.0" # by hand\``,
      ],
    });
  });

  it("passes the bot's pick pull request on the policy", async () => {
    await env.repo.createBranch("fix/log", "master", { as: CONTRIBUTOR });
    await env.repo.commit({
      branch: "fix/log",
      files: { "internal/controller/log.go": "package controller\n" },
      message: "Add a log",
      author: CONTRIBUTOR,
    });
    const fix = await env.repo.openPullRequest({
      head: "fix/log",
      title: "Add a log",
      user: CONTRIBUTOR,
    });
    await env.repo.addLabels(fix.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await env.repo.mergePullRequest(fix.number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    const open = await Promise.all(
      env.repo.pulls({ state: "open", base: "release-1.5" }).map((n) => env.repo.pull(n)),
    );
    const pick = open.find((pr) =>
      String((pr.head as { ref: string }).ref).startsWith("cherry-pick-"),
    );
    expect(pick).toBeDefined();
    const head = (pick?.head as { sha: string } | undefined)?.sha ?? "";
    const checks = await checksOn(head);
    expect(checks["release-branch policy"]).toMatchObject({
      conclusion: "success",
      title: `A cherry-pick of #${fix.number}`,
    });
  });

  it("validates .github/release-bot.yml on the push that changes it, errors at their lines", async () => {
    await env.repo.createBranch("config", "master", { as: MAINTAINER });
    const sha = await env.repo.commit({
      branch: "config",
      files: {
        ".github/release-bot.yml":
          "release:\n  mode: pull-requests\ncharts:\n  readmeBadge: true\n",
      },
      message: "Configure release-bot",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
    const checks = await checksOn(sha);
    expect(checks["release-bot configuration"]).toMatchObject({
      conclusion: "failure",
      title: ".github/release-bot.yml has invalid settings (2 problems)",
      annotations: [
        '.github/release-bot.yml:2 `release.mode` must be one of "direct", "pull-request".',
        ".github/release-bot.yml:4 `charts.readmeBadge` is not a known setting.",
      ],
    });
    const fixed = await env.repo.commit({
      branch: "config",
      files: { ".github/release-bot.yml": "release:\n  mode: pull-request\n" },
      message: "Fix the configuration",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
    expect((await checksOn(fixed))["release-bot configuration"]).toMatchObject({
      conclusion: "success",
      annotations: [],
    });
  });
});
