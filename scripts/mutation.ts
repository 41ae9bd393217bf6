/**
 * `npm run mutation`: StrykerJS over the mutation scope (`mutate` in stryker.config.json), one
 * room at a time (each folder of it with code of its own: `src/core/charts/`,
 * `src/core/pick/merge/`, `src/github/pick/`), each room against the tests whose imports reach it, then one report of the whole scope in `reports/mutation/mutation.json`.
 *
 * Why by room: a mutant in code that runs as a module loads (a table of constants, a pattern
 * compiled at the top of a file) cannot be traced to the tests that cover it, so Stryker runs
 * every test of the run against it. Over the whole scope that was 697 mutants times the whole
 * unit suite, about half of a run of several hours; against the tests that import the room it is
 * seconds. A mutant the room's tests cannot reach would count as "no coverage", so the tests
 * are every test file whose imports lead, directly or through other modules, into the room.
 *
 * Each room keeps Stryker's incremental file, so a run after a change tests again only the
 * mutants the change touches. `--room core-charts` (repeatable; a suffix will do) runs those rooms alone; the report
 * then still holds every room's last result. `--concurrency N` sets Stryker's test processes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { MutationTestResult } from "mutation-testing-report-schema";

const ROOT = resolve(import.meta.dirname, "..");
const ROOMS_DIR = join(ROOT, "reports/mutation/rooms");
const REPORT = join(ROOT, "reports/mutation/mutation.json");
const TEST_ROOTS = ["test/core", "test/github"];

interface Room {
  name: string;
  /** The folder mutated, relative to the root: `src/core/charts`. */
  dir: string;
}

/** Every `.ts` file under `dir` (relative to the root). */
function filesUnder(dir: string, suffix = ".ts"): string[] {
  const full = join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The repository files a module imports (static and dynamic imports of relative paths). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) =>
    relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, ".ts"),
  );
}

/** The test files whose imports, followed through `src`, reach a file of the room. */
function testsReaching(room: Room, tests: readonly string[]): string[] {
  const reaches = new Set<string>();
  const reachesRoom = (file: string, seen: Set<string>): boolean => {
    if (dirname(file) === room.dir) return true;
    if (reaches.has(file)) return true;
    if (seen.has(file) || !existsSync(join(ROOT, file))) return false;
    seen.add(file);
    // Only a "yes" is kept across tests: a "no" found inside an import cycle may be premature.
    const result = importsOf(file).some((target) => reachesRoom(target, seen));
    if (result) reaches.add(file);
    return result;
  };
  return tests.filter((test) => reachesRoom(test, new Set()));
}

/** A room per folder of the scope that holds code of its own (`src/core/pick`, `src/core/pick/merge`). */
function roomsOf(mutate: readonly string[]): Room[] {
  const dirs = mutate.flatMap((glob) => {
    const base = glob.replace(/\/\*\*\/\*\.ts$/, "");
    return filesUnder(base).map((file) => dirname(file));
  });
  return [...new Set(dirs)]
    .sort()
    .map((dir) => ({ name: dir.replace(/^src\//, "").replaceAll("/", "-"), dir }));
}

function runRoom(
  room: Room,
  base: Record<string, unknown>,
  tests: readonly string[],
  concurrency: number | undefined,
): void {
  const config = {
    ...base,
    $schema: undefined,
    mutate: [`${room.dir}/*.ts`],
    ...(concurrency === undefined ? {} : { concurrency }),
    incremental: true,
    incrementalFile: `reports/mutation/rooms/${room.name}.incremental.json`,
    reporters: ["progress", "json"],
    jsonReporter: { fileName: `reports/mutation/rooms/${room.name}.json` },
  };
  const configFile = join(ROOMS_DIR, `${room.name}.stryker.json`);
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`\n== ${room.dir}: ${tests.length} test files`);
  const run = spawnSync("npx", ["stryker", "run", configFile], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, MUTATION_TESTS: tests.join(",") },
  });
  if (run.status !== 0) throw new Error(`stryker failed on ${room.dir} (exit ${run.status})`);
}

function combine(rooms: readonly Room[]): void {
  const reports = rooms.flatMap((room) => {
    const file = join(ROOMS_DIR, `${room.name}.json`);
    return existsSync(file) ? [JSON.parse(readFileSync(file, "utf8")) as MutationTestResult] : [];
  });
  const missing = rooms.filter((room) => !existsSync(join(ROOMS_DIR, `${room.name}.json`)));
  if (missing.length > 0) {
    // A `--room` run on a fresh clone: the score below covers the rooms that have a report.
    console.log(
      `\nNot in the score (never run here): ${missing.map((room) => room.dir).join(", ")}`,
    );
  }
  const [first] = reports;
  if (first === undefined) throw new Error("no room to report");
  const combined: MutationTestResult = {
    ...first,
    files: Object.assign({}, ...reports.map((report) => report.files)),
  };
  writeFileSync(REPORT, JSON.stringify(combined));
}

function main(): void {
  const { values } = parseArgs({
    options: { room: { type: "string", multiple: true }, concurrency: { type: "string" } },
  });
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  const base = JSON.parse(readFileSync(join(ROOT, "stryker.config.json"), "utf8")) as {
    mutate: string[];
  } & Record<string, unknown>;
  const rooms = roomsOf(base.mutate);
  const chosen = values.room
    ? rooms.filter((room) => values.room?.some((name) => room.name.endsWith(name)))
    : rooms;
  if (chosen.length === 0) throw new Error(`no room named ${values.room?.join(", ")}`);
  mkdirSync(ROOMS_DIR, { recursive: true });
  const tests = TEST_ROOTS.flatMap((dir) => filesUnder(dir, ".test.ts"));
  for (const room of chosen) runRoom(room, base, testsReaching(room, tests), concurrency);
  combine(rooms);
  const score = spawnSync("npx", ["tsx", "scripts/mutation-score.ts"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  process.exitCode = score.status ?? 1;
}

main();
