/**
 * Prints the result of `stryker run` from its JSON report: the score of each file, every mutant
 * no test detected (survived, or run by no test), and last the plain line
 * `mutation score: NN.NN%` that a reader or a script looks for.
 */
import { readFileSync } from "node:fs";
import { calculateMetrics, type Metrics } from "mutation-testing-metrics";
import type { FileResult, MutantResult, MutationTestResult } from "mutation-testing-report-schema";

const REPORT = new URL("../reports/mutation/mutation.json", import.meta.url);

const report = JSON.parse(readFileSync(REPORT, "utf8")) as MutationTestResult;
const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));

console.log("file                                        score  killed  survived  no coverage");
for (const [path, file] of files) {
  const metrics = calculateMetrics({ [path]: file }).metrics;
  console.log(
    [
      path.padEnd(42),
      percent(metrics).padStart(7),
      String(metrics.totalDetected).padStart(7),
      String(metrics.survived).padStart(9),
      String(metrics.noCoverage).padStart(12),
    ].join(" "),
  );
}

const undetected = files.flatMap(([path, file]) =>
  [...file.mutants]
    .sort(
      (a, b) =>
        a.location.start.line - b.location.start.line ||
        a.location.start.column - b.location.start.column,
    )
    .filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")
    .map((mutant) => describeMutant(path, file, mutant)),
);
if (undetected.length > 0) {
  console.log(`\n${undetected.length} undetected mutants:`);
  for (const line of undetected) console.log(line);
}

const total = calculateMetrics(report.files).metrics;
console.log(
  `\n${total.totalDetected} of ${total.totalValid} mutants detected, ${total.survived} survived, ${total.noCoverage} without coverage`,
);
console.log(`mutation score: ${percent(total)}`);

function percent(metrics: Metrics): string {
  return Number.isNaN(metrics.mutationScore) ? "n/a" : `${metrics.mutationScore.toFixed(2)}%`;
}

/** `src/core/x.ts:12:5 Survived ConditionalExpression: a === b -> true`, on one line. */
function describeMutant(path: string, file: FileResult, mutant: MutantResult): string {
  const { start, end } = mutant.location;
  const lines = file.source.split("\n").slice(start.line - 1, end.line);
  const original = lines
    .join("\n")
    .slice(
      start.column - 1,
      lines.slice(0, -1).reduce((length, line) => length + line.length + 1, 0) + end.column - 1,
    );
  const status = mutant.status === "Survived" ? "survived" : "no coverage";
  return `${path}:${start.line}:${start.column} ${status} ${mutant.mutatorName}: ${oneLine(original)} -> ${oneLine(mutant.replacement ?? "")}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
}
