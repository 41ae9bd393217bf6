import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type ReliabilityRow, recordScenario, reliabilityTable } from "./rows.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../..");

const figures = { deliveries: 4, faults: 1, duplicates: 0, incomplete: 0 };

describe("a scenario's row", () => {
  it("holds the figures counted before its test ended, whatever the test's outcome", () => {
    const rows: ReliabilityRow[] = [];
    const record = recordScenario("counted", (row) => rows.push(row));
    record.counted(figures);
    record.testEnded({ passed: false, error: "expected 1 duplicate to be 0" });
    expect(rows).toEqual([{ scenario: "counted", finished: true, ...figures }]);
  });

  it("says the scenario did not finish when its test ended first, and ignores a later count", () => {
    const rows: ReliabilityRow[] = [];
    const record = recordScenario("late", (row) => rows.push(row));
    record.testEnded({ passed: false, error: "Test timed out in 20000ms." });
    record.counted({ ...figures, duplicates: 4 });
    record.testEnded({ passed: true });
    expect(rows).toEqual([
      { scenario: "late", finished: false, reason: "Test timed out in 20000ms." },
    ]);
    expect(record.closed).toBe(true);
  });
});

describe("the table of npm run test:reliability", () => {
  it("prints no figure for a scenario that did not finish, names why, and fails the run", () => {
    const { text, ok } = reliabilityTable([
      { scenario: "branch created", finished: true, ...figures },
      { scenario: "/rc comment", finished: false, reason: "Test timed out in 20000ms." },
    ]);
    expect(text.split("\n")).toEqual([
      "| scenario       | deliveries sent | faults injected | duplicate effects | incomplete flows |",
      "| -------------- | --------------- | --------------- | ----------------- | ---------------- |",
      "| branch created | 4               | 1               | 0                 | 0                |",
      "| /rc comment    | did not finish  | –               | –                 | –                |",
      "",
      "2 scenarios (1 did not finish), 4 deliveries, 0 duplicate effects, 0 incomplete flows",
      "did not finish: /rc comment: Test timed out in 20000ms.",
    ]);
    expect(ok).toBe(false);
  });

  it("passes a run whose scenarios all finished without duplicates or incomplete flows", () => {
    expect(reliabilityTable([{ scenario: "s", finished: true, ...figures }]).ok).toBe(true);
    expect(
      reliabilityTable([{ scenario: "s", finished: true, ...figures, duplicates: 1 }]).ok,
    ).toBe(false);
    expect(reliabilityTable([]).ok).toBe(false);
  });

  it("shows, for scenarios run by vitest, the one that threw and the one that timed out as not finished", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "reliability-rows-"));
    try {
      const config = join(scratch, "fixture.config.mjs");
      await writeFile(
        config,
        `export default { test: { include: ["test/reliability/fixtures/scenarios.fixture.ts"], setupFiles: ["test/setup.ts"] } };\n`,
      );
      const report = join(scratch, "rows.jsonl");
      // Two of the three fixture tests fail on purpose: vitest exits 1.
      const exit = await run("npx", ["vitest", "run", "--root", ROOT, "--config", config], {
        cwd: ROOT,
        env: { ...process.env, RELIABILITY_REPORT: report },
      }).then(
        () => 0,
        (error: { code: number }) => error.code,
      );
      expect(exit).toBe(1);
      const rows = (await readFile(report, "utf8"))
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReliabilityRow);
      expect(rows).toEqual([
        {
          scenario: "finishes",
          finished: true,
          deliveries: 0,
          faults: 0,
          duplicates: 0,
          incomplete: 0,
        },
        { scenario: "throws", finished: false, reason: "GitHub answered 502" },
        { scenario: "times out", finished: false, reason: "Test timed out in 500ms." },
      ]);
      expect(reliabilityTable(rows).text).toContain(
        "| times out | did not finish  | –               | –                 | –                |",
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
