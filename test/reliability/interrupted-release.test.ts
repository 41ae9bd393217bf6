import type { SandboxRepo } from "@release-bot/local-github";
import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  beginScenario,
  commentDelivery,
  lastDelivery,
  type ReliabilityEnv,
  redeliver,
  repliesTo,
  startReliabilityEnv,
} from "./harness.js";

/**
 * A flow interrupted after each of its steps in turn: GitHub performs the step and then fails to
 * answer, up to more times than the bot retries. Either the bot's retry finds the step done and
 * goes on, or it reports the failure once; a redelivery then finishes the flow. Either way the end
 * state is that of an uninterrupted run.
 */
const STEPS: Array<{ step: string; method: string; path: RegExp; namesFiles: boolean }> = [
  { step: "bump tree", method: "POST", path: /\/git\/trees$/, namesFiles: true },
  { step: "bump commit", method: "POST", path: /\/git\/commits$/, namesFiles: true },
  // Past the branch update and before the tag, the redelivery finds the files already set and
  // tags the head without a commit of its own: its reply names no files.
  {
    step: "branch update",
    method: "PATCH",
    path: /\/git\/refs\/heads(%2F|\/)release-1\.5$/,
    namesFiles: false,
  },
  { step: "tag object", method: "POST", path: /\/git\/tags$/, namesFiles: false },
  { step: "tag ref", method: "POST", path: /\/git\/refs$/, namesFiles: true },
  { step: "release", method: "POST", path: /\/releases$/, namesFiles: true },
];

/**
 * The reply of an uninterrupted `/rc` that tagged `tag`, built from what it made: the bump commit
 * (whose message lists the files it set, in the reply's order) and the GitHub release.
 */
async function uninterruptedReply(
  repo: SandboxRepo,
  tag: string,
  namesFiles = true,
): Promise<string> {
  const commit = (await repo.git("rev-parse", `${tag}^{commit}`)).trim();
  const message = (await repo.readCommit(commit))?.message ?? "";
  const files = [...message.matchAll(/^- (.+)$/gm)].map((m) => `\`${m[1]}\``);
  const set = namesFiles ? `, after setting \`${tag.slice(1)}\` in ${files.join(", ")}` : "";
  const url = `https://github.com/${repo.fullName}`;
  const release = (repo.release(tag) as { html_url?: string } | null)?.html_url;
  return `Tagged release candidate [\`${tag}\`](${url}/releases/tag/${tag}) on [\`${commit.slice(0, 7)}\`](${url}/commit/${commit}) of [\`release-1.5\`](${url}/tree/release-1.5)${set} ([GitHub release](${release})).`;
}

/** More than the bot's retries (3), so the flow really stops. */
const FAULT_TIMES = 4;

describe("release flows interrupted after each step", () => {
  let env: ReliabilityEnv | undefined;

  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  for (const { step, method, path, namesFiles } of STEPS) {
    it(`/rc 1.5 finishes on redelivery after a failure past "${step}"`, async () => {
      env = await startReliabilityEnv();
      const { sandbox, repo } = env;
      await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
      await sandbox.idle();
      await repo.commit({
        branch: "release-1.5",
        files: { "internal/controller/fix.go": "package controller\n" },
        message: "Fix a leak",
        author: MAINTAINER,
      });
      const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
      const scenario = await beginScenario(env, `/rc interrupted after ${step}`);
      const fault = sandbox.faults.inject({
        method,
        path,
        status: 502,
        times: FAULT_TIMES,
        when: "after",
      });
      const posted = await repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
      await sandbox.idle();
      expect(fault.hits).toBeGreaterThanOrEqual(1);
      const [failed] = repliesTo(env, issue, posted.id);
      expect(failed).toMatch(/^`\/rc 1\.5` failed: GitHub answered 502/);

      await redeliver(env, commentDelivery(env, posted.id), 1, "sequential");
      const tag = "v1.5.0-rc.1";
      const counts = await scenario.end({
        releases: [{ tag }],
        replies: [
          { issue, commentId: posted.id, text: await uninterruptedReply(repo, tag, namesFiles) },
        ],
      });
      expect(counts.missing).toEqual([]);
      expect(counts).toMatchObject({
        deliveries: 2,
        faults: fault.hits,
        bumpCommits: { [tag]: 1 },
        tagObjects: { [tag]: 1 },
        releases: { [tag]: 1 },
        duplicates: 0,
        incomplete: 0,
      });
      const tagged = (await repo.git("rev-parse", `${tag}^{commit}`)).trim();
      expect(await repo.readFile(tagged, "VERSION")).toBe(`${tag}\n`);
      expect((await repo.tags()).map((t) => t.name).sort()).toEqual(["v1.5.0-rc.0", tag]);
      expect(repliesTo(env, issue, posted.id)).toEqual([
        await uninterruptedReply(repo, tag, namesFiles),
      ]);
      // No stray branches: only master and the release branch.
      expect((await repo.branches()).sort()).toEqual(["master", "release-1.5"]);
    });
  }

  it("a tag older than the command is an earlier request's: /rc with nothing new is refused", async () => {
    env = await startReliabilityEnv();
    const { sandbox, repo } = env;
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await sandbox.idle();
    const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    // GitHub's timestamps have whole seconds: the command comes a second after the tag.
    await env.clock.advance(1000);
    const scenario = await beginScenario(env, "/rc with nothing new since an older tag");
    const posted = await repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    await sandbox.idle();
    const counts = await scenario.end({
      replies: [{ issue, commentId: posted.id, text: /^Nothing changed on \[`release-1\.5`\]/ }],
    });
    expect(counts.missing).toEqual([]);
    expect(counts).toMatchObject({ deliveries: 1, duplicates: 0, incomplete: 0 });
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
  });

  it("an /rc repeated right after the first is refused: its tag is older than the comment", async () => {
    env = await startReliabilityEnv();
    const { sandbox, repo } = env;
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await sandbox.idle();
    const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await repo.commit({
      branch: "release-1.5",
      files: { "fix.txt": "fixed\n" },
      message: "Fix something",
      author: MAINTAINER,
    });
    const first = await repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    await sandbox.idle();
    // GitHub's timestamps have whole seconds: the second comment comes a second later.
    await env.clock.advance(1000);
    const second = await repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    await sandbox.idle();
    expect(repliesTo(env, issue, first.id)).toEqual([
      expect.stringMatching(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/),
    ]);
    expect(repliesTo(env, issue, second.id)).toEqual([
      expect.stringMatching(
        /^Nothing changed on \[`release-1\.5`\]\(.*\) since \[`v1\.5\.0-rc\.1`\]/,
      ),
    ]);
    expect((await repo.tags()).map((t) => t.name).sort()).toEqual(["v1.5.0-rc.0", "v1.5.0-rc.1"]);
  });

  it("a branch whose create webhook failed mid-way gets its candidate from a redelivery", async () => {
    env = await startReliabilityEnv();
    const { sandbox, repo } = env;
    const scenario = await beginScenario(env, "branch created, interrupted after tag ref");
    const fault = sandbox.faults.inject({
      method: "POST",
      path: /\/git\/refs$/,
      status: 502,
      times: FAULT_TIMES,
      when: "after",
    });
    await repo.createBranch("release-1.6", "master", { as: MAINTAINER });
    await sandbox.idle();
    expect(fault.hits).toBeGreaterThanOrEqual(1);
    await redeliver(
      env,
      lastDelivery(env, "create", undefined, (p) => p.ref === "release-1.6"),
      1,
      "sequential",
    );
    const counts = await scenario.end({ releases: [{ tag: "v1.6.0-rc.0" }] });
    expect(counts).toMatchObject({
      faults: fault.hits,
      bumpCommits: { "v1.6.0-rc.0": 1 },
      tagObjects: { "v1.6.0-rc.0": 1 },
      releases: { "v1.6.0-rc.0": 1 },
      duplicates: 0,
      incomplete: 0,
    });
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.6.0-rc.0"]);
  });
});
