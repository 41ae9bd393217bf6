/**
 * `release-bot init` on every layout of the real-world corpus (../shared/fixtures/charts) and on
 * this repository's small copies (test/fixtures/charts): the configuration it writes makes the
 * rehearsed `/branch` of the next line bump exactly the files a release commit of that project
 * touches, and nothing is left to report.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initCli } from "../../../src/init/cli.js";
import { parseRehearsalArguments } from "../src/arguments.js";
import { rehearse } from "../src/runner.js";
import { gitIn } from "./spark-layout.js";

const SHARED = fileURLToPath(new URL("../../../../shared/fixtures/charts/", import.meta.url));
const LOCAL = fileURLToPath(new URL("../../../test/fixtures/charts/", import.meta.url));
const sharedExists = existsSync(SHARED);

const SPARK = [
  "VERSION",
  "charts/spark-operator-chart/Chart.yaml",
  "charts/spark-operator-chart/README.md",
];
const KSERVE_CHARTS = [
  "kserve-crd",
  "kserve-crd-minimal",
  "kserve-llmisvc-crd",
  "kserve-llmisvc-crd-minimal",
  "kserve-llmisvc-resources",
  "kserve-localmodel-crd",
  "kserve-localmodel-crd-minimal",
  "kserve-localmodel-resources",
  "kserve-resources",
  "kserve-runtime-configs",
];
const KSERVE_VALUES = [
  "kserve-llmisvc-resources",
  "kserve-localmodel-resources",
  "kserve-resources",
  "kserve-runtime-configs",
];

/** Each layout, the line its `/branch` starts and the files a release commit of it touches. */
const LAYOUTS: Array<{ base: string; name: string; line: string; files: string[] }> = [
  { base: SHARED, name: "spark-operator@HEAD", line: "2.6", files: SPARK },
  { base: SHARED, name: "spark-operator@v2.3.0", line: "2.4", files: SPARK },
  { base: SHARED, name: "spark-operator@v2.0.0-rc.0", line: "2.1", files: SPARK },
  {
    base: SHARED,
    name: "spark-operator@v1beta2-1.6.2-3.5.0",
    line: "1.5",
    // Before the process, the chart had a version of its own: the chart and its badges.
    files: SPARK.filter((f) => f !== "VERSION"),
  },
  {
    base: SHARED,
    name: "spark-operator@master-2026-08",
    line: "2.6",
    files: [
      ...SPARK,
      "config/default/kustomization.yaml",
      "api/python_api/kubeflow_spark_api/__init__.py",
    ],
  },
  {
    base: SHARED,
    name: "kserve",
    line: "0.21",
    files: [
      ...KSERVE_CHARTS.map((c) => `charts/${c}/Chart.yaml`),
      ...KSERVE_VALUES.map((c) => `charts/${c}/values.yaml`),
    ],
  },
  {
    base: SHARED,
    name: "kueue",
    line: "0.20",
    files: [
      "charts/kueue/Chart.yaml",
      "cmd/experimental/kueue-populator/charts/kueue-populator/Chart.yaml",
    ],
  },
  {
    base: SHARED,
    name: "trainer",
    line: "2.4",
    files: ["VERSION", "charts/kubeflow-trainer/Chart.yaml"],
  },
  {
    base: LOCAL,
    name: "spark-like",
    line: "1.3",
    files: ["VERSION", "charts/spark-like-chart/Chart.yaml", "charts/spark-like-chart/README.md"],
  },
  {
    base: LOCAL,
    name: "kserve-layout",
    line: "0.9",
    files: [
      "charts/kserve-crd/Chart.yaml",
      ...["llmisvc-resources", "localmodel-resources", "resources", "runtime-configs"].flatMap(
        (c) => [`charts/kserve-${c}/Chart.yaml`, `charts/kserve-${c}/values.yaml`],
      ),
    ],
  },
  {
    base: LOCAL,
    name: "kueue-like",
    line: "0.4",
    // Kueue's release commit sets the Makefile's RELEASE_VERSION too.
    files: [
      "Makefile",
      "charts/kueue-like/Chart.yaml",
      "cmd/experimental/populator/charts/populator/Chart.yaml",
    ],
  },
  {
    base: LOCAL,
    name: "trainer-like",
    line: "0.3",
    files: ["VERSION", "charts/trainer-like/Chart.yaml"],
  },
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "init-layouts-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("release-bot init on every layout", () => {
  it.runIf(!sharedExists)("../shared/fixtures/charts is absent: only the small copies run", () => {
    expect(sharedExists).toBe(false);
  });

  for (const layout of LAYOUTS) {
    const run = layout.base === SHARED ? it.runIf(sharedExists) : it;
    run(
      `${layout.name}: /branch ${layout.line} bumps exactly its release commit's files`,
      async () => {
        const repo = join(scratch, layout.name);
        await cp(join(layout.base, layout.name), repo, { recursive: true });
        const git = gitIn(repo, scratch);
        await git("init", "--quiet", "--initial-branch=master");
        await git("add", ".");
        await git("commit", "--quiet", "-m", "The repository as it is");
        const out = join(scratch, `${layout.name}.yml`);
        const printed: string[] = [];
        const code = await initCli(
          ["--repo", repo, "--out", out],
          (l) => printed.push(l),
          (l) => printed.push(l),
        );
        expect({ code, printed: code === 0 ? "" : printed.join("\n") }).toEqual({
          code: 0,
          printed: "",
        });

        const parsed = parseRehearsalArguments([
          "--repo",
          repo,
          "--config",
          out,
          `/branch ${layout.line}`,
        ]);
        if (!parsed.ok || "help" in parsed) throw new Error("bad rehearsal arguments");
        const { report, failure } = await rehearse(parsed.options, () => {});
        expect(failure).toBeNull();
        const step = report.steps[0];
        expect(step?.tags.map((t) => t.name)).toEqual([`v${layout.line}.0-rc.0`]);
        expect(step?.replies[0]).not.toContain("Not changed");
        expect(step?.commits[0]?.files.sort()).toEqual([...layout.files].sort());
      },
      60_000,
    );
  }
});
