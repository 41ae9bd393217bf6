/**
 * `npm run bench`: release-bot's costs measured on the local GitHub, against the clone-based way.
 * Prints one table per benchmark and a PASS/FAIL summary; exits 1 when a target is missed.
 *
 * Options: `--sizes=100,10000,100000` (repository sizes), `--iterations=5` (release-bot picks per
 * size and pull request size), `--baseline-iterations=5` (clone-based picks; at most 3 on
 * repositories of 50,000 commits or more), `--deliveries=10000` (webhook intake), `--json=<file>`
 * (raw results), `--no-throttled` (skip the release flows with production write throttling,
 * about 90 s), `--only=pick,throttled` (only these parts: intake, dashboard, pick, throttled,
 * rehearsal, merge; the summary then has their targets alone).
 */
import { writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { dashboardChecks, dashboardTable, runDashboardBenchmark } from "./dashboard.js";
import { runIntakeBenchmark, runObservationCost } from "./intake.js";
import { runMergeAgreement } from "./merge-agreement.js";
import { observationChecks, observationTable } from "./observation-report.js";
import { runPickBenchmark } from "./pick.js";
import {
  type RehearsalBenchResult,
  rehearsalChecks,
  rehearsalTable,
  runRehearsalBenchmark,
} from "./rehearsal.js";
import { type RoundTripSample, runRoundTripBenchmark } from "./release.js";
import {
  type Check,
  checks,
  growthTable,
  intakeTables,
  mergeAgreementChecks,
  pickTable,
  releaseFloorChecks,
  repositoriesTable,
  roundTripTable,
  sequenceText,
  summaryTable,
  throttledChecks,
  throttledTable,
} from "./report.js";
import { startBenchEnvironment } from "./support/env.js";
import { git } from "./support/git.js";
import { runThrottledBenchmark } from "./throttled.js";

function option(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  const arg = process.argv.slice(2).find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : fallback;
}

const sizes = option("sizes", "100,10000,100000").split(",").map(Number);
const iterations = Number(option("iterations", "5"));
const baselineIterations = Number(option("baseline-iterations", "5"));
const deliveries = Number(option("deliveries", "10000"));
const jsonFile = option("json", "");
const LATENCY_MS = 50;
const PARTS = ["intake", "dashboard", "pick", "throttled", "rehearsal", "merge"] as const;
const only = option("only", PARTS.join(",")).split(",");
const runs = (part: (typeof PARTS)[number]) => only.includes(part);

const progress = (line: string) => process.stderr.write(`  … ${line}\n`);
const section = (title: string, body: string) => process.stdout.write(`\n## ${title}\n\n${body}\n`);

async function main(): Promise<number> {
  const started = performance.now();
  const gitVersion = (await git(["--version"], { homeDir: tmpdir() })).trim();
  process.stdout.write(
    `# release-bot benchmark\n\n${new Date().toISOString()}, node ${process.version}, ${gitVersion}, ` +
      `${process.platform}/${process.arch}, ${cpus().length} cores\n`,
  );

  const list: Check[] = [];
  const results: {
    throttled?: RoundTripSample[];
    rehearsal?: RehearsalBenchResult;
    merge?: ReturnType<typeof runMergeAgreement>;
  } = {};
  // Intake first, while the process holds nothing else: its memory readings are the server's.
  let intake: Awaited<ReturnType<typeof runIntakeBenchmark>> | null = null;
  let observation: Awaited<ReturnType<typeof runObservationCost>> | null = null;
  if (runs("intake")) {
    progress(`webhook intake: ${deliveries.toLocaleString("en-US")} deliveries`);
    intake = await runIntakeBenchmark({ deliveries });
    section("Webhook intake (events release-bot ignores)", intakeTables(intake));
    progress("webhook intake with and without log lines and metrics, alternating");
    observation = await runObservationCost(Math.min(deliveries, 3000), 4);
    section(
      "What logging and metrics cost (intake of ignored events)",
      observationTable(observation),
    );
    list.push(...observationChecks(observation));
  }

  let dashboard: Awaited<ReturnType<typeof runDashboardBenchmark>> | null = null;
  if (runs("dashboard")) {
    progress("dashboard edits after each kind of event");
    dashboard = await runDashboardBenchmark();
    section("Dashboard edits after events (API calls per delivery)", dashboardTable(dashboard));
    list.push(...dashboardChecks(dashboard));
  }

  const roundTrips: RoundTripSample[] = [];
  let picks: Awaited<ReturnType<typeof runPickBenchmark>> | null = null;
  if (runs("pick")) {
    picks = await runPicks(roundTrips);
    list.push(...releaseFloorChecks(roundTrips));
  }

  if (runs("throttled") && !process.argv.includes("--no-throttled")) {
    progress("release flows with production write throttling (about 90 s)");
    const throttled = await runThrottledBenchmark();
    section(
      "With production write throttling (ReleaseBotOctokit: a second between writes, three between notifying ones)",
      throttledTable(throttled),
    );
    list.push(...throttledChecks(throttled));
    results.throttled = throttled;
  }

  if (runs("rehearsal")) {
    const largestSize = Math.max(...sizes);
    progress(
      `rehearsal: seeding from ${largestSize.toLocaleString("en-US")} commits, a rehearsed /rc`,
    );
    const rehearsal: RehearsalBenchResult = await runRehearsalBenchmark({
      commits: largestSize,
      log: progress,
    });
    section("Rehearsal seeding (npm run rehearse)", rehearsalTable(rehearsal));
    list.push(...rehearsalChecks(rehearsal));
    results.rehearsal = rehearsal;
  }

  if (runs("merge")) {
    progress("merge agreement with git over the cherry-pick corpus");
    const merge = runMergeAgreement();
    list.push(...mergeAgreementChecks(merge));
    results.merge = merge;
  }

  const whole = only.length === PARTS.length;
  list.unshift(...checks(picks, intake, whole ? performance.now() - started : null));
  section("Summary", summaryTable(list));
  if (jsonFile) {
    await writeFile(
      jsonFile,
      JSON.stringify({ intake, observation, picks, roundTrips, dashboard, ...results }, null, 2),
    );
  }
  return list.every((c) => c.pass) ? 0 : 1;
}

/** The picks against the clone-based way, then the round-trips of every flow at 50 ms latency. */
async function runPicks(
  roundTrips: RoundTripSample[],
): Promise<Awaited<ReturnType<typeof runPickBenchmark>>> {
  const env = await startBenchEnvironment();
  try {
    const picks = await runPickBenchmark(env, {
      sizes,
      iterations,
      baselineIterations: (size) =>
        size >= 50_000 ? Math.min(3, baselineIterations) : baselineIterations,
      log: progress,
    });
    section("Benchmark repositories", repositoriesTable(picks));
    section("Cherry-pick: release-bot (API) vs clone-based (medians)", pickTable(picks));
    section("Cherry-pick: growth with history", growthTable(picks));

    const smallest = Math.min(...sizes);
    const largest = Math.max(...sizes);
    for (const size of [...new Set([smallest, largest])]) {
      progress(
        `round-trips at ${LATENCY_MS} ms latency on ${size.toLocaleString("en-US")} commits`,
      );
      const repo = env.sandbox.repo(`kubeflow/operator-${size}`);
      roundTrips.push(
        ...(await runRoundTripBenchmark(env, repo, size, {
          latencyMs: LATENCY_MS,
          newLine: "1.6",
        })),
      );
    }
    section(
      `Round-trips on the critical path (sandbox latency ${LATENCY_MS} ms per request)`,
      roundTripTable(roundTrips),
    );
    const largestRuns = roundTrips.filter((s) => s.size === largest);
    section(
      `Call sequences (${largest.toLocaleString("en-US")} commits; one line per round-trip, ‖ = in parallel)`,
      largestRuns.map((s) => `${s.flow}:\n${sequenceText(s)}`).join("\n\n"),
    );
    return picks;
  } finally {
    await env.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
