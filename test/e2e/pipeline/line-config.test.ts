import { INITIAL_FILES, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

const VALUES = INITIAL_FILES["charts/demo-operator/values.yaml"] as string;
const config = (valuesPath: string, lineConfig = true) =>
  `lineConfig: ${lineConfig}\nvalues:\n  - path: ${valuesPath}\n    key: image.tag\n`;

/**
 * Master moves its values file and its configuration after release-1.5 was cut: the line keeps
 * releasing under its own `.github/release-bot.yml`, and the reply says which file was used.
 */
describe("a release line's own configuration on the local GitHub", () => {
  let env: PipelineEnv;

  beforeAll(async () => {
    env = await startPipelineEnv(config("charts/demo-operator/values.yaml"));
    await env.say("/branch 1.5");
    await env.repo.commit({
      branch: "master",
      files: {
        "charts/demo-operator/values.yaml": null,
        "charts/demo-operator/image-values.yaml": VALUES,
        ".github/release-bot.yml": config("charts/demo-operator/image-values.yaml"),
      },
      message: "Move the image values",
      author: MAINTAINER,
    });
    await env.repo.commit({
      branch: "release-1.5",
      files: { "internal/fix.go": "package internal\n" },
      message: "Fix on the line",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("releases under the file the line was cut with, and says so", async () => {
    const reply = await env.say("/rc 1.5");
    expect(reply).toContain("Tagged release candidate [`v1.5.0-rc.1`]");
    expect(reply).toMatch(
      /\n\nConfiguration: `\.github\/release-bot\.yml` on \[`release-1\.5`\]\(https:\/\/github\.com\/kubeflow\/demo-operator\/tree\/release-1\.5\)\.$/,
    );
    expect(await env.repo.readFile("v1.5.0-rc.1", "charts/demo-operator/values.yaml")).toBe(
      VALUES.replace('tag: ""', 'tag: "1.5.0-rc.1"'),
    );
  });

  it("falls back to the default branch's file when the line has none", async () => {
    await env.repo.commit({
      branch: "release-1.5",
      files: { ".github/release-bot.yml": null, "internal/other.go": "package internal\n" },
      message: "Drop 1.5's configuration",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
    const reply = await env.say("/rc 1.5");
    expect(reply).toContain(
      'values[0].path "charts/demo-operator/image-values.yaml" matches no file',
    );
    expect(reply).not.toContain("Configuration:");
  });
});
