import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

const REPO = "https://github.com/kubeflow/demo-operator";

/**
 * Lines longer than GitHub's pages, on the local GitHub (which pages as GitHub does): 260
 * commits on master since the previous final, pull requests merged after them, 105 commits on
 * the release branch after its candidate, 121 finals of the line before. The changelog, its
 * notes baseline, `/status` and the pick plan read past the first page of 100, and past
 * compare's unpaged 250.
 */
describe("lines of more than 100 and more than 250 commits", () => {
  let env: PipelineEnv;
  const merged: number[] = [];
  let branchCommits: string[] = [];

  beforeAll(async () => {
    env = await startPipelineEnv("changelog:\n  path: CHANGELOG.md\n");
    await env.repo.createTag("v1.4.0", "master", { as: MAINTAINER, message: "Release v1.4.0" });
    // 120 more patch finals of the 1.4 line at the same commit (made with git: no webhooks), so
    // the final's notes baseline is found among more than 100 tags.
    for (let patch = 1; patch <= 120; patch++) {
      await env.repo.git("tag", `v1.4.${patch}`, "v1.4.0");
    }
    await env.repo.pushCommits({
      branch: "master",
      as: MAINTAINER,
      commits: Array.from({ length: 260 }, (_, i) => ({
        files: { "docs/log.md": `${i}\n` },
        message: `Log ${i}`,
      })),
    });
    for (const [i, title] of ["Support queue annotations", "Fix the driver pod name"].entries()) {
      merged.push(
        await env.mergeFix({
          branch: `late-${i}`,
          title,
          files: { [`internal/late${i}.go`]: "package internal\n" },
          labels: i === 0 ? ["kind/feature"] : ["kind/bug"],
        }),
      );
    }
    await env.say("/branch 1.5");
    branchCommits = await env.repo.pushCommits({
      branch: "release-1.5",
      as: MAINTAINER,
      commits: Array.from({ length: 105 }, (_, i) => ({
        files: { "docs/branch.md": `${i}\n` },
        message: `Branch change ${i}`,
      })),
    });
    await env.sandbox.idle();
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it("/status lists the newest of 105 untested commits, not the first page's", async () => {
    const reply = (await env.say("/status 1.5")) ?? "";
    expect(reply).toContain("**Commits since `v1.5.0-rc.0`** (105, not in any tag yet)");
    expect(reply).toContain("- … 75 older");
    const newest = branchCommits.at(-1) as string;
    expect(reply).toContain(
      `[\`${newest.slice(0, 7)}\`](${REPO}/commit/${newest}) Branch change 104`,
    );
    expect(reply).toContain("Branch change 75");
    expect(reply).not.toContain("Branch change 74\n");
  });

  it("the final's changelog names the pull requests merged after 260 commits", async () => {
    const reply = await env.say("/release 1.5 --force");
    expect(reply).toContain("`CHANGELOG.md`");
    const changelog = (await env.repo.readFile("v1.5.0", "CHANGELOG.md")) ?? "";
    const line = (n: number, title: string) =>
      `- ${title} ([#${n}](${REPO}/pull/${n}) by [@contributor](https://github.com/contributor))`;
    expect(changelog).toContain(
      `### Features\n\n${line(merged[0] as number, "Support queue annotations")}\n`,
    );
    expect(changelog).toContain(
      `### Bug Fixes\n\n${line(merged[1] as number, "Fix the driver pod name")}\n`,
    );
    // The baseline: the newest of 121 finals of the older line.
    expect(changelog).toContain(`[Full Changelog](${REPO}/compare/v1.4.120...v1.5.0)`);
    expect(changelog).not.toContain("not listed");
    const release = env.repo.release("v1.5.0") as { body?: string } | undefined;
    expect(release?.body).toContain(line(merged[1] as number, "Fix the driver pod name"));
  });

  it("refuses to pick a pull request of 260 commits, naming them all", async () => {
    await env.repo.createBranch("huge", "master", { as: "contributor" });
    await env.repo.pushCommits({
      branch: "huge",
      as: "contributor",
      commits: Array.from({ length: 260 }, (_, i) => ({
        files: { "internal/huge.go": `package internal // ${i}\n` },
        message: `Huge step ${i}`,
      })),
    });
    const pr = await env.repo.openPullRequest({
      head: "huge",
      base: "master",
      title: "A huge change",
      user: "contributor",
    });
    await env.repo.addLabels(pr.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await env.sandbox.idle();
    await env.repo.mergePullRequest(pr.number, { method: "merge", as: MAINTAINER });
    await env.sandbox.idle();
    const status = env.repo
      .comments(pr.number)
      .map((c) => c.body as string)
      .find((body) => body.includes("release-bot:cherry-pick-status"));
    expect(status).toContain(
      "the pull request has 260 commits, more than the 100 release-bot picks",
    );
    expect(await env.repo.branches()).not.toContain("cherry-pick-huge-release-1.5");
  });
});
