import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileWorld, startWorld, type World } from "../world/index.js";

/** A crash leaves a temporary branch behind: the reconcile pass deletes it once it is stale. */
describe("the reconcile pass and leftover temporary branches", () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ seed: false, logLevel: "silent" });
  });
  afterAll(async () => {
    await world?.close();
  });

  it("deletes release-bot/tmp branches older than ten minutes and keeps fresh ones", async () => {
    const repo = await world.sandbox.createRepo("kubeflow/leftovers", {
      defaultBranch: "master",
      files: { VERSION: "v1.0.0\n" },
    });
    await repo.commit({ branch: "master", files: { a: "1\n" }, message: "old work" });
    await repo.createBranch("release-bot/tmp/cherry-pick-7-to-release-1.0/0123abcd", "master");
    // Eleven minutes later, a pick leaves another one.
    await world.clock.advance(11 * 60 * 1000);
    await repo.commit({ branch: "master", files: { b: "2\n" }, message: "fresh work" });
    await repo.createBranch("release-bot/tmp/cherry-pick-8-to-release-1.0/89abcdef", "master");

    const [result] = await reconcileWorld(world, ["kubeflow/leftovers"], { maxPullRequests: 10 });
    expect(result).toMatchObject({
      ok: true,
      items: [{ subject: "release-bot/tmp/cherry-pick-7-to-release-1.0/0123abcd" }],
    });
    expect((await repo.branches()).sort()).toEqual([
      "master",
      "release-bot/tmp/cherry-pick-8-to-release-1.0/89abcdef",
    ]);
  });
});
