import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import type { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnthrottledOctokit } from "../../src/github/octokit.js";
import {
  command,
  MAINTAINER,
  makeRepo,
  type NeverWrongEnv,
  startNeverWrongEnv,
} from "./never-wrong.helpers.js";

/**
 * Issue 11, cases 6, 9 and 10 and the read-back of a merged release pull request, through
 * webhooks on the local GitHub (deliveries concurrent): the replies and the git state.
 */

interface RequestOptions {
  method: string;
  url: string;
  [key: string]: unknown;
}

/**
 * A hold on one request of the bot: when `matches` first sees it, `before` runs (and is
 * awaited) before the request leaves. Lets a test put another delivery's work in between.
 */
interface Gate {
  matches(options: RequestOptions): boolean;
  before(): Promise<void>;
}

let gate: Gate | null = null;

const GatedOctokit = UnthrottledOctokit.plugin((octokit) => {
  octokit.hook.before("request", async (options) => {
    const held = gate;
    if (held?.matches(options as unknown as RequestOptions)) {
      gate = null;
      await held.before();
    }
  });
});

const startEnv = () =>
  startNeverWrongEnv({ Octokit: GatedOctokit as unknown as typeof ProbotOctokit });

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const short = (sha: string) => sha.slice(0, 7);

async function tagsOf(repo: SandboxRepo): Promise<Record<string, string>> {
  return Object.fromEntries((await repo.tags()).map((t) => [t.name, t.commit]));
}

describe("release side: stray tags, open picks, the /branch reply, read-back of merges", () => {
  let env: NeverWrongEnv;
  let sandbox: Sandbox;
  beforeAll(async () => {
    env = await startEnv();
    sandbox = env.sandbox;
  }, 60_000);
  afterAll(async () => env?.close());

  /** `release-1.5` with `v1.5.0-rc.0`, then a fix on it and a feature on master. */
  async function lineWithFix(): Promise<{ repo: SandboxRepo; master: string; branch: string }> {
    const repo = await makeRepo(env, { VERSION: "v1.4.0\n" });
    expect(await command(env, repo, "/branch 1.5")).toContain("Tagged release candidate");
    const master = await repo.commit({
      branch: "master",
      files: { "feature.txt": "feature\n" },
      message: "Add a feature",
    });
    const branch = await repo.commit({
      branch: "release-1.5",
      files: { "fix.txt": "fix\n" },
      message: "Fix a bug",
    });
    await sandbox.idle();
    return { repo, master, branch };
  }

  it("case 6: a hand-made tag off the branch that holds the next name stops /rc, which says how to fix it", async () => {
    const { repo, master, branch } = await lineWithFix();
    await repo.createTag("v1.5.0-rc.1", "master", { message: "by hand", as: MAINTAINER });
    const before = await tagsOf(repo);

    const reply = await command(env, repo, "/rc 1.5");
    expect(reply).toMatch(
      new RegExp(
        `^Did not cut \`v1\\.5\\.0-rc\\.1\`: a tag of that name already exists off \\[\`release-1\\.5\`\\]\\([^)]*\\), and release-bot neither reuses nor moves it\\. Delete it if it is a mistake \\(\`git push origin :refs/tags/v1\\.5\\.0-rc\\.1\`\\), or move it onto \\[\`release-1\\.5\`\\]\\([^)]*\\) if it is meant to be this release, then run \`/rc 1\\.5\` again\\. \\[\`v1\\.5\\.0-rc\\.1\`\\]\\([^)]*\\) \\(it points to \\[\`${short(master)}\`\\]\\([^)]*\\)\\) is not on \\[\`release-1\\.5\`\\]\\([^)]*\\); release-bot ignores it\\.$`,
      ),
    );
    // Nothing was built on it: no tag moved or added, the branch is where the fix left it.
    expect(await tagsOf(repo)).toEqual(before);
    expect(await repo.resolve("release-1.5")).toBe(branch);

    // Deleted, the next /rc takes the name on the branch, with notes since rc.0.
    await repo.git("update-ref", "-d", "refs/tags/v1.5.0-rc.1");
    const cut = await command(env, repo, "/rc 1.5");
    expect(cut).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
    expect(cut).not.toContain("release-bot ignores");
    const rc1 = (await tagsOf(repo))["v1.5.0-rc.1"] as string;
    expect((await repo.readCommit(rc1))?.parents).toEqual([branch]);
    expect(await repo.resolve("release-1.5")).toBe(rc1);
  }, 90_000);

  it("case 6: a stray tag further ahead is named and ignored: numbering and notes follow the branch", async () => {
    const { repo, master } = await lineWithFix();
    await repo.createTag("v1.5.0-rc.3", "master", { as: MAINTAINER });

    const reply = await command(env, repo, "/rc 1.5");
    expect(reply).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
    expect(reply).toMatch(
      new RegExp(
        ` \\[\`v1\\.5\\.0-rc\\.3\`\\]\\([^)]*\\) \\(it points to \\[\`${short(master)}\`\\]\\([^)]*\\)\\) is not on \\[\`release-1\\.5\`\\]\\([^)]*\\); release-bot ignores it\\.$`,
      ),
    );
    const tags = await tagsOf(repo);
    expect(tags["v1.5.0-rc.3"]).toBe(master);
    expect(tags["v1.5.0-rc.1"]).toBe(await repo.resolve("release-1.5"));
    expect(String((await repo.release("v1.5.0-rc.1"))?.body)).toContain(
      "v1.5.0-rc.0...v1.5.0-rc.1",
    );
    // "Nothing changed since" looks at the branch's own newest tag, rc.1, not at rc.3. A
    // command posted in the second its tag was made counts as that tag's own request (GitHub's
    // dates are to the second), so the next one comes a second later.
    await env.clock.advance(1000);
    expect(await command(env, repo, "/rc 1.5")).toMatch(
      /^Nothing changed on \[`release-1\.5`\]\([^)]*\) since \[`v1\.5\.0-rc\.1`\]/,
    );
  }, 90_000);

  it("case 9: /release lists the pick pull requests still open into the branch, and releases", async () => {
    const { repo } = await lineWithFix();
    await repo.commit({
      branch: "cherry-pick-41-to-release-1.5",
      from: "release-1.5",
      files: { "other.txt": "other fix\n" },
      message: "Fix another bug",
    });
    await repo.commit({
      branch: "someone-else",
      from: "release-1.5",
      files: { "x.txt": "x\n" },
      message: "Not a pick",
    });
    const pick = await repo.openPullRequest({
      head: "cherry-pick-41-to-release-1.5",
      base: "release-1.5",
      title: "[release-1.5] Fix another bug",
      user: MAINTAINER,
    });
    await repo.openPullRequest({
      head: "someone-else",
      base: "release-1.5",
      title: "Not a pick",
      user: MAINTAINER,
    });
    await sandbox.idle();
    const head = await repo.resolve("release-1.5");

    const reply = await command(env, repo, "/release 1.5 --force");
    expect(reply).toMatch(/^Tagged release \[`v1\.5\.0`\]/);
    expect(reply).toMatch(
      new RegExp(
        ` Not in this release: the pick pull request still open into \\[\`release-1\\.5\`\\]\\([^)]*\\): \\[#${pick.number}\\]\\([^)]*/pull/${pick.number}\\) \\[release-1\\.5\\] Fix another bug\\.$`,
      ),
    );
    expect(reply).not.toContain("Not a pick");
    const released = (await tagsOf(repo))["v1.5.0"] as string;
    expect((await repo.readCommit(released))?.parents).toEqual([head]);
    expect(await repo.readFile("v1.5.0", "other.txt")).toBeNull();
  }, 90_000);

  it("a merged release pull request whose tree lost the version is not tagged, and the pull request says why", async () => {
    const repo = await makeRepo(env, {
      VERSION: "v1.4.0\n",
      ".github/release-bot.yml": "release:\n  mode: pull-request\n",
    });
    const opened = await command(env, repo, "/branch 1.5");
    expect(opened).toContain("Opened [#");
    const number = Number(/\[#(\d+)\]/.exec(opened)?.[1]);
    // Someone "fixes" the pull request before merging it: VERSION goes back.
    await repo.commit({
      branch: "release-bot/v1.5.0-rc.0",
      files: { VERSION: "v1.4.0\n" },
      message: "Keep the old version",
    });
    await sandbox.idle();
    const { sha } = await repo.mergePullRequest(number, { method: "squash", as: MAINTAINER });
    await sandbox.idle();

    const said = repo
      .comments(number)
      .map((c) => c.body)
      .find((body) => body.includes("release-pr-tag"));
    expect(said).toMatch(
      new RegExp(
        `^Did not tag \`v1\\.5\\.0-rc\\.0\`: the merge commit \\[\`${short(sha)}\`\\]\\([^)]*\\) of \\[\`release-1\\.5\`\\]\\([^)]*\\) does not carry \`1\\.5\\.0-rc\\.0\` in every managed version field: \`VERSION\` line 1 reads \`v1\\.4\\.0\`, not \`v1\\.5\\.0-rc\\.0\`\\. Run \`/rc 1\\.5\` to set the version again\\.`,
      ),
    );
    expect(await repo.tags()).toEqual([]);
    expect(repo.releases()).toEqual([]);
  }, 90_000);
});

describe("case 10: the /branch reply is the same whichever delivery bumped", () => {
  let env: NeverWrongEnv;
  let sandbox: Sandbox;
  beforeAll(async () => {
    env = await startEnv();
    sandbox = env.sandbox;
  }, 60_000);
  afterAll(async () => env?.close());

  const FILES = {
    VERSION: "v1.4.0\n",
    "charts/op/Chart.yaml": "apiVersion: v2\nname: op\nversion: 1.4.0\nappVersion: 1.4.0\n",
  };

  /** What `/branch 1.5` must say and leave, read from the repository it ran on. */
  async function expectOneCandidate(repo: SandboxRepo, reply: string): Promise<void> {
    const master = (await repo.resolve("master")) as string;
    const tags = await tagsOf(repo);
    expect(Object.keys(tags)).toEqual(["v1.5.0-rc.0"]);
    const tagged = tags["v1.5.0-rc.0"] as string;
    const url = `https://github.com/${repo.fullName}`;
    expect(reply).toBe(
      `Created [\`release-1.5\`](${url}/tree/release-1.5) from \`master\` at [\`${short(master)}\`](${url}/commit/${master}). Tagged release candidate [\`v1.5.0-rc.0\`](${url}/releases/tag/v1.5.0-rc.0) on [\`${short(tagged)}\`](${url}/commit/${tagged}) of [\`release-1.5\`](${url}/tree/release-1.5), after setting \`1.5.0-rc.0\` in \`charts/op/Chart.yaml\`, \`VERSION\` ([GitHub release](${url}/releases/tag/v1.5.0-rc.0)).`,
    );
    // One bump commit on master's head, tagged, at the branch head; one release; no claim left.
    expect((await repo.readCommit(tagged))?.parents).toEqual([master]);
    expect(await repo.resolve("release-1.5")).toBe(tagged);
    expect(await repo.readFile(tagged, "charts/op/Chart.yaml")).toContain("version: 1.5.0-rc.0");
    expect(repo.releases().map((r) => r.tag_name)).toEqual(["v1.5.0-rc.0"]);
    expect((await repo.branches()).sort()).toEqual(["master", "release-1.5"]);
  }

  /**
   * `/branch 1.5` with the branch's `create` delivery held until the bot's `when` request;
   * then the `create` run goes on its own while that request waits for `ready`.
   */
  async function branchWithCreateAt(
    when: (options: RequestOptions) => boolean,
    ready: (repo: SandboxRepo) => Promise<boolean>,
  ): Promise<{ repo: SandboxRepo; reply: string }> {
    const repo = await makeRepo(env, FILES);
    const held = sandbox.webhooks.hold({ event: "create" });
    let fired = false;
    gate = {
      matches: when,
      async before() {
        fired = true;
        held.release();
        held.remove();
        await until("the create delivery's work", () => ready(repo));
      },
    };
    const reply = await command(env, repo, "/branch 1.5");
    gate = null;
    held.remove();
    await sandbox.idle();
    expect(fired).toBe(true);
    return { repo, reply };
  }

  const released = async (repo: SandboxRepo) =>
    repo.releases().length > 0 && !(await repo.branches()).some((b) => b.includes("claim"));

  it("/branch bumps, the create delivery comes after", async () => {
    const repo = await makeRepo(env, FILES);
    const held = sandbox.webhooks.hold({ event: "create" });
    const reply = await command(env, repo, "/branch 1.5");
    held.release();
    held.remove();
    await sandbox.idle();
    await expectOneCandidate(repo, reply);
  }, 90_000);

  it("the create delivery bumps and tags before /branch reads the line", async () => {
    const { repo, reply } = await branchWithCreateAt(
      (o) => o.method === "GET" && decodeURIComponent(o.url).includes("matching-refs/tags/v1.5."),
      released,
    );
    await expectOneCandidate(repo, reply);
  }, 90_000);

  it("the create delivery holds the claim when /branch asks for it", async () => {
    const { repo, reply } = await branchWithCreateAt(
      (o) =>
        o.method === "POST" &&
        o.url.endsWith("/git/refs") &&
        String(o.ref).includes("release-bot/tmp/claim/"),
      async (r) => (await r.branches()).some((b) => b.includes("claim")),
    );
    await expectOneCandidate(repo, reply);
  }, 90_000);

  it("the create delivery finishes between /branch's read of the line and its claim", async () => {
    const { repo, reply } = await branchWithCreateAt(
      (o) =>
        o.method === "POST" &&
        o.url.endsWith("/git/commits") &&
        String(o.message).startsWith("release-bot: temporary claim"),
      released,
    );
    await expectOneCandidate(repo, reply);
  }, 90_000);
});
