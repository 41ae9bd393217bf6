import { startTestSandbox } from "@release-bot/local-github/testing";
import { pino } from "pino";
import { Probot, type ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxOctokit } from "../../src/demo/scenario.js";
import { reconcileInstallations } from "../../src/reconcile.js";

/** A crash leaves a temporary branch behind: the reconcile pass deletes it once it is stale. */
describe("the reconcile pass and leftover temporary branches", () => {
  let t: Awaited<ReturnType<typeof startTestSandbox>>;
  /** How far behind real time the local GitHub's clock runs: commits made "earlier". */
  let behindMs = 11 * 60 * 1000;

  beforeAll(async () => {
    t = await startTestSandbox({ clock: () => new Date(Date.now() - behindMs) });
  });
  afterAll(async () => {
    await t?.sandbox.close();
  });

  it("deletes release-bot/tmp branches older than ten minutes and keeps fresh ones", async () => {
    const repo = await t.sandbox.createRepo("kubeflow/leftovers", {
      defaultBranch: "master",
      files: { VERSION: "v1.0.0\n" },
    });
    await repo.commit({ branch: "master", files: { a: "1\n" }, message: "old work" });
    await repo.createBranch("release-bot/tmp/cherry-pick-7-to-release-1.0/0123abcd", "master");
    behindMs = 0;
    await repo.commit({ branch: "master", files: { b: "2\n" }, message: "fresh work" });
    await repo.createBranch("release-bot/tmp/cherry-pick-8-to-release-1.0/89abcdef", "master");

    const reconciler = new Probot({
      ...t.sandbox.probotOptions(),
      Octokit: SandboxOctokit as unknown as typeof ProbotOctokit,
      log: pino({ level: "silent" }),
    });
    const [result] = await reconcileInstallations(reconciler, {
      maxPullRequests: 10,
      repos: ["kubeflow/leftovers"],
    });
    expect(result).toMatchObject({
      ok: true,
      items: [{ subject: "release-bot/tmp/cherry-pick-7-to-release-1.0/0123abcd" }],
    });
    expect((await repo.branches()).sort()).toEqual([
      "master",
      "release-bot/tmp/cherry-pick-8-to-release-1.0/89abcdef",
    ]);
  });
});
