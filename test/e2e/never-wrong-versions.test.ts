import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  command,
  makeRepo,
  type NeverWrongEnv,
  startNeverWrongEnv,
} from "./never-wrong.helpers.js";

/**
 * Issue 11, case 1: a release is never tagged on a tree that does not carry its version. Through
 * webhooks on the local GitHub: the reply, and what the repository holds afterwards.
 */
describe("a tag only on a tree that carries the version", () => {
  let env: NeverWrongEnv;
  beforeAll(async () => {
    env = await startNeverWrongEnv();
  }, 60_000);
  afterAll(async () => env?.close());

  it("refuses a chart the configuration does not reach, naming the key and the chart there is", async () => {
    const repo = await makeRepo(env, {
      "deploy/helm/my-operator/Chart.yaml":
        "apiVersion: v2\nname: my-operator\nversion: 1.2.0\nappVersion: 1.2.0\n",
      "main.go": "package main\n",
    });
    const reply = await command(env, repo, "/branch 1.3");
    expect(reply).toContain("Cannot set the version to `1.3.0-rc.0` on [`release-1.3`]");
    expect(reply).toContain(
      'nothing was written: charts.paths[0] "charts/**/Chart.yaml" matches no Chart.yaml (the repository\'s Chart.yaml files: `deploy/helm/my-operator/Chart.yaml`)',
    );
    expect(reply).not.toContain("Tagged");
    expect(await repo.tags()).toEqual([]);
    expect(await repo.releases()).toEqual([]);
    expect(await repo.readFile("release-1.3", "deploy/helm/my-operator/Chart.yaml")).toContain(
      "version: 1.2.0",
    );
  }, 60_000);

  it("tags once the configuration reaches the chart, and the tag carries the version", async () => {
    const repo = await makeRepo(env, {
      ".github/release-bot.yml": "charts:\n  paths: [deploy/helm/*/Chart.yaml]\n",
      "deploy/helm/my-operator/Chart.yaml":
        "apiVersion: v2\nname: my-operator\nversion: 1.2.0\nappVersion: 1.2.0\n",
    });
    const reply = await command(env, repo, "/branch 1.3");
    expect(reply).toContain("Tagged release candidate [`v1.3.0-rc.0`]");
    expect(reply).toContain("after setting `1.3.0-rc.0` in `deploy/helm/my-operator/Chart.yaml`");
    expect(await repo.readFile("v1.3.0-rc.0", "deploy/helm/my-operator/Chart.yaml")).toBe(
      "apiVersion: v2\nname: my-operator\nversion: 1.3.0-rc.0\nappVersion: 1.3.0-rc.0\n",
    );
  }, 60_000);

  it("refuses a repository where nothing carries the version", async () => {
    const repo = await makeRepo(env, { "main.go": "package main\n" });
    const reply = await command(env, repo, "/branch 1.3");
    expect(reply).toContain(
      'no file carries the version: `charts.paths` ["charts/**/Chart.yaml"] matches no Chart.yaml, `versionFile.path` "VERSION" does not exist, and `values` and `files` name nothing (the repository has no Chart.yaml)',
    );
    expect(await repo.tags()).toEqual([]);
  }, 60_000);
});
