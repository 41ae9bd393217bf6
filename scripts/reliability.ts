import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * `npm run test:reliability`: the reliability suite, then its table. Each scenario's test writes
 * a row counted from the local GitHub (test/reliability/counters.ts: what changed between a
 * snapshot before the scenario and one after, against what the scenario should have made); a
 * duplicate effect or an incomplete flow is a failure of the test itself too.
 */
interface Row {
  scenario: string;
  deliveries: number;
  faults: number;
  duplicates: number;
  incomplete: number;
}

const dir = mkdtempSync(join(tmpdir(), "release-bot-reliability-"));
const file = join(dir, "rows.jsonl");
const result = spawnSync("npx", ["vitest", "run", "test/reliability"], {
  stdio: "inherit",
  env: { ...process.env, RELIABILITY_REPORT: file },
});
let rows: Row[] = [];
try {
  rows = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
} catch {
  // No rows: the suite did not run; its exit status says why.
}
rmSync(dir, { recursive: true, force: true });

const headers = [
  "scenario",
  "deliveries sent",
  "faults injected",
  "duplicate effects",
  "incomplete flows",
];
const table = rows.map((r) => [
  r.scenario,
  String(r.deliveries),
  String(r.faults),
  String(r.duplicates),
  String(r.incomplete),
]);
const widths = headers.map((h, i) =>
  Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)),
);
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(`\n${line(headers)}`);
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of table) console.log(line(row));
const duplicates = rows.reduce((n, r) => n + r.duplicates, 0);
const incomplete = rows.reduce((n, r) => n + r.incomplete, 0);
const deliveries = rows.reduce((n, r) => n + r.deliveries, 0);
console.log(
  `\n${rows.length} scenarios, ${deliveries} deliveries, ${duplicates} duplicate effects, ${incomplete} incomplete flows`,
);
process.exitCode =
  result.status !== 0 || duplicates > 0 || incomplete > 0 || rows.length === 0 ? 1 : 0;
