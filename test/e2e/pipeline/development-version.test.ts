import { INITIAL_FILES } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEnv, startPipelineEnv } from "./env.js";

/** After `/branch 1.5`, master moves on to 1.6's development version through a pull request. */
describe("developmentVersion on the local GitHub", () => {
  let env: PipelineEnv;

  beforeAll(async () => {
    env = await startPipelineEnv(
      'developmentVersion: "{major}.{minor}.0-alpha.0"\ncommits:\n  signoff: true\n',
    );
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("opens a pull request to master setting every version field to 1.6.0-alpha.0", async () => {
    const reply = await env.say("/branch 1.5");
    const pulls = env.repo.pulls({ state: "open", base: "master" });
    expect(pulls).toHaveLength(1);
    const number = pulls[0] as number;
    expect(reply).toContain(
      `Opened [#${number}](https://github.com/kubeflow/demo-operator/pull/${number}) to set [\`master\`](https://github.com/kubeflow/demo-operator/tree/master) to the development version \`1.6.0-alpha.0\`.`,
    );
    const pull = (await env.repo.pull(number)) as unknown as {
      title: string;
      head: { sha: string; ref: string };
    };
    expect(pull.title).toBe("Set the development version to 1.6.0-alpha.0");
    expect(await env.repo.readFile(pull.head.sha, "VERSION")).toBe("v1.6.0-alpha.0\n");
    expect(await env.repo.readFile(pull.head.sha, "charts/demo-operator/Chart.yaml")).toBe(
      (INITIAL_FILES["charts/demo-operator/Chart.yaml"] as string).replaceAll(
        "1.4.0",
        "1.6.0-alpha.0",
      ),
    );
    const message = await env.repo.git("log", "-1", "--format=%B", pull.head.sha);
    expect(message).toMatch(/^Set the development version to 1\.6\.0-alpha\.0\n/);
    expect(message).toContain("Signed-off-by: release-bot[bot]");
    expect(await env.repo.readFile("master", "VERSION")).toBe("v1.4.0\n");
  });
});
