/**
 * Publishing modes and immutable releases through webhooks on the local GitHub (the real app,
 * two replicas, deliveries concurrent, GitHub's rules on, immutable releases on): a draft
 * published by `/publish`, a draft published after a successful run of the `publishAfter`
 * workflow, a candidate whose tag name a deleted immutable release burned (the next number is
 * taken and the reply says why), and a final whose name is burned (refused, with the next patch
 * as the way out). Every response the bot gets is checked against GitHub's OpenAPI description,
 * every webhook against GitHub's schemas.
 */
import { Octokit } from "@octokit/rest";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../world/index.js";
import { commandReply, startValidatingWorld } from "./helpers.js";
import { BOT, turnRulesOn } from "./pick-matrix.helpers.js";

let world: World;
let sandbox: Sandbox;
let problems: string[];
let mismatches: string[];
let counter = 0;

beforeAll(async () => {
  ({ world, mismatches } = await startValidatingWorld());
  ({ sandbox, webhookProblems: problems } = world);
});

afterAll(async () => {
  await world?.close();
});

const CHART = "apiVersion: v2\nname: operator\nversion: 1.5.0\nappVersion: 1.5.0\n";

/** A repository with the rules and immutable releases on, `release-1.5` cut (rc.0 tagged). */
async function lineRepo(config: string): Promise<{ repo: SandboxRepo; issue: number }> {
  counter += 1;
  const repo = await sandbox.createRepo(`kubeflow/publish-${counter}`, {
    defaultBranch: "master",
    files: {
      VERSION: "v1.5.0\n",
      "charts/operator/Chart.yaml": CHART,
      ".github/release-bot.yml": config,
      ".github/workflows/release.yaml": "on:\n  push:\n    tags: ['v*']\n",
      ".github/workflows/ci.yaml": "on: push\n",
    },
  });
  sandbox.setPermission(repo, "maintainer", "maintain");
  turnRulesOn(repo);
  repo.setRules({ immutableReleases: true });
  await repo.createBranch("release-1.5", "master", { as: "maintainer" });
  await sandbox.idle();
  const issue = await repo.openIssue({ title: "Release 1.5", user: "maintainer" });
  return { repo, issue };
}

const command = (repo: SandboxRepo, issue: number, body: string) =>
  commandReply(sandbox, repo, issue, body);

async function fix(repo: SandboxRepo, file: string): Promise<void> {
  await repo.commit({
    branch: "release-1.5",
    files: { [file]: "package main\n" },
    message: `Fix ${file}`,
    as: "maintainer",
  });
  await sandbox.idle();
}

/** A maintainer's release of `tag`, published (immutable) then deleted with its tag: the name is burned. */
async function burn(repo: SandboxRepo, tag: string): Promise<void> {
  const maintainer = new Octokit({ baseUrl: sandbox.url, auth: sandbox.tokenFor("maintainer") });
  const o = { owner: repo.owner, repo: repo.name };
  const { data } = await maintainer.rest.repos.createRelease({
    ...o,
    tag_name: tag,
    target_commitish: "master",
  });
  expect(data.immutable).toBe(true);
  await maintainer.rest.repos.deleteRelease({ ...o, release_id: data.id });
  await maintainer.rest.git.deleteRef({ ...o, ref: `tags/${tag}` });
  await sandbox.idle();
}

function release(repo: SandboxRepo, tag: string): Record<string, unknown> | null {
  return repo.releases().find((r) => r.tag_name === tag) ?? null;
}

function dashboard(repo: SandboxRepo): string {
  const issues = [...repo.record.issues.values()].filter(
    (i) => i.title === "Release 1.5" && i.user === BOT,
  );
  return issues[0]?.body ?? "";
}

describe("release.publish: draft", () => {
  it("drafts the release with its tag, and /publish publishes it once its assets are in", async () => {
    const { repo, issue } = await lineRepo("release:\n  publish: draft\n");
    const rc0 = release(repo, "v1.5.0-rc.0");
    expect(rc0).toMatchObject({ draft: true, immutable: false, prerelease: true });
    const tagged = await repo.resolve("v1.5.0-rc.0");

    // The project's workflow attaches its chart to the draft.
    const ci = new Octokit({ baseUrl: sandbox.url, auth: sandbox.tokenFor("maintainer") });
    await ci.rest.repos.uploadReleaseAsset({
      url: rc0?.upload_url as string,
      name: "operator-1.5.0-rc.0.tgz",
      data: "chart bytes",
      headers: { "content-type": "application/gzip" },
    } as unknown as Parameters<typeof ci.rest.repos.uploadReleaseAsset>[0]);

    const published = await command(repo, issue, "/publish 1.5.0-rc.0");
    expect(published).toContain(
      `The GitHub release of [\`v1.5.0-rc.0\`](https://github.com/${repo.fullName}/releases/tag/v1.5.0-rc.0) is published: [v1.5.0-rc.0](https://github.com/${repo.fullName}/releases/tag/v1.5.0-rc.0). It is immutable: GitHub locks its tag and assets for good.`,
    );
    expect(release(repo, "v1.5.0-rc.0")).toMatchObject({ draft: false, immutable: true });
    expect(release(repo, "v1.5.0-rc.0")?.assets).toMatchObject([
      { name: "operator-1.5.0-rc.0.tgz", size: 11 },
    ]);
    expect(await repo.resolve("v1.5.0-rc.0")).toBe(tagged);
    // Asked again: the same answer, nothing changes.
    expect(await command(repo, issue, "/publish v1.5.0-rc.0")).toContain(
      "is published: [v1.5.0-rc.0]",
    );

    // The final, drafted too: the reply says how it gets published; the dashboard shows it waiting.
    const final = await command(repo, issue, "/release 1.5");
    expect(final).toContain("([draft GitHub release](");
    expect(final).toContain(
      "it stays a draft until `/publish 1.5.0` once its assets are attached.",
    );
    expect(release(repo, "v1.5.0")).toMatchObject({ draft: true });
    expect(dashboard(repo)).toContain("**Drafts waiting to be published** (1)");
    expect(dashboard(repo)).toContain("**Next:** `/publish 1.5.0`");

    expect(await command(repo, issue, "/publish 1.5.0")).toContain(
      "The GitHub release of [`v1.5.0`]",
    );
    expect(release(repo, "v1.5.0")).toMatchObject({ draft: false, immutable: true });
    expect(repo.releases().filter((r) => r.tag_name === "v1.5.0")).toHaveLength(1);
    expect(dashboard(repo)).not.toContain("Drafts waiting");

    expect(await command(repo, issue, "/publish 1.5.7")).toContain(
      "There is no draft release of `v1.5.7` to publish, and no such tag: cut it first with `/release 1.5`.",
    );
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);

  it("publishes the draft when a run of the publishAfter workflow on the tag's commit succeeds", async () => {
    const { repo, issue } = await lineRepo(
      "release:\n  publish: draft\n  publishAfter: release.yaml\n",
    );
    const tagged = (await repo.resolve("v1.5.0-rc.0")) as string;
    expect(release(repo, "v1.5.0-rc.0")).toMatchObject({ draft: true });
    await fix(repo, "one.go");
    const reply = await command(repo, issue, "/rc 1.5");
    const rc1 = (await repo.resolve("v1.5.0-rc.1")) as string;
    expect(reply).toContain(
      `it is published when a run of \`release.yaml\` on [\`${rc1.slice(0, 7)}\`]`,
    );

    // Another workflow, a failed run, a run on another commit: still drafts.
    await repo.completeWorkflowRun({
      workflow: "ci.yaml",
      headSha: rc1,
      headBranch: "v1.5.0-rc.1",
    });
    await repo.completeWorkflowRun({
      workflow: "release.yaml",
      headSha: rc1,
      headBranch: "v1.5.0-rc.1",
      conclusion: "failure",
    });
    await sandbox.idle();
    expect(release(repo, "v1.5.0-rc.1")).toMatchObject({ draft: true });

    await repo.completeWorkflowRun({
      workflow: "release.yaml",
      headSha: rc1,
      headBranch: "v1.5.0-rc.1",
      name: "Release",
    });
    await sandbox.idle();
    expect(release(repo, "v1.5.0-rc.1")).toMatchObject({ draft: false, immutable: true });
    expect(release(repo, "v1.5.0-rc.0")).toMatchObject({ draft: true });
    expect(await repo.resolve("v1.5.0-rc.0")).toBe(tagged);
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);
});

describe("faults after the write", () => {
  it("a lost answer to the draft's creation leaves one draft and the same reply", async () => {
    const { repo, issue } = await lineRepo("release:\n  publish: draft\n");
    await fix(repo, "four.go");
    // GitHub makes the draft, the answer is lost (502), the retry makes a second one.
    const fault = sandbox.faults.inject({
      method: "POST",
      path: /\/releases$/,
      status: 502,
      when: "after",
    });

    const reply = await command(repo, issue, "/rc 1.5");

    expect(reply).toContain("Tagged release candidate [`v1.5.0-rc.1`]");
    expect(reply).toContain("([draft GitHub release](");
    const drafts = repo.releases().filter((r) => r.tag_name === "v1.5.0-rc.1");
    expect(drafts).toHaveLength(1);
    expect(reply).toContain(String(drafts[0]?.html_url));
    expect(fault.hits).toBe(1);
    expect(sandbox.countRequests({ method: "DELETE", path: /\/releases\/\d+$/ })).toBe(1);
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);
});

describe("tag names burned by deleted immutable releases", () => {
  it("a candidate takes the next free number, and the reply says why", async () => {
    const { repo, issue } = await lineRepo("{}\n");
    await burn(repo, "v1.5.0-rc.1");
    await fix(repo, "two.go");

    const reply = await command(repo, issue, "/rc 1.5");

    const head = (await repo.resolve("release-1.5")) as string;
    expect(reply).toContain("Tagged release candidate [`v1.5.0-rc.2`]");
    expect(reply).toContain(
      "`v1.5.0-rc.1` was skipped: GitHub never lets a tag name be used again once an immutable release that used it was deleted (no permission or ruleset bypass changes that).",
    );
    expect(reply).not.toContain("bypass list");
    expect((await repo.tags()).map((t) => t.name).sort()).toEqual(["v1.5.0-rc.0", "v1.5.0-rc.2"]);
    expect(await repo.resolve("v1.5.0-rc.2")).toBe(head);
    expect(await repo.readFile(head, "VERSION")).toBe("v1.5.0-rc.2\n");
    expect(await repo.readFile(head, "charts/operator/Chart.yaml")).toContain(
      "version: 1.5.0-rc.2",
    );
    expect(release(repo, "v1.5.0-rc.2")).toMatchObject({ draft: false, immutable: true });
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);

  it("a final is refused: it can only be released as the next patch", async () => {
    const { repo, issue } = await lineRepo("{}\n");
    await burn(repo, "v1.5.0");

    const reply = await command(repo, issue, "/release 1.5");

    const head = (await repo.resolve("release-1.5")) as string;
    expect(reply).toContain(
      "Did not release `1.5.0`: GitHub never lets a tag name be used again once an immutable release that used it was deleted (no permission or ruleset bypass changes that), and `v1.5.0` is such a name.",
    );
    expect(reply).toContain(
      `\`1.5.0\` can only be released as the next patch, \`1.5.1\`: push the tag \`v1.5.1-rc.0\` on [\`${head.slice(0, 7)}\`]`,
    );
    expect(reply).toContain("then comment `/release 1.5`.");
    expect(reply).not.toContain("bypass list");
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
    expect(release(repo, "v1.5.0")).toBeNull();

    // The way out the reply gives: the next patch's candidate tag by hand, then /release.
    await repo.createTag("v1.5.1-rc.0", head, { as: "maintainer", message: "v1.5.1-rc.0" });
    await sandbox.idle();
    expect(await command(repo, issue, "/release 1.5")).toContain("Tagged release [`v1.5.1`]");
    expect(release(repo, "v1.5.1")).toMatchObject({ draft: false, immutable: true });
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);
});

describe("stray tags locked by immutable releases", () => {
  /** A maintainer's published (immutable) release of `tag` on master, off the release branch. */
  async function lockedStray(repo: SandboxRepo, tag: string): Promise<void> {
    const maintainer = new Octokit({ baseUrl: sandbox.url, auth: sandbox.tokenFor("maintainer") });
    await repo.commit({
      branch: "master",
      files: { "next.go": "package main\n" },
      message: "Next",
    });
    const { data } = await maintainer.rest.repos.createRelease({
      owner: repo.owner,
      repo: repo.name,
      tag_name: tag,
      target_commitish: "master",
    });
    expect(data.immutable).toBe(true);
    await sandbox.idle();
  }

  it("a candidate skips the name and says why, never advising to delete the tag", async () => {
    const { repo, issue } = await lineRepo("{}\n");
    await lockedStray(repo, "v1.5.0-rc.1");
    await fix(repo, "three.go");

    const reply = await command(repo, issue, "/rc 1.5");

    expect(reply).toContain("Tagged release candidate [`v1.5.0-rc.2`]");
    expect(reply).toContain(
      "`v1.5.0-rc.1` was skipped: a tag of that name exists off [`release-1.5`]",
    );
    expect(reply).toContain(
      "belongs to an immutable release, which GitHub never lets anyone move or delete.",
    );
    expect(reply).not.toContain("git push origin :refs/tags");
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);

  it("a final is refused with the next patch as the way out", async () => {
    const { repo, issue } = await lineRepo("{}\n");
    await lockedStray(repo, "v1.5.0");

    const reply = await command(repo, issue, "/release 1.5");

    expect(reply).toContain(
      "Did not cut `v1.5.0`: a tag of that name already exists off [`release-1.5`]",
    );
    expect(reply).toContain(
      "which GitHub never lets anyone move or delete. `1.5.0` can only be released as the next patch, `1.5.1`: push the tag `v1.5.1-rc.0` on the head of",
    );
    expect(reply).not.toContain("git push origin :refs/tags");
    expect(problems.splice(0)).toEqual([]);
    expect(mismatches.splice(0)).toEqual([]);
  }, 90_000);
});
