import type { DeliveryRequest, Subscription } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAINTAINER } from "../../../src/demo/scenario.js";
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
    const before = await env.repo.readFile(payload.before as string, "VERSION").catch(() => null);
    if (version === "" || before?.trim() === version) return;
    const exists = (await env.repo.tags()).some((tag) => tag.name === version);
    seen.push(exists ? `${version}: tag exists, failed` : version);
    if (exists) return;
    await env.repo.createTag(version, after, {
      as: MAINTAINER,
      message: `Spark Operator Official Release ${version}`,
    });
  };
}

describe("release.tagging: workflow on the local GitHub", () => {
  let env: PipelineEnv;
  let workflow: Subscription;
  const runs: string[] = [];

  beforeAll(async () => {
    env = await startPipelineEnv("release:\n  tagging: workflow\n");
    workflow = env.sandbox.subscribe(releaseWorkflow(env, runs));
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("bumps only, and the workflow's tag check passes and it tags the bump", async () => {
    const reply = await env.say("/branch 1.5");
    expect(reply).toMatch(
      /Set the version to `1\.5\.0-rc\.0` on \[`[0-9a-f]{7}`\]\([^)]+\) of \[`release-1\.5`\]\([^)]+\); the release workflow tags `v1\.5\.0-rc\.0` and publishes the release \(`release\.tagging: workflow`\)\.$/,
    );
    expect(runs).toEqual(["v1.5.0-rc.0"]);
    const tagged = (await env.repo.git("rev-parse", "v1.5.0-rc.0^{commit}")).trim();
    expect(tagged).toBe(await env.repo.resolve("release-1.5"));
    const message = await env.repo.git("cat-file", "-p", "v1.5.0-rc.0");
    expect(message).toContain("\n\nSpark Operator Official Release v1.5.0-rc.0\n");
    expect(env.repo.releases()).toEqual([]);
  });

  it("counts a bump whose tag has not appeared as in flight: a second /rc neither repeats nor skips it", async () => {
    workflow.unsubscribe();
    await env.repo.commit({
      branch: "release-1.5",
      files: { "internal/controller/fix.go": "package controller\n" },
      message: "Fix on the line",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
    const first = await env.say("/rc 1.5");
    expect(first).toContain("Set the version to `1.5.0-rc.1`");
    const second = await env.say("/rc 1.5");
    expect(second).toMatch(
      /already carries `1\.5\.0-rc\.1` .*the release workflow tags `v1\.5\.0-rc\.1`/,
    );
    const log = await env.repo.git("log", "--format=%s", "release-1.5");
    expect(log.split("\n").filter((s) => s.startsWith("Release "))).toEqual([
      "Release v1.5.0-rc.1",
      "Release v1.5.0-rc.0",
    ]);
    expect((await env.repo.tags()).map((t) => t.name)).toEqual(["v1.5.0-rc.0"]);
  });
});
