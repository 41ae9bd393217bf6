/**
 * Round-trips of the release flows: with the sandbox answering every request 50 ms late (a
 * GitHub round-trip), wall time ≈ sequential round-trips × 50 ms, so the critical path shows.
 * Flows: the first candidate when a release branch is created, `/rc 1.5`, a one-commit and a
 * ten-commit pick.
 */

import type { SandboxRepo } from "@release-bot/local-github";
import { MAINTAINER } from "@release-bot/local-github/testing";
import { botPick, type FlowSample, flowSample, mark, openFix, RELEASE_BRANCH } from "./pick.js";
import {
  describeCall,
  endOf,
  type RequestEntry,
  sequentialSteps,
  stepsOf,
} from "./support/calls.js";
import { type BenchEnvironment, settle } from "./support/env.js";

export interface RoundTripSample {
  flow: string;
  size: number;
  /** Calls of the triggering delivery. */
  calls: number;
  /** Calls for the events the flow caused (handled after it). */
  followUpCalls: number;
  /** Sequential round-trips of the triggering delivery, from the request log. */
  steps: number;
  /** Up to and including the tag ref (release flows), or the pick's `POST /pulls`. */
  stepsToMilestone: number;
  /** From the trigger to the tag ref / pick pull request. */
  toMilestoneMs: number;
  /** From the trigger to the end of the triggering delivery's last call. */
  totalMs: number;
  latencyMs: number;
  /** Every call of the flow, follow-ups included, and how many of them write (not GET). */
  allCalls: number;
  writes: number;
  /**
   * The flow's own writes: `writes` without those of other events' handlers (the check runs
   * the pick pull request's `opened` gets, dashboard edits), which the flow does not wait for.
   */
  ownWrites: number;
  /** From the trigger to the flow's last own write answered. */
  ownMs: number;
  /** From the trigger to the last answered call, follow-ups included. */
  allMs: number;
  /** The delivery's calls grouped by sequential step, for the docs. */
  sequence: string[][];
  /** The follow-up calls, for the docs. */
  followUps: string[];
}

/** The tag's `POST git/refs`: the first ref created after a `POST git/tags`. */
function tagRef(calls: readonly RequestEntry[]): RequestEntry | undefined {
  const tagObject = calls.findIndex((r) => r.method === "POST" && r.path.endsWith("/git/tags"));
  if (tagObject < 0) return undefined;
  return calls.slice(tagObject).find((r) => r.method === "POST" && r.path.endsWith("/git/refs"));
}

/**
 * A write made by the handler of another event than the flow's, not by the flow: a check run
 * (for the pick pull request's `opened`), an edit of a release line's dashboard issue.
 */
function isOtherHandlersWrite(entry: RequestEntry, repo: SandboxRepo): boolean {
  if (entry.method === "GET") return false;
  if (/\/check-runs(\/\d+)?$/.test(entry.path)) return true;
  const edited = /\/issues\/(\d+)$/.exec(entry.path);
  return (
    entry.method === "PATCH" &&
    edited !== null &&
    repo.labels(Number(edited[1])).includes("release-bot/dashboard")
  );
}

function roundTrips(
  flow: string,
  size: number,
  sample: FlowSample,
  milestone: RequestEntry | undefined,
  t0: number,
  latencyMs: number,
  repo: SandboxRepo,
): RoundTripSample {
  const own = sample.calls.filter((r) => r.method !== "GET" && !isOtherHandlersWrite(r, repo));
  const untilMilestone = milestone
    ? sample.delivery.filter((r) => r.at <= milestone.at)
    : sample.delivery;
  return {
    flow,
    size,
    calls: sample.deliveryCalls,
    followUpCalls: sample.followUpCalls,
    steps: sample.steps,
    stepsToMilestone: sequentialSteps(untilMilestone),
    toMilestoneMs: milestone ? endOf(milestone) - t0 : Number.NaN,
    totalMs: sample.deliveryMs,
    latencyMs,
    allCalls: sample.calls.length,
    writes: sample.calls.filter((r) => r.method !== "GET").length,
    ownWrites: own.length,
    ownMs: own.length > 0 ? Math.max(...own.map(endOf)) - t0 : 0,
    allMs: sample.totalMs,
    sequence: stepsOf(sample.delivery),
    followUps: sample.calls.filter((r) => !sample.delivery.includes(r)).map(describeCall),
  };
}

/**
 * Runs the three flows on a prepared repository (release-1.5 with v1.5.0-rc.0) with the given
 * latency; creates release-<line> for the first candidate.
 */
export async function runRoundTripBenchmark(
  env: BenchEnvironment,
  repo: SandboxRepo,
  size: number,
  options: { latencyMs: number; newLine: string },
): Promise<RoundTripSample[]> {
  const { sandbox } = env;
  const results: RoundTripSample[] = [];
  sandbox.latencyMs = options.latencyMs;
  try {
    // The first candidate: a release branch is created.
    const tag = `v${options.newLine}.0-rc.0`;
    let since = mark(env);
    await repo.createBranch(`release-${options.newLine}`, repo.defaultBranch, { as: MAINTAINER });
    let t0 = Date.now();
    await settle(env, () => repo.release(tag) !== null, `${tag} on ${repo.fullName}`);
    let sample = flowSample(env, repo, since, t0, { event: "create" }, null);
    results.push(
      roundTrips(
        "first candidate (branch created)",
        size,
        sample,
        tagRef(sample.calls),
        t0,
        options.latencyMs,
        repo,
      ),
    );

    // `/rc 1.5` after a fix landed on the branch.
    await repo.commit({
      branch: RELEASE_BRANCH,
      files: { "internal/controller/hotfix.go": "package controller\n\nconst Hotfix = 1\n" },
      message: "Hotfix for 1.5\n\nSigned-off-by: Maintainer <maintainer@example.com>",
      author: MAINTAINER,
    });
    const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await sandbox.idle();
    const before = (await repo.tags()).map((t) => t.name);
    since = mark(env);
    const command = await repo.comment(issue, "/rc 1.5", { as: MAINTAINER });
    t0 = Date.now();
    await settle(
      env,
      () =>
        repo
          .comments(issue)
          .some(
            (c) =>
              c.id > command.id &&
              (c.user as { login?: string } | undefined)?.login === sandbox.app.botLogin,
          ),
      `the reply to /rc 1.5 on ${repo.fullName}`,
    );
    sample = flowSample(env, repo, since, t0, { event: "issue_comment", action: "created" }, null);
    results.push(
      roundTrips(
        "/rc 1.5 (next candidate)",
        size,
        sample,
        tagRef(sample.calls),
        t0,
        options.latencyMs,
        repo,
      ),
    );
    const made = (await repo.tags()).map((t) => t.name).filter((t) => !before.includes(t));
    if (made.length !== 1 || !/^v1\.5\.0-rc\.\d+$/.test(made[0] ?? "")) {
      throw new Error(`/rc 1.5 made tags ${made.join(", ") || "none"} on ${repo.fullName}`);
    }

    // A one-commit pick.
    for (const commits of [1, 10]) {
      const number = await openFix(env, repo, commits);
      const pick = await botPick(env, repo, number, commits, commits === 1 ? "squash" : "rebase");
      const pull = pick.sample.calls.find((r) => r.method === "POST" && /\/pulls$/.test(r.path));
      const t0Pick = pull ? endOf(pull) - pick.sample.toPullMs : Number.NaN;
      const flow =
        commits === 1 ? "one-commit pick (squash merged)" : "ten-commit pick (rebase merged)";
      results.push(roundTrips(flow, size, pick.sample, pull, t0Pick, options.latencyMs, repo));
    }
  } finally {
    sandbox.latencyMs = 0;
  }
  return results;
}
