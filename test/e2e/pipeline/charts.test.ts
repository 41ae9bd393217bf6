import { INITIAL_FILES, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

const CHART = INITIAL_FILES["charts/demo-operator/Chart.yaml"] as string;
const PARENT = `${CHART}
dependencies:
  - name: demo-operator-crds
    version: "~1.4.0" # the CRD chart of this release
    repository: file://../demo-operator-crds
  - name: redis
    version: 17.0.0
    repository: file://charts/redis
`;
const CRDS = "apiVersion: v2\nname: demo-operator-crds\nversion: 1.4.0\nappVersion: 1.4.0\n";
const REDIS = "apiVersion: v2\nname: redis\nversion: 17.0.0\nappVersion: 7.0.0\n";

/**
 * A chart that vendors redis under its `charts/` and depends on its own CRD chart by path
 * (Kueue's layout): the bot versions its own charts and the constraint, never the vendored one.
 */
describe("charts.dependencies and vendored subcharts on the local GitHub", () => {
  let env: PipelineEnv;

  beforeAll(async () => {
    env = await startPipelineEnv("charts:\n  dependencies: true\n");
    await env.repo.commit({
      branch: "master",
      files: {
        "charts/demo-operator/Chart.yaml": PARENT,
        "charts/demo-operator/charts/redis/Chart.yaml": REDIS,
        "charts/demo-operator-crds/Chart.yaml": CRDS,
      },
      message: "Ship the CRDs as a chart and vendor redis",
      author: MAINTAINER,
    });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("sets the managed charts and the parent's constraint, and leaves the vendored chart alone", async () => {
    const reply = await env.say("/branch 1.5");
    expect(reply).toContain(
      "`charts/demo-operator-crds/Chart.yaml`, `charts/demo-operator/Chart.yaml`, `charts/demo-operator/README.md`, `VERSION`",
    );
    expect(reply).not.toContain("redis");
    const read = (path: string) => env.repo.readFile("v1.5.0-rc.0", path);
    expect(await read("charts/demo-operator/Chart.yaml")).toBe(
      PARENT.replaceAll("1.4.0", "1.5.0-rc.0"),
    );
    expect(await read("charts/demo-operator-crds/Chart.yaml")).toBe(
      CRDS.replaceAll("1.4.0", "1.5.0-rc.0"),
    );
    expect(await read("charts/demo-operator/charts/redis/Chart.yaml")).toBe(REDIS);
  });
});
