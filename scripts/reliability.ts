import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ReliabilityRow, reliabilityTable } from "../test/reliability/rows.js";

/**
 * `npm run test:reliability`: the reliability suite, then its table. Each scenario's test writes
 * a row counted from the local GitHub (test/reliability/counters.ts: what changed between a
 * snapshot before the scenario and one after, against what the scenario should have made); a
 * duplicate effect or an incomplete flow is a failure of the test itself too. A scenario whose
 * test timed out or threw before counting shows "did not finish", never a figure
 * (test/reliability/rows.ts).
 */
const dir = mkdtempSync(join(tmpdir(), "release-bot-reliability-"));
const file = join(dir, "rows.jsonl");
const result = spawnSync("npx", ["vitest", "run", "test/reliability"], {
  stdio: "inherit",
  env: { ...process.env, RELIABILITY_REPORT: file },
});
let rows: ReliabilityRow[] = [];
try {
  rows = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReliabilityRow);
} catch {
  // No rows: the suite did not run; its exit status says why.
}
rmSync(dir, { recursive: true, force: true });

const table = reliabilityTable(rows);
console.log(`\n${table.text}`);
process.exitCode = result.status !== 0 || !table.ok ? 1 : 0;
