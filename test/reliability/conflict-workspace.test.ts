/**
 * A conflicting pick's merge delivered again and again to 3 racing replicas: one draft
 * workspace pull request, one workspace branch, one status comment linking it.
 */

import { CONTRIBUTOR, INITIAL_FILES, MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastDelivery, type ReliabilityEnv, redeliver, startReliabilityEnv } from "./harness.js";

const FILE = "internal/controller/executor.go";

describe("a conflicting pick redelivered to 3 racing replicas", () => {
  let env: ReliabilityEnv;

  beforeAll(async () => {
    env = await startReliabilityEnv({ replicas: 3 });
    const { repo, sandbox } = env;
    const original = INITIAL_FILES[FILE] ?? "";
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await sandbox.idle();
    await repo.commit({
      branch: "release-1.5",
      files: { [FILE]: original.replace("= 60", "= 90") },
      message: "Raise the timeout on 1.5",
      as: MAINTAINER,
    });
    await sandbox.idle();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it("makes one workspace", async () => {
    const { repo, sandbox } = env;
    const original = INITIAL_FILES[FILE] ?? "";
    expect(original).toContain("= 60");
    await repo.createBranch("fix/timeout", "master", { as: CONTRIBUTOR });
    await repo.commit({
      branch: "fix/timeout",
      files: { [FILE]: original.replace("= 60", "= 120") },
      message: "Raise the timeout",
      author: CONTRIBUTOR,
    });
    const pr = await repo.openPullRequest({
      head: "fix/timeout",
      base: "master",
      title: "Raise the timeout",
      user: CONTRIBUTOR,
      labels: ["cherry-pick/release-1.5"],
    });
    await sandbox.idle();
    await repo.mergePullRequest(pr.number as number, { method: "squash", as: MAINTAINER });
    await sandbox.idle();
    const guid = lastDelivery(env, "pull_request", "closed", (p) => p.number === pr.number);
    await redeliver(env, guid, 10, "sequential");
    await redeliver(env, guid, 10, "concurrent");

    const workspaces = repo.pulls({ base: "release-1.5", state: "all" });
    expect(workspaces).toHaveLength(1);
    expect(await repo.pull(workspaces[0] as number)).toMatchObject({
      draft: true,
      state: "open",
      head: { ref: `cherry-pick-${pr.number}-to-release-1.5` },
    });
    expect(repo.labels(workspaces[0] as number)).toEqual(["cherry-pick/conflict"]);
    const branches = (await repo.branches()).filter((b) => b.startsWith("cherry-pick-"));
    expect(branches).toEqual([`cherry-pick-${pr.number}-to-release-1.5`]);
    expect(await repo.readFile(branches[0] as string, FILE)).toContain("<<<<<<< release-1.5\n");
    const statuses = repo
      .comments(pr.number as number)
      .filter((c) => c.body.includes("release-bot:cherry-pick-status"));
    expect(statuses).toHaveLength(1);
    expect(statuses[0]?.body).toContain(`resolve it in draft #${workspaces[0]}`);
  }, 120_000);
});
