/**
 * The rows of `npm run test:reliability`'s table, and the table. A scenario's figures are counted
 * when it ends; a scenario whose test ended first (it timed out, or threw before counting) has no
 * figures, and its row says it did not finish: a count taken later, while the next scenario runs,
 * would count that one's effects too.
 */

export interface FinishedRow {
  scenario: string;
  finished: true;
  deliveries: number;
  faults: number;
  duplicates: number;
  incomplete: number;
}

export interface UnfinishedRow {
  scenario: string;
  finished: false;
  /** Why: "timed out after 20000ms", the error it threw, or that the test never counted it. */
  reason: string;
}

export type ReliabilityRow = FinishedRow | UnfinishedRow;

export type Figures = Omit<FinishedRow, "scenario" | "finished">;

/** How the test that ran a scenario ended. */
export interface TestEnd {
  passed: boolean;
  /** The first error's message, when it failed. */
  error?: string;
}

export interface ScenarioRecord {
  /** The scenario counted its figures: kept until its test ends. */
  counted(figures: Figures): void;
  /** Its test ended: writes the row (the figures, or "did not finish"); once. */
  testEnded(end: TestEnd): void;
  /** Whether the row is written (a count after that is not the scenario's). */
  readonly closed: boolean;
}

export function recordScenario(
  scenario: string,
  write: (row: ReliabilityRow) => void,
): ScenarioRecord {
  let figures: Figures | null = null;
  let closed = false;
  return {
    counted(counts) {
      if (!closed) figures = counts;
    },
    testEnded(end) {
      if (closed) return;
      closed = true;
      if (figures !== null) {
        write({ scenario, finished: true, ...figures });
        return;
      }
      const reason = end.passed
        ? "its test ended without counting it"
        : (end.error ?? "its test failed before counting it");
      write({ scenario, finished: false, reason });
    },
    get closed() {
      return closed;
    },
  };
}

const HEADERS = [
  "scenario",
  "deliveries sent",
  "faults injected",
  "duplicate effects",
  "incomplete flows",
];
const DID_NOT_FINISH = "did not finish";

/**
 * The table as printed, the summary under it, and whether the run is good: every scenario
 * finished with no duplicate effect and no incomplete flow. Figures are summed over the finished
 * scenarios only, and the summary says how many did not finish.
 */
export function reliabilityTable(rows: readonly ReliabilityRow[]): { text: string; ok: boolean } {
  const finished = rows.filter((r): r is FinishedRow => r.finished);
  const unfinished = rows.filter((r): r is UnfinishedRow => !r.finished);
  const cells = rows.map((r) =>
    r.finished
      ? [
          r.scenario,
          String(r.deliveries),
          String(r.faults),
          String(r.duplicates),
          String(r.incomplete),
        ]
      : [r.scenario, DID_NOT_FINISH, "–", "–", "–"],
  );
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const sum = (pick: (r: FinishedRow) => number) => finished.reduce((n, r) => n + pick(r), 0);
  const duplicates = sum((r) => r.duplicates);
  const incomplete = sum((r) => r.incomplete);
  const lines = [line(HEADERS), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
  lines.push(
    "",
    `${rows.length} scenarios${unfinished.length > 0 ? ` (${unfinished.length} did not finish)` : ""}, ${sum((r) => r.deliveries)} deliveries, ${duplicates} duplicate effects, ${incomplete} incomplete flows`,
  );
  for (const r of unfinished) lines.push(`did not finish: ${r.scenario}: ${r.reason}`);
  const ok = rows.length > 0 && unfinished.length === 0 && duplicates === 0 && incomplete === 0;
  return { text: lines.join("\n"), ok };
}
