import { Octokit } from "@octokit/rest";
import { INITIAL_FILES, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeState } from "../../src/core/line/dashboard-state.js";
import {
  lastDelivery,
  type ReliabilityEnv,
  redeliver,
  startReliabilityEnv,
} from "../reliability/harness.js";
import { reconcileWorld } from "../world/index.js";

/**
 * The dashboard issue of a release line on the local GitHub, with two bot replicas receiving
 * every webhook at once: one issue per line, always current, whatever the redeliveries.
 */
describe("the dashboard of release-1.5, two racing replicas", () => {
  let env: ReliabilityEnv;
  let tracking: number;

  beforeAll(async () => {
    env = await startReliabilityEnv({ replicas: 2 });
    tracking = await env.repo.openIssue({ title: "Tracking 1.5", user: MAINTAINER });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  /** Issues labelled as dashboards, as a user listing them on GitHub sees them. */
  async function dashboards(state: "open" | "closed" = "open") {
    const octokit = new Octokit({
      baseUrl: env.sandbox.url,
      auth: env.sandbox.tokenFor(MAINTAINER),
    });
    const { data } = await octokit.rest.issues.listForRepo({
      owner: env.repo.owner,
      repo: env.repo.name,
      labels: "release-bot/dashboard",
      state,
    });
    return data.map((i) => ({ number: i.number, title: i.title, body: i.body ?? "" }));
  }

  async function theDashboard() {
    const open = await dashboards();
    expect(open).toHaveLength(1);
    return open[0] as { number: number; title: string; body: string };
  }

  it("is created with the first candidate: one issue, title Release 1.5, next /release 1.5", async () => {
    await env.repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    const dashboard = await theDashboard();
    expect(dashboard.title).toBe("Release 1.5");
    // Both replicas may have created one at the same moment: every other one is closed as a twin.
    for (const twin of await dashboards("closed")) {
      expect(twin.body).toBe(`Duplicate of #${dashboard.number}, the dashboard of this line.`);
    }
    expect(dashboard.body).toContain(
      "**Next:** `/release 1.5`: `v1.5.0-rc.0` is the head of `release-1.5`",
    );
    expect(dashboard.body).toMatch(
      /\| \[`v1\.5\.0-rc\.0`\]\([^)]+\) \| candidate \| \d{4}-\d\d-\d\d \| \[`[0-9a-f]{7}`\]/,
    );
    expect(decodeState(dashboard.body)?.tags.map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
  });

  it("shows a labelled fix as an open pick, then merged with one commit no tag covers", async () => {
    await env.repo.createBranch("fix/timeout", "master", { as: MAINTAINER });
    await env.repo.commit({
      branch: "fix/timeout",
      files: {
        "internal/controller/executor.go":
          INITIAL_FILES["internal/controller/executor.go"]?.replace("= 60", "= 120") ?? "",
      },
      message: "Raise the executor timeout",
      author: MAINTAINER,
    });
    const fix = await env.repo.openPullRequest({
      head: "fix/timeout",
      title: "Raise the executor timeout",
      user: MAINTAINER,
    });
    await env.repo.addLabels(fix.number, ["cherry-pick/release-1.5"], { as: MAINTAINER });
    await env.sandbox.idle();
    expect((await theDashboard()).body).toContain(
      `- pending (picked at merge): #${fix.number} Raise the executor timeout`,
    );

    await env.repo.mergePullRequest(fix.number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    const [pick] = env.repo.pulls({ state: "open", base: "release-1.5" });
    expect(pick).toBeDefined();
    let body = (await theDashboard()).body;
    expect(body).toContain(`- open: #${fix.number} Raise the executor timeout → #${pick}`);
    expect(body).toContain(`- #${pick} \\[release-1.5\\] Raise the executor timeout`);

    await env.repo.mergePullRequest(pick as number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    body = (await theDashboard()).body;
    expect(body).toContain(`- merged: #${fix.number} Raise the executor timeout → #${pick}`);
    expect(body).toContain("**Commits since `v1.5.0-rc.0`** (1, not in any tag yet)");
    expect(body).toContain("**Next:** `/rc 1.5`: 1 commit on `release-1.5` no tag covers");
    expect(body).toContain("**Open pull requests into `release-1.5`:** none.");
  });

  it("follows /rc and /release to a done line, and /status replies with the same content", async () => {
    await env.repo.comment(tracking, "/rc 1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    expect((await theDashboard()).body).toContain(
      "**Next:** `/release 1.5`: `v1.5.0-rc.1` is the head",
    );
    await env.repo.comment(tracking, "/release 1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    const body = (await theDashboard()).body;
    expect(body).toContain(
      "**Next:** nothing to run. `v1.5.0` is final and nothing is waiting: the line is done",
    );
    expect(decodeState(body)?.tags.map((t) => t.name)).toEqual([
      "v1.5.0",
      "v1.5.0-rc.1",
      "v1.5.0-rc.0",
    ]);

    const asked = await env.repo.comment(tracking, "/status 1.5", { as: "someone" });
    await env.sandbox.idle();
    const reply = env.repo
      .comments(tracking)
      .find((c) => c.body.includes(`release-bot:reply-to:${asked.id} `));
    // The dashboard ends naming who may release; /status reads nothing to say it.
    const visible = body.slice(0, body.indexOf("**Who may release:**"));
    expect(body).toContain(
      "**Who may release:** people with the `write` role or higher on this repository.\n\n<!-- release-bot:dashboard-state",
    );
    expect(reply?.body).toContain("### Release 1.5 (`release-1.5`)");
    expect(reply?.body).toContain(visible.trim());
    expect(reply?.body).not.toContain("Who may release");
  });

  it("stays one issue when the tag's webhook is redelivered 10 times at once to both replicas", async () => {
    const before = await theDashboard();
    const closedBefore = await dashboards("closed");
    const guid = lastDelivery(env, "create", undefined, (p) => p.ref === "v1.5.0");
    await redeliver(env, guid, 10, "concurrent");
    const after = await theDashboard();
    expect(after.number).toBe(before.number);
    expect(after.body).toBe(before.body);
    expect(await dashboards("closed")).toEqual(closedBefore);
  });

  it("is rebuilt by reconcile after the webhook of a tag was lost", async () => {
    env.sandbox.webhooks.drop(
      { event: "create", match: (d) => d.payload.ref === "v1.5.1-rc.0" },
      2,
    );
    await env.repo.commit({
      branch: "release-1.5",
      files: { "docs/notes.md": "notes\n" },
      message: "Add release notes",
      author: MAINTAINER,
    });
    await env.repo.comment(tracking, "/rc 1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    expect(decodeState((await theDashboard()).body)?.tags[0]?.name).toBe("v1.5.0");

    await reconcileWorld(env, [env.repo.fullName], { maxPullRequests: 10 });
    await env.sandbox.idle();
    const body = (await theDashboard()).body;
    expect(decodeState(body)?.tags[0]?.name).toBe("v1.5.1-rc.0");
    expect(body).toContain("**Next:** `/release 1.5`: `v1.5.1-rc.0` is the head of `release-1.5`");
  });
});
