import type { ObservationCost } from "./intake.js";
import type { Check } from "./report.js";
import { median, num, table } from "./support/stats.js";

/** Logging and metrics may cost at most this share of intake throughput (issue: "nothing measurable"). */
export const MAX_OBSERVATION_COST = 0.1;

export function observationTable(cost: ObservationCost): string {
  const rows = cost.observed.map((observed, i) => [
    String(i + 1),
    num(observed),
    num(cost.plain[i] ?? Number.NaN),
  ]);
  rows.push(["median", num(median(cost.observed)), num(median(cost.plain))]);
  return table(
    ["run", "with log lines and metrics (deliveries/s)", "without (deliveries/s)"],
    rows,
  );
}

export function observationChecks(cost: ObservationCost): Check[] {
  const ratio = median(cost.observed) / median(cost.plain);
  return [
    {
      target: `intake with log lines and metrics within ${MAX_OBSERVATION_COST * 100} % of without (median deliveries/s, same run), 0 API calls`,
      measured: `${num(ratio * 100, 1)} % of the baseline's throughput; ${cost.apiCalls} API calls`,
      pass: ratio >= 1 - MAX_OBSERVATION_COST && cost.apiCalls === 0,
    },
  ];
}
