import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

const REPO = "https://github.com/kubeflow/demo-operator";

/**
 * Spark Operator's CHANGELOG.md, written by the final's bump from the pull requests merged since
 * the previous final, grouped by label; the GitHub release of the final says the same.
 */
describe("changelog on the local GitHub", () => {
  let env: PipelineEnv;
  const merged: number[] = [];

  beforeAll(async () => {
    env = await startPipelineEnv("changelog:\n  path: CHANGELOG.md\n");
    await env.repo.createTag("v1.4.0", "master", { as: MAINTAINER, message: "Release v1.4.0" });
    const fixes = [
      { title: "Support queue annotations", labels: ["kind/feature"] },
      { title: "Fix the driver pod name", labels: ["kind/bug"] },
      { title: "Tidy the Makefile", labels: [] },
    ];
    for (const [i, fix] of fixes.entries()) {
      merged.push(
        await env.mergeFix({
          branch: `change-${i}`,
          title: fix.title,
          files: { [`internal/change${i}.go`]: "package internal\n" },
          labels: fix.labels,
        }),
      );
    }
    await env.say("/branch 1.5");
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("leaves candidates alone and prepends the final's section, as the release notes", async () => {
    expect(await env.repo.readFile("v1.5.0-rc.0", "CHANGELOG.md").catch(() => null)).toBeNull();
    const reply = await env.say("/release 1.5");
    expect(reply).toContain("`CHANGELOG.md`");
    const date = (await env.repo.git("log", "-1", "--format=%cI", "v1.5.0^")).slice(0, 10);
    const line = (n: number, title: string) =>
      `- ${title} ([#${n}](${REPO}/pull/${n}) by [@contributor](https://github.com/contributor))`;
    const body = `### Features

${line(merged[0] as number, "Support queue annotations")}

### Bug Fixes

${line(merged[1] as number, "Fix the driver pod name")}

### Misc

${line(merged[2] as number, "Tidy the Makefile")}

[Full Changelog](${REPO}/compare/v1.4.0...v1.5.0)
`;
    expect(await env.repo.readFile("v1.5.0", "CHANGELOG.md")).toBe(
      `# Changelog\n\n## [v1.5.0](${REPO}/tree/v1.5.0) (${date})\n\n${body}`,
    );
    const release = env.repo.release("v1.5.0") as { body?: string } | undefined;
    expect(release?.body).toBe(body);
  });
});
