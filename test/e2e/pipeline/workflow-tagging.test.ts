import type { DeliveryRequest, Subscription } from "@release-bot/local-github";
import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileWorld } from "../../world/index.js";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

/**
 * Spark Operator's release.yaml, standing in: on a push to `release-*` that changes VERSION, it
 * fails when the tag exists, else tags the pushed commit with the project's message.
 */
function releaseWorkflow(env: PipelineEnv, seen: string[]) {
  return async (request: DeliveryRequest) => {
    const payload = request.payload as { ref?: string; after?: string; before?: string };
    if (request.name !== "push" || !payload.ref?.startsWith("refs/heads/release-")) return;
    const after = payload.after as string;
    const version = ((await env.repo.readFile(after, "VERSION")) ?? "").trim();
    // A new branch is no change of VERSION; its first bump is.
    if (/^0+$/.test(payload.before ?? "")) return;
    const before = await env.repo.readFile(payload.before as string, "VERSION").catch(() => null);
    if (version === "" || before?.trim() === version) return;
    const exists = (await env.repo.tags()).some((tag) => tag.name === version);
    seen.push(exists ? `${version}: tag exists, failed` : version);
    if (exists) return;
    // As Spark Operator's release.yaml does, with the workflow's GITHUB_TOKEN.
    env.sandbox.user("github-actions[bot]", { type: "Bot" });
    await env.repo.createTag(version, after, {
      as: "github-actions[bot]",
      message: `Spark Operator Official Release ${version}`,
    });
  };
}

describe("release.tagging: workflow on the local GitHub", () => {
  let env: PipelineEnv;
  let workflow: Subscription;
  const runs: string[] = [];
  beforeAll(async () => {
    env = await startPipelineEnv("release:\n  tagging: workflow\n  workflowTimeoutMinutes: 30\n");
    workflow = env.sandbox.subscribe(releaseWorkflow(env, runs));
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  async function commitFix(file: string) {
    await env.repo.commit({
      branch: "release-1.5",
      files: { [`internal/controller/${file}`]: "package controller\n" },
      message: `Fix ${file} on the line`,
      author: MAINTAINER,
    });
    await env.sandbox.idle();
  }

  it("bumps only; the workflow's tag check passes, it tags the bump, and the reply says so", async () => {
    const reply = await env.say("/branch 1.5");
    const head = (await env.repo.resolve("release-1.5")) as string;
    const commit = `[\`${head.slice(0, 7)}\`](https://github.com/kubeflow/demo-operator/commit/${head})`;
    expect(reply).toContain(
      `Set the version to \`1.5.0-rc.0\` on ${commit} of [\`release-1.5\`](https://github.com/kubeflow/demo-operator/tree/release-1.5); the release workflow tags \`v1.5.0-rc.0\` and publishes the release (\`release.tagging: workflow\`).\n\n**Update:** The release workflow tagged [\`v1.5.0-rc.0\`](https://github.com/kubeflow/demo-operator/releases/tag/v1.5.0-rc.0) on ${commit}.`,
    );
    expect(runs).toEqual(["v1.5.0-rc.0"]);
    expect((await env.repo.git("rev-parse", "v1.5.0-rc.0^{commit}")).trim()).toBe(head);
    const message = await env.repo.git("cat-file", "-p", "v1.5.0-rc.0");
    expect(message).toContain("\n\nSpark Operator Official Release v1.5.0-rc.0\n");
    expect(env.repo.releases()).toEqual([]);
  });

  it("follows a slow workflow's tag when it arrives", async () => {
    workflow.unsubscribe();
    // A slow workflow: its build is still running when the bot has answered the push.
    const building: DeliveryRequest[] = [];
    workflow = env.sandbox.subscribe(async (request) => {
      building.push(request);
    });
    await commitFix("slow.go");
    const posted = await env.repo.comment(env.issue, "/rc 1.5", { as: MAINTAINER });
    await env.sandbox.idle();
    const before = env.botCommentsAfter(env.issue, posted.id as number);
    expect(before).toHaveLength(1);
    expect(before[0]?.body).toContain("the release workflow tags `v1.5.0-rc.1`");
    expect(before[0]?.body).not.toContain("**Update:**");
    // The build ends: the workflow tags.
    for (const push of building.splice(0)) await releaseWorkflow(env, runs)(push);
    await env.sandbox.idle();
    const after = env.botCommentsAfter(env.issue, posted.id as number);
    expect(after).toHaveLength(1);
    expect(after[0]?.body).toContain(
      "**Update:** The release workflow tagged [`v1.5.0-rc.1`](https://github.com/kubeflow/demo-operator/releases/tag/v1.5.0-rc.1)",
    );
  });

  it("counts a bump whose tag has not appeared as in flight: a second /rc neither repeats nor skips it", async () => {
    workflow.unsubscribe();
    await commitFix("never.go");
    const first = await env.say("/rc 1.5");
    expect(first).toContain("Set the version to `1.5.0-rc.2`");
    const second = await env.say("/rc 1.5");
    expect(second).toMatch(
      /already carries `1\.5\.0-rc\.2` .*the release workflow tags `v1\.5\.0-rc\.2`/,
    );
    const log = await env.repo.git("log", "--format=%s", "release-1.5");
    expect(log.split("\n").filter((s) => s.startsWith("Release "))).toEqual([
      "Release v1.5.0-rc.2",
      "Release v1.5.0-rc.1",
      "Release v1.5.0-rc.0",
    ]);
    expect((await env.repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0", "v1.5.0-rc.1"]);
  });

  it("reports in the reply, once, a tag the workflow never made within the configured time", async () => {
    const reconcile = () => reconcileWorld(env, [env.repo.fullName]);
    // Within the configured 30 minutes the bump still waits: nothing to report.
    await env.clock.advance(29 * 60 * 1000);
    expect(await reconcile()).toEqual([{ repo: env.repo.fullName, ok: true, items: [] }]);
    await env.clock.advance(2 * 60 * 1000);
    const [first] = await reconcile();
    const head = (await env.repo.resolve("release-1.5")) as string;
    const reported = `\`v1.5.0-rc.2\` is still not tagged 30 minutes after the bump [\`${head.slice(0, 7)}\`](https://github.com/kubeflow/demo-operator/commit/${head}); look at the release workflow's run for that push, then tag it or run the command again.`;
    const items = (run: typeof first) =>
      run?.ok ? run.items.map((item) => item.result.message) : run;
    expect(items(first)).toEqual([reported]);
    const replies = env.repo
      .comments(env.issue)
      .filter((c) => (c.body as string).includes("Set the version to `1.5.0-rc.2`"));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`**Update:** ${reported}`);
    const [second] = await reconcile();
    expect(items(second)).toEqual([]);
    expect(env.repo.releases()).toEqual([]);
  });
});

/**
 * A release workflow that tags the release, its chart and two API modules in one
 * `git push --tags`: GitHub sends no `create` event for any of them.
 */
function tagAllAtOnce(env: PipelineEnv) {
  return async (request: DeliveryRequest) => {
    const payload = request.payload as { ref?: string; after?: string; before?: string };
    if (request.name !== "push" || !payload.ref?.startsWith("refs/heads/release-")) return;
    if (/^0+$/.test(payload.before ?? "")) return;
    const version = ((await env.repo.readFile(payload.after as string, "VERSION")) ?? "").trim();
    if (!version || (await env.repo.tags()).some((tag) => tag.name === version)) return;
    env.sandbox.user("github-actions[bot]", { type: "Bot" });
    const names = [version, `chart-${version}`, `api/${version}`, `client/${version}`];
    await env.repo.pushTags(
      names.map((name) => ({ name, ref: payload.after as string, message: `Release ${name}` })),
      { as: "github-actions[bot]" },
    );
  };
}

describe("a release workflow that pushes more than three tags at once", () => {
  let env: PipelineEnv;
  // The build takes a while: the workflow holds each push until the test lets the build end.
  const building: DeliveryRequest[] = [];

  beforeAll(async () => {
    env = await startPipelineEnv("release:\n  tagging: workflow\n");
    env.sandbox.subscribe(async (request: DeliveryRequest) => {
      building.push(request);
    });
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("gets no create event for the awaited tag; the reconcile pass finds the tag and says so", async () => {
    const reply = await env.say("/branch 1.5");
    expect(reply).toContain("the release workflow tags `v1.5.0-rc.0`");
    expect(reply).not.toContain("**Update:**");
    // The bot has answered, waiting; now the build ends and the workflow pushes its tags.
    for (const push of building.splice(0)) await tagAllAtOnce(env)(push);
    await env.sandbox.idle();
    expect((await env.repo.tags()).map((tag) => tag.name)).toContain("v1.5.0-rc.0");
    expect(
      env.sandbox.webhooks.find({ event: "create" }).filter((d) => d.payload.ref_type === "tag"),
    ).toEqual([]);

    const [run] = await reconcileWorld(env, [env.repo.fullName]);
    const head = (await env.repo.resolve("release-1.5")) as string;
    const news = `The release workflow tagged [\`v1.5.0-rc.0\`](https://github.com/kubeflow/demo-operator/releases/tag/v1.5.0-rc.0) on [\`${head.slice(0, 7)}\`](https://github.com/kubeflow/demo-operator/commit/${head}).`;
    expect(run?.ok ? run.items.map((item) => item.result.message) : run).toContain(news);
    const replies = env.repo
      .comments(env.issue)
      .filter((c) => (c.body as string).includes("Set the version to `1.5.0-rc.0`"));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`**Update:** ${news}`);
  });
});
