/** Tables and the PASS/FAIL summary of a benchmark run. */

import type { IntakeResult } from "./intake.js";
import type { MergeAgreement } from "./merge-agreement.js";
import type { PickBenchResult, PickCase } from "./pick.js";
import type { RoundTripSample } from "./release.js";
import { median, mib, ms, num, ratio, table } from "./support/stats.js";

export interface Targets {
  maxOneCommitPickCalls: number;
  /** Pick time at the largest repository over the smallest, at most. */
  maxFlatRatio: number;
  /** The clone baseline's ratio, at least: it grows. */
  minBaselineGrowth: number;
  maxHandlerMs: number;
  maxRssGrowth: number;
  maxRunMs: number;
}

export const TARGETS: Targets = {
  maxOneCommitPickCalls: 11,
  maxFlatRatio: 1.5,
  minBaselineGrowth: 2,
  maxHandlerMs: 1,
  maxRssGrowth: 0.2,
  maxRunMs: 10 * 60 * 1000,
};

export interface Check {
  target: string;
  measured: string;
  pass: boolean;
}

const commits = (n: number) => num(n);

export function repositoriesTable(result: PickBenchResult): string {
  return table(
    [
      "repository",
      "commits",
      "on disk",
      "fast-import",
      "repack -adb + commit-graph",
      "first candidate: calls",
    ],
    result.repos.map((r) => [
      `operator-${r.size}`,
      commits(r.commits),
      mib(r.diskBytes),
      ms(r.generateMs),
      ms(r.maintainMs),
      String(r.firstCandidate.calls.length),
    ]),
  );
}

function botMedian(c: PickCase, key: "toPullMs" | "deliveryMs"): number {
  return median(c.bot.map((s) => s[key]));
}

/** `10 / 15 / +4`: the pick, its delivery, the follow-up events (several values: "a|b"). */
function callsOf(c: PickCase): string {
  const values = (key: "pickCalls" | "deliveryCalls" | "followUpCalls") =>
    [...new Set(c.bot.map((s) => s[key]))].join("|");
  return `${values("pickCalls")} / ${values("deliveryCalls")} / +${values("followUpCalls")}`;
}

export function pickTable(result: PickBenchResult): string {
  const rows = [...result.cases]
    .sort((a, b) => a.commits - b.commits || a.size - b.size)
    .map((c) => {
      const bot = botMedian(c, "toPullMs");
      const base = median(c.baseline.map((b) => b.totalMs));
      const clone = median(c.baseline.map((b) => b.cloneMs));
      return [
        commits(c.size),
        `${c.commits} (${c.method})`,
        `${ms(bot)} (n=${c.bot.length})`,
        ms(botMedian(c, "deliveryMs")),
        callsOf(c),
        `${ms(base)} (n=${c.baseline.length})`,
        ms(clone),
        ratio(base / bot),
        c.sameTree ? "yes" : "NO",
      ];
    });
  return table(
    [
      "repo commits",
      "PR commits",
      "release-bot: merge → pick PR",
      "merge → delivery done",
      "API calls: pick / delivery / follow-ups",
      "clone-based pick",
      "of which clone",
      "clone ÷ bot",
      "same tree",
    ],
    rows,
  );
}

interface Growth {
  commits: number;
  bot: number;
  baseline: number;
  smallest: number;
  largest: number;
}

export function growth(result: PickBenchResult): Growth[] {
  const sizes = result.repos.map((r) => r.size);
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  const prSizes = [...new Set(result.cases.map((c) => c.commits))];
  return prSizes.map((n) => {
    const at = (size: number) => result.cases.find((c) => c.commits === n && c.size === size);
    const small = at(smallest);
    const large = at(largest);
    const bot =
      small && large ? botMedian(large, "toPullMs") / botMedian(small, "toPullMs") : Number.NaN;
    const baseline =
      small && large
        ? median(large.baseline.map((b) => b.totalMs)) /
          median(small.baseline.map((b) => b.totalMs))
        : Number.NaN;
    return { commits: n, bot, baseline, smallest, largest };
  });
}

export function growthTable(result: PickBenchResult): string {
  return table(
    ["PR commits", "release-bot: largest ÷ smallest repo", "clone-based: largest ÷ smallest repo"],
    growth(result).map((g) => [
      `${g.commits} (${commits(g.smallest)} → ${commits(g.largest)} commits)`,
      ratio(g.bot),
      ratio(g.baseline),
    ]),
  );
}

export function roundTripTable(samples: readonly RoundTripSample[]): string {
  return table(
    [
      "flow",
      "repo commits",
      "API calls (+ follow-ups)",
      "round-trips (request log)",
      "wall time",
      "wall ÷ latency",
      "to tag / pick PR",
      "round-trips to tag / pick PR",
    ],
    samples.map((s) => [
      s.flow,
      commits(s.size),
      `${s.calls} (+${s.followUpCalls})`,
      String(s.steps),
      ms(s.totalMs),
      num(s.totalMs / s.latencyMs, 1),
      ms(s.toMilestoneMs),
      String(s.stepsToMilestone),
    ]),
  );
}

export function throttledTable(samples: readonly RoundTripSample[]): string {
  return table(
    [
      "flow",
      "API calls (incl. follow-ups)",
      "writes (of which the flow's own)",
      "wall time (to the flow's last write)",
      "wall ÷ writes",
    ],
    samples.map((s) => [
      s.flow,
      String(s.allCalls),
      `${s.writes} (${s.ownWrites})`,
      `${ms(s.allMs)} (${ms(s.ownMs)})`,
      ms(s.allMs / s.writes),
    ]),
  );
}

/** The calls of a flow grouped by sequential round-trip: `1. GET …` / `2. GET … ‖ GET …`. */
export function sequenceText(sample: RoundTripSample): string {
  const steps = sample.sequence.map(
    (step, i) => `${String(i + 1).padStart(2)}. ${step.join("  ‖  ")}`,
  );
  const followUps =
    sample.followUps.length > 0
      ? [`    then, for the events it caused: ${sample.followUps.join(", ")}`]
      : [];
  return [...steps, ...followUps].join("\n");
}

export function intakeTables(result: IntakeResult): string {
  const throughput = table(
    [
      "deliveries",
      "concurrency",
      "deliveries/s",
      "latency p50",
      "latency p99",
      "non-200",
      "API calls",
    ],
    [
      [
        num(result.deliveries),
        String(result.concurrency),
        num(result.perSecond),
        ms(result.latencyP50Ms, 2),
        ms(result.latencyP99Ms, 2),
        String(result.failures),
        String(result.apiCalls),
      ],
    ],
  );
  const kinds = table(
    ["event", "payload", "API calls per delivery", "handler mean", "handler p99"],
    result.kinds.map((k) => [
      k.label,
      `${num(k.bytes / 1024, 1)} KiB`,
      String(k.apiCalls),
      ms(k.meanMs, 3),
      ms(k.p99Ms, 3),
    ]),
  );
  const { memory } = result;
  const first = memory[1] ?? memory[0];
  const last = memory.at(-1);
  const growthOf = (key: "rss" | "heap") =>
    first && last ? `${num(((last[key] - first[key]) / first[key]) * 100, 1)} %` : "–";
  const memoryTable = table(
    [
      "",
      ...memory.map((m) => (m.after === 0 ? "idle" : `after ${num(m.after)}`)),
      `growth ${num(first?.after ?? 0)} → ${num(last?.after ?? 0)}`,
    ],
    [
      ["RSS", ...memory.map((m) => mib(m.rss)), growthOf("rss")],
      ["heap used", ...memory.map((m) => mib(m.heap)), growthOf("heap")],
    ],
  );
  const note = result.gcAvailable ? "" : "\n(no --expose-gc: memory read without a forced GC)";
  return `Delivered over HTTP, round-robin: ${result.delivered.join(", ")}.\n\n${throughput}\n\n${kinds}\n\n${memoryTable}${note}`;
}

export function checks(
  picks: PickBenchResult | null,
  intake: IntakeResult | null,
  runMs: number | null,
  targets: Targets = TARGETS,
): Check[] {
  const list: Check[] = [];
  if (picks) {
    const one = picks.cases.filter((c) => c.commits === 1).flatMap((c) => c.bot);
    const maxPick = Math.max(...one.map((s) => s.pickCalls));
    const maxDelivery = Math.max(...one.map((s) => s.deliveryCalls));
    const maxFollowUps = Math.max(...one.map((s) => s.followUpCalls));
    list.push({
      target: `1-commit pick API calls ≤ ${targets.maxOneCommitPickCalls}`,
      measured: `${maxPick} for the pick; ${maxDelivery} for the delivery (with configuration and status comment), +${maxFollowUps} for the events it caused`,
      pass: maxPick <= targets.maxOneCommitPickCalls,
    });
    for (const n of [...new Set(picks.cases.map((c) => c.commits))]) {
      const most = Math.max(
        ...picks.cases.filter((c) => c.commits === n).flatMap((c) => c.bot.map((s) => s.pickCalls)),
      );
      list.push({
        target: `N-commit pick API calls ≤ 2N + 10 (N = ${n}: ≤ ${2 * n + 10})`,
        measured: `${most} for the pick (was 4N + 6 = ${4 * n + 6} with force-moves)`,
        pass: most <= 2 * n + 10,
      });
    }
    for (const n of [...new Set(picks.cases.map((c) => c.commits))]) {
      const samples = picks.cases.filter((c) => c.commits === n).flatMap((c) => c.bot);
      const deliveries = new Set(samples.map((s) => s.deliveryCalls));
      const followUps = new Set(samples.map((s) => s.followUpCalls));
      // The history's size must not show in the pick. The follow-ups' checks on the pick pull
      // request read version-place candidates in up to 3 batches, by the tree's size, not its
      // history's (docs/performance.md): they are shown, not held to one figure.
      list.push({
        target: `${n}-commit pick: the same API calls at every repository size (the pick's delivery)`,
        measured: `${[...deliveries].join(", ")} calls (follow-ups: ${[...followUps].join(", ")})`,
        pass: deliveries.size === 1,
      });
    }
    for (const g of growth(picks)) {
      list.push({
        target: `${g.commits}-commit pick time flat ${commits(g.smallest)} → ${commits(g.largest)} commits (median ratio ≤ ${targets.maxFlatRatio})`,
        measured: ratio(g.bot),
        pass: g.bot <= targets.maxFlatRatio,
      });
      list.push({
        target: `${g.commits}-commit clone-based pick grows ${commits(g.smallest)} → ${commits(g.largest)} commits (median ratio ≥ ${targets.minBaselineGrowth})`,
        measured: ratio(g.baseline),
        pass: g.baseline >= targets.minBaselineGrowth,
      });
    }
    const same = picks.cases.every((c) => c.sameTree);
    list.push({
      target: "release-bot's pick and git cherry-pick give the same tree",
      measured: same ? "same tree in every run" : "trees differ",
      pass: same,
    });
  }
  if (intake) {
    const calling = intake.kinds.filter((k) => k.apiCalls > 0);
    list.push({
      target: "ignored events (pushes, comments without commands, other labels, ...): 0 API calls",
      measured:
        calling.length === 0
          ? `0 for each of ${intake.kinds.length} kinds`
          : calling.map((k) => `${k.label}: ${k.apiCalls} per delivery`).join("; "),
      pass: calling.length === 0,
    });
    list.push({
      target: `${num(intake.deliveries)} deliveries over HTTP: all answered 200, 0 API calls`,
      measured: `${intake.failures} non-200, ${intake.apiCalls} API calls, ${num(intake.perSecond)} deliveries/s`,
      pass: intake.apiCalls === 0 && intake.failures === 0,
    });
    const free = intake.kinds.filter((k) => k.apiCalls === 0);
    const slowest = Math.max(...free.map((h) => h.meanMs));
    list.push({
      target: `handler time < ${targets.maxHandlerMs} ms per event that makes no API call`,
      measured: `slowest kind ${ms(slowest, 3)} mean, p99 ≤ ${ms(Math.max(...free.map((h) => h.p99Ms)), 3)}${calling.length > 0 ? ` (${calling.map((k) => `${k.label}, which calls the API: ${ms(k.meanMs, 1)}`).join("; ")})` : ""}`,
      pass: slowest < targets.maxHandlerMs,
    });
    const first = intake.memory[1];
    const last = intake.memory.at(-1);
    if (first && last) {
      const rssGrowth = (last.rss - first.rss) / first.rss;
      list.push({
        target: `RSS after ${num(last.after)} deliveries within ${targets.maxRssGrowth * 100} % of after ${num(first.after)}`,
        measured: `${mib(first.rss)} → ${mib(last.rss)} (${rssGrowth >= 0 ? "+" : ""}${num(rssGrowth * 100, 1)} %; heap ${mib(first.heap)} → ${mib(last.heap)})`,
        pass: Math.abs(rssGrowth) <= targets.maxRssGrowth,
      });
    }
  }
  if (runMs !== null) {
    list.push({
      target: `whole benchmark under ${num(targets.maxRunMs / 60000)} minutes`,
      measured: `${num(runMs / 1000, 1)} s`,
      pass: runMs < targets.maxRunMs,
    });
  }
  return list;
}

/** The ten-commit pick under production throttling before the pick engine without force-moves. */
export const THROTTLED_BEFORE = { writes: 44, ms: 43_700 };

/**
 * Under throttling a pick's time is its writes, a second each: fewer writes, less time. The
 * pick's own writes are compared, as the 44 before were (the engine's, the pull request, its
 * labels and assignee, the status comment): the check runs and dashboard edits that other
 * events' handlers make after it did not exist then and do not delay the pick.
 */
export function throttledChecks(samples: readonly RoundTripSample[]): Check[] {
  const pick = samples.find((s) => s.flow.startsWith("ten-commit pick"));
  if (!pick) return [];
  const maxWrites = Math.floor(THROTTLED_BEFORE.writes * 0.6);
  return [
    {
      target: `throttled 10-commit pick: writes ≤ 60 % of ${THROTTLED_BEFORE.writes} (${maxWrites}) and time below ${num(THROTTLED_BEFORE.ms / 1000, 1)} s`,
      measured: `${pick.ownWrites} writes of the pick, ${num(pick.ownMs / 1000, 1)} s (${pick.writes} writes, ${num(pick.allMs / 1000, 1)} s with other events' check runs and dashboard edits)`,
      pass: pick.ownWrites <= maxWrites && pick.ownMs < THROTTLED_BEFORE.ms,
    },
  ];
}

/**
 * The release path at its floor (issue 23): `/rc` and `/release` in direct mode, at most 16 API
 * calls and 7 writes of their own (the reaction, the bump commit, the tag object and ref, the
 * generated notes, the release, the reply; GraphQL queries are reads). Before: 23 calls and 9
 * writes for `/rc`. Measured on the smallest repository.
 */
export const RELEASE_FLOOR = { calls: 16, writes: 7 };

export function releaseFloorChecks(samples: readonly RoundTripSample[]): Check[] {
  const smallest = Math.min(...samples.map((s) => s.size));
  return ["/rc 1.5 (next candidate)", "/release 1.5 (final)"].flatMap((flow) => {
    const sample = samples.find((s) => s.flow === flow && s.size === smallest);
    if (!sample) return [];
    return [
      {
        target: `${flow.split(" (")[0]}: API calls ≤ ${RELEASE_FLOOR.calls} and writes ≤ ${RELEASE_FLOOR.writes}`,
        measured: `${sample.calls} calls, ${sample.ownWrites} writes, ${sample.steps} round-trips`,
        pass: sample.calls <= RELEASE_FLOOR.calls && sample.ownWrites <= RELEASE_FLOOR.writes,
      },
    ];
  });
}

export function summaryTable(list: readonly Check[]): string {
  return table(
    ["target", "measured", "result"],
    list.map((c) => [c.target, c.measured, c.pass ? "PASS" : "FAIL"]),
  );
}

/** The merge the preview and the workspace run, against git's verdicts (`merge-agreement.ts`). */
export function mergeAgreementChecks(result: MergeAgreement): Check[] {
  return [
    {
      target:
        "merge agreement with git: ≥ 99 % of files as git classifies them, never clean where git conflicts, git's bytes where both are clean",
      measured: `${result.agree} of ${result.files} files, clean-where-git-conflicts ${result.cleanWhereGitConflicts}; git's bytes on ${result.sameBytes} of ${result.bothClean} clean files (${result.cases} picks of ${result.corpus}, ${num(result.ms)} ms)`,
      pass:
        result.cleanWhereGitConflicts === 0 &&
        result.agree >= 0.99 * result.files &&
        result.sameBytes === result.bothClean,
    },
  ];
}
