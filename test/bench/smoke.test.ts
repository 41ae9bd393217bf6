/**
 * The benchmark code still runs (`npm run bench` is not part of `npm test`, so it could rot
 * silently): the intake benchmark with 50 deliveries, the pick benchmark on a 100-commit
 * repository with one iteration, and the round-trip flows at a small latency. Counts are
 * asserted as upper bounds, so a change that saves calls keeps this test green.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIntakeBenchmark } from "../../bench/intake.js";
import { type PickBenchResult, runPickBenchmark } from "../../bench/pick.js";
import { runRoundTripBenchmark } from "../../bench/release.js";
import {
  checks,
  intakeTables,
  pickTable,
  repositoriesTable,
  roundTripTable,
  summaryTable,
} from "../../bench/report.js";
import { type BenchEnvironment, startBenchEnvironment } from "../../bench/support/env.js";

describe("benchmark smoke", () => {
  it("intake: ignored events are answered 200 without API calls", async () => {
    const result = await runIntakeBenchmark({
      deliveries: 50,
      warmup: 10,
      concurrency: 4,
      handlerIterations: 20,
    });
    expect(result.failures).toBe(0);
    expect(result.apiCalls).toBe(0);
    const calls = Object.fromEntries(result.kinds.map((k) => [k.label, k.apiCalls]));
    for (const kind of [
      "push (feature branch)",
      "create (feature branch)",
      "create (tag)",
      "pull_request.opened",
      "pull_request.labeled (kind/feature)",
      "pull_request.labeled (lgtm)",
      "pull_request.closed (not merged, no pick label)",
      "issue_comment.created (no command)",
      "issue_comment.created (/lgtm, Prow's)",
    ]) {
      expect(calls[kind], kind).toBe(0);
    }
    expect(result.delivered).toContain("push (feature branch)");
    expect(result.delivered).toContain("pull_request.labeled (kind/feature)");
    expect(result.memory.map((m) => m.after)).toEqual([0, 10, 50]);
    expect(intakeTables(result)).toContain("deliveries/s");
  });

  describe("picks and release flows on a 100-commit repository", () => {
    let env: BenchEnvironment;
    let picks: PickBenchResult;

    beforeAll(async () => {
      env = await startBenchEnvironment();
      picks = await runPickBenchmark(env, {
        sizes: [100],
        iterations: 1,
        baselineIterations: () => 1,
      });
    }, 60_000);

    afterAll(async () => {
      await env?.close();
    });

    it("picks with release-bot and with a clone, to the same tree", () => {
      expect(picks.repos).toHaveLength(1);
      expect(picks.repos[0]?.commits).toBe(100);
      // 15 for the cut, 3 for the claim on the candidate (its commit, its branch, deleting it),
      // 3 for the read-back of the version files before the tag, less the reads they share; 1
      // for the search for version places (one GraphQL read beside the version files' reads).
      expect(picks.repos[0]?.firstCandidate.deliveryCalls).toBeLessThanOrEqual(21);
      const one = picks.cases.find((c) => c.commits === 1);
      const ten = picks.cases.find((c) => c.commits === 10);
      expect(one?.bot).toHaveLength(1);
      expect(one?.baseline).toHaveLength(1);
      expect(ten?.bot).toHaveLength(1);
      // docs/cherry-pick.md: 11 calls for a one-commit pick, 2N + 10 for an N-commit rebase.
      expect(one?.bot[0]?.pickCalls).toBeLessThanOrEqual(11);
      expect(one?.bot[0]?.deliveryCalls).toBeLessThanOrEqual(16);
      expect(ten?.bot[0]?.pickCalls).toBeLessThanOrEqual(2 * 10 + 10);
      expect(one?.bot[0]?.toPullMs).toBeGreaterThan(0);
      expect(one?.baseline[0]?.totalMs).toBeGreaterThan(0);
      expect(picks.cases.every((c) => c.sameTree)).toBe(true);
      expect(pickTable(picks)).toContain("clone-based pick");
      expect(repositoriesTable(picks)).toContain("operator-100");
      const summary = summaryTable(checks(picks, null, null));
      expect(summary).toContain("1-commit pick API calls ≤ 11");
      expect(summary).toContain("N-commit pick API calls ≤ 2N + 10 (N = 10: ≤ 30)");
    });

    it("measures the round-trips of a release cut and of picks", async () => {
      const repo = env.sandbox.repo("kubeflow/operator-100");
      const samples = await runRoundTripBenchmark(env, repo, 100, {
        latencyMs: 5,
        newLine: "1.6",
      });
      expect(samples.map((s) => s.flow)).toEqual([
        "first candidate (branch created)",
        "/rc 1.5 (next candidate)",
        "one-commit pick (squash merged)",
        "ten-commit pick (rebase merged)",
      ]);
      const rc = samples[1];
      // 19 for the cut, 3 for the read-back of the version files before the tag, 1 for the
      // comparison that puts the newest tag on the branch, 1 for the search for version places
      // (one GraphQL read of the demo's other text files, beside the version files' reads).
      expect(rc?.calls).toBeLessThanOrEqual(24);
      expect(rc?.steps).toBeLessThanOrEqual(rc?.calls ?? 0);
      expect(rc?.stepsToMilestone).toBeGreaterThan(0);
      expect(rc?.toMilestoneMs).toBeGreaterThan(0);
      expect(roundTripTable(samples)).toContain("/rc 1.5");
    }, 30_000);
  });
});
