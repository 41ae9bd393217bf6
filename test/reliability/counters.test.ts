import { Octokit } from "@octokit/rest";
import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Counts, countEffects, type Expected, type Snapshot } from "./counters.js";
import { type ReliabilityEnv, startReliabilityEnv } from "./harness.js";
import { takeSnapshot } from "./snapshot.js";

/**
 * The counters see what they count: after a real run (a first candidate, `/rc 1.5`, a pick),
 * every counter reads 1; each test then writes one more of a kind into the local GitHub, as the
 * bot would by mistake, and the counter reads 2 — or removes an expected effect, and the flow
 * counts as incomplete. The tests build on each other in order, each checking its own change.
 */
describe("the reliability counters on the local GitHub", () => {
  let env: ReliabilityEnv;
  let bot: Octokit;
  let before: Snapshot;
  let expected: Expected;
  let issue: number;
  let command: number;
  let fix: number;
  const RC1 = "v1.5.0-rc.1";
  const repo = { owner: "", repo: "" };

  const recount = async (): Promise<Counts> =>
    countEffects(before, await takeSnapshot(env.sandbox, env.repo), expected);

  /** Applies a change and returns the counts before and after it. */
  async function around(change: () => Promise<unknown>): Promise<[Counts, Counts]> {
    const was = await recount();
    await change();
    await env.sandbox.idle();
    return [was, await recount()];
  }

  const commitOf = async (ref: string) => (await env.repo.git("rev-parse", ref)).trim();

  beforeAll(async () => {
    env = await startReliabilityEnv();
    const { sandbox } = env;
    [repo.owner, repo.repo] = env.repo.fullName.split("/") as [string, string];
    bot = new Octokit({ baseUrl: sandbox.url, auth: sandbox.installationToken() });
    before = await takeSnapshot(sandbox, env.repo);

    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await sandbox.idle();
    await env.repo.commit({
      branch: "release-1.5",
      files: { "internal/controller/fix.go": "package controller\n" },
      message: "Fix a leak",
      author: MAINTAINER,
    });
    issue = await env.repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    command = (await env.repo.comment(issue, "/rc 1.5", { as: MAINTAINER })).id;
    await sandbox.idle();

    await env.repo.createBranch("fix/race", "master", { as: CONTRIBUTOR });
    await env.repo.commit({
      branch: "fix/race",
      files: { "internal/controller/race.go": "package controller\n" },
      message: "Fix a race\n\nSigned-off-by: Contributor <contributor@example.com>",
      author: CONTRIBUTOR,
    });
    fix = (
      await env.repo.openPullRequest({
        head: "fix/race",
        base: "master",
        title: "Fix a race",
        user: CONTRIBUTOR,
        labels: ["cherry-pick/release-1.5"],
      })
    ).number as number;
    await sandbox.idle();
    await env.repo.mergePullRequest(fix, { method: "squash", as: MAINTAINER });
    await sandbox.idle();

    expected = {
      releases: [{ tag: "v1.5.0-rc.0" }, { tag: RC1 }],
      picks: [{ original: fix, base: "release-1.5" }],
      replies: [
        { issue, commentId: command, text: /^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/ },
      ],
      notes: [{ issue: fix, includes: "release-bot:cherry-pick-status" }],
    };
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("reads one of everything after the real run, and nothing duplicated or missing", async () => {
    const counts = await recount();
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({
      bumpCommits: { "v1.5.0-rc.0": 1, [RC1]: 1 },
      tagObjects: { "v1.5.0-rc.0": 1, [RC1]: 1 },
      releases: { "v1.5.0-rc.0": 1, [RC1]: 1 },
      pickPulls: { [`#${fix}→release-1.5`]: 1 },
      replies: { [`reply to ${command}`]: 1 },
      unexpectedComments: 0,
      duplicates: 0,
      incomplete: 0,
    });
  });

  it("counts a second bump commit with the bot's message", async () => {
    const [was, now] = await around(async () => {
      const head = await commitOf("release-1.5");
      const { data } = await bot.git.createCommit({
        ...repo,
        message: `Release ${RC1}\n`,
        tree: await commitOf("release-1.5^{tree}"),
        parents: [head],
      });
      await bot.git.updateRef({ ...repo, ref: "heads/release-1.5", sha: data.sha });
    });
    expect(now.bumpCommits[RC1]).toBe(2);
    expect(now.duplicates).toBe(was.duplicates + 1);
  });

  it("counts a commit that writes the version into VERSION under another message", async () => {
    const [was, now] = await around(async () => {
      const base = await commitOf("v1.5.0-rc.0^{commit}");
      const { data: tree } = await bot.git.createTree({
        ...repo,
        base_tree: await commitOf(`${base}^{tree}`),
        tree: [{ path: "VERSION", mode: "100644", type: "blob", content: `${RC1}\n` }],
      });
      const { data } = await bot.git.createCommit({
        ...repo,
        message: "Bump the version\n",
        tree: tree.sha,
        parents: [base],
      });
      await bot.git.createRef({ ...repo, ref: "refs/heads/bump-again", sha: data.sha });
    });
    expect(now.bumpCommits[RC1]).toBe((was.bumpCommits[RC1] ?? 0) + 1);
    expect(now.duplicates).toBe(was.duplicates + 1);
  });

  it("counts a second tag object on the release commit under another name", async () => {
    const [was, now] = await around(async () => {
      const { data } = await bot.git.createTag({
        ...repo,
        tag: `${RC1}-again`,
        message: `Release ${RC1}`,
        object: await commitOf(`${RC1}^{commit}`),
        type: "commit",
      });
      await bot.git.createRef({ ...repo, ref: `refs/tags/${RC1}-again`, sha: data.sha });
    });
    expect(was.tagObjects[RC1]).toBe(1);
    expect(now.tagObjects[RC1]).toBe(2);
    expect(now.duplicates).toBe(was.duplicates + 1);
  });

  it("counts a second tag object for the same ref, made with the git data API", async () => {
    const [was, now] = await around(async () => {
      const { data } = await bot.git.createTag({
        ...repo,
        tag: RC1,
        message: `Release ${RC1}, again`,
        object: await commitOf(`${RC1}^{commit}`),
        type: "commit",
      });
      await bot.git.updateRef({ ...repo, ref: `tags/${RC1}`, sha: data.sha, force: true });
    });
    expect(now.tagObjects[RC1]).toBe((was.tagObjects[RC1] ?? 0) + 1);
    expect(now.duplicates).toBe(was.duplicates + 1);
  });

  it("counts a second GitHub release of the same commit under another name", async () => {
    const [was, now] = await around(() =>
      bot.repos.createRelease({ ...repo, tag_name: `${RC1}-again`, name: `${RC1}-again` }),
    );
    expect(was.releases[RC1]).toBe(1);
    expect(now.releases[RC1]).toBe(2);
    expect(now.duplicates).toBe(was.duplicates + 1);
  });

  it("counts a second pick pull request from another branch", async () => {
    const [was, now] = await around(async () => {
      const pickBranch = `cherry-pick-${fix}-to-release-1.5`;
      const original = await bot.pulls.get({
        ...repo,
        pull_number: env.repo.pulls({ head: pickBranch })[0] ?? 0,
      });
      await bot.git.createRef({
        ...repo,
        ref: `refs/heads/${pickBranch}-again`,
        sha: await commitOf(pickBranch),
      });
      await bot.pulls.create({
        ...repo,
        head: `${pickBranch}-again`,
        base: "release-1.5",
        title: original.data.title,
        body: original.data.body ?? "",
      });
    });
    expect(was.pickPulls[`#${fix}→release-1.5`]).toBe(1);
    expect(now.pickPulls[`#${fix}→release-1.5`]).toBe(2);
    expect(now.duplicates).toBe(was.duplicates + 1);
  });

  it("counts the same reply posted again, and any other comment of the bot", async () => {
    const reply = env.repo
      .comments(issue)
      .find((c) => c.body.includes(`release-bot:reply-to:${command} `));
    const shown = (reply?.body ?? "").replace(/\n*<!-- release-bot:[^>]*-->/g, "").trim();
    const [was, again] = await around(() =>
      bot.issues.createComment({ ...repo, issue_number: issue, body: shown }),
    );
    expect(was.replies[`reply to ${command}`]).toBe(1);
    expect(again.replies[`reply to ${command}`]).toBe(2);
    expect(again.duplicates).toBe(was.duplicates + 1);

    const [, other] = await around(() =>
      bot.issues.createComment({ ...repo, issue_number: issue, body: "Tagged something else." }),
    );
    expect(other.unexpectedComments).toBe(again.unexpectedComments + 1);
    expect(other.duplicates).toBe(again.duplicates + 1);
  });

  it("counts a deleted tag as an incomplete flow", async () => {
    const [was, now] = await around(() => bot.git.deleteRef({ ...repo, ref: `tags/${RC1}` }));
    expect(was.incomplete).toBe(0);
    expect(now.missing).toEqual([`tag ref ${RC1} gone`]);
    expect(now.incomplete).toBe(1);
  });

  it("counts a deleted reply as an incomplete flow", async () => {
    const reply = env.repo
      .comments(issue)
      .find((c) => c.body.includes(`release-bot:reply-to:${command} `));
    const [was, now] = await around(() =>
      bot.issues.deleteComment({ ...repo, comment_id: reply?.id ?? 0 }),
    );
    expect(now.incomplete).toBe(was.incomplete + 1);
    expect(now.missing).toContain(`comment reply to ${command} missing`);
  });

  it("counts a pick that never happened as an incomplete flow", () => {
    const counts = countEffects(before, before, {
      picks: [{ original: fix, base: "release-1.5" }],
    });
    expect(counts.missing).toEqual([`pick PR of #${fix}→release-1.5 missing`]);
    expect(counts.incomplete).toBe(1);
  });
});
