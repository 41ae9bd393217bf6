import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, SteppableClock, startSandbox } from "../src/index.js";
import { octokitFor, SECRET } from "./helpers.js";

describe("the steppable clock", () => {
  it("runs on real time and adds what was advanced", async () => {
    const clock = new SteppableClock({ start: "2026-01-01T00:00:00Z" });
    const before = clock.now();
    await clock.advance(90_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(90_000);
    expect(clock.now() - before).toBeLessThan(90_000 + 60_000);
    expect(clock.advancedMs).toBe(90_000);
  });

  it("frozen, moves only when advanced, and wakes a sleeper when its time comes", async () => {
    const clock = new SteppableClock({ start: "2026-01-01T00:00:00Z", frozen: true });
    const woke: string[] = [];
    const short = clock.sleep(1000).then(() => woke.push("1 s"));
    const long = clock.sleep(60_000).then(() => woke.push("60 s"));
    expect(clock.sleeping).toBe(2);
    await clock.advance(999);
    expect(woke).toEqual([]);
    await clock.advance(1);
    await short;
    expect(woke).toEqual(["1 s"]);
    await clock.advance(59_000);
    await long;
    expect(woke).toEqual(["1 s", "60 s"]);
    expect(clock.date().toISOString()).toBe("2026-01-01T00:01:00.000Z");
    expect(clock.sleeping).toBe(0);
  });

  it("refuses to go back and to start from no date", async () => {
    const clock = new SteppableClock();
    await expect(clock.advance(-1)).rejects.toThrow("a clock only moves forward: advance(-1)");
    expect(() => new SteppableClock({ start: "next week" })).toThrow(
      "clock start next week is no date",
    );
  });
});

describe("sandbox.clock", () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      webhookSecret: SECRET,
      clock: new SteppableClock({ start: "2026-03-01T12:00:00Z", frozen: true }),
    });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("stamps commits, comments and API answers; advance(ms) makes time pass for all of them", async () => {
    const repo = await sandbox.createRepo("kubeflow/clocked", { defaultBranch: "master" });
    const first = await repo.commit({ branch: "master", files: { a: "1\n" }, message: "one" });
    const issue = await repo.openIssue({ title: "Release 1.5", user: "maintainer" });
    const early = await repo.comment(issue, "/rc 1.5", { as: "maintainer" });
    await sandbox.clock.advance(10 * 60 * 1000);
    const second = await repo.commit({ branch: "master", files: { a: "2\n" }, message: "two" });
    const late = await repo.comment(issue, "/rc 1.5", { as: "maintainer" });

    expect([early.created_at, late.created_at]).toEqual([
      "2026-03-01T12:00:00Z",
      "2026-03-01T12:10:00Z",
    ]);
    const octokit = octokitFor(sandbox);
    const dates = await Promise.all(
      [first, second].map(async (sha) => {
        const { data } = await octokit.rest.git.getCommit({
          owner: "kubeflow",
          repo: "clocked",
          commit_sha: sha,
        });
        return data.committer.date;
      }),
    );
    expect(dates).toEqual(["2026-03-01T12:00:00Z", "2026-03-01T12:10:00Z"]);
  });

  it("takes a function of time as before: steps add to it", async () => {
    const fixed = await startSandbox({
      webhookSecret: SECRET,
      clock: () => new Date("2025-03-01T12:00:00Z"),
    });
    try {
      await fixed.clock.advance(1000);
      const repo = await fixed.createRepo("kubeflow/fixed");
      const issue = await repo.openIssue({ title: "t", user: "maintainer" });
      expect((await repo.comment(issue, "hi", { as: "maintainer" })).created_at).toBe(
        "2025-03-01T12:00:01Z",
      );
    } finally {
      await fixed.close();
    }
  });
});
