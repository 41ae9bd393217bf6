/**
 * Issue 24's acceptance, on a repository made from Kubeflow Spark Operator's master of 2026-08
 * (`../shared/fixtures/charts/spark-operator@master-2026-08`; the small copy
 * `test/fixtures/charts/spark-places-like` when ../shared is absent): `npm run init` writes a
 * configuration with which the rehearsed `/branch` also sets the Kustomize `newTag` and the Python
 * `__version__`; without it (the defaults, the configuration documented before 2.5), the reply
 * names both files as not changed. Kept in one file so it can move with the rehearsal.
 */

import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../../src/config.js";
import { initCli } from "../../../src/init/cli.js";
import { parseRehearsalArguments, type RehearsalOptions } from "../src/arguments.js";
import { rehearse } from "../src/runner.js";
import { gitIn } from "./spark-layout.js";

const SHARED = fileURLToPath(
  new URL("../../../../shared/fixtures/charts/spark-operator@master-2026-08/", import.meta.url),
);
const LOCAL = fileURLToPath(
  new URL("../../../test/fixtures/charts/spark-places-like/", import.meta.url),
);
const sharedExists = existsSync(SHARED);

interface Layout {
  source: string;
  /** The line `/branch` starts, its first candidate, and the files beyond chart and VERSION. */
  line: string;
  tag: string;
  kustomization: string;
  python: string;
  /** Lines (from 1) of the Kustomize tag and of `__version__`. */
  lines: { kustomization: number; python: number };
}

const LAYOUTS: Layout[] = [
  {
    source: SHARED,
    line: "2.6",
    tag: "v2.6.0-rc.0",
    kustomization: "config/default/kustomization.yaml",
    python: "api/python_api/kubeflow_spark_api/__init__.py",
    lines: { kustomization: 36, python: 16 },
  },
  {
    source: LOCAL,
    line: "1.3",
    tag: "v1.3.0-rc.0",
    kustomization: "config/default/kustomization.yaml",
    python: "api/python_api/spark_api/__init__.py",
    lines: { kustomization: 13, python: 4 },
  },
];

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "version-places-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A git work tree holding the layout's files in one commit on master. */
async function repositoryOf(layout: Layout, name: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(layout.source, dir, { recursive: true });
  const git = gitIn(dir, scratch);
  await git("init", "--quiet", "--initial-branch=master");
  await git("add", ".");
  await git("commit", "--quiet", "-m", "The repository as it is");
  return dir;
}

async function rehearseBranch(repo: string, line: string, config: string | null) {
  const parsed = parseRehearsalArguments([
    "--repo",
    repo,
    ...(config ? ["--config", config] : []),
    `/branch ${line}`,
  ]);
  if (!parsed.ok || "help" in parsed) throw new Error("bad rehearsal arguments");
  const options: RehearsalOptions = parsed.options;
  const { report, failure } = await rehearse(options, () => {});
  expect(failure).toBeNull();
  return report.steps[0];
}

async function fileAt(repo: string, ref: string, path: string): Promise<string> {
  return gitIn(repo, scratch)("show", `${ref}:${path}`);
}

for (const layout of LAYOUTS) {
  const label = layout.source === SHARED ? "spark-operator@master-2026-08" : "spark-places-like";
  const run = layout.source === SHARED ? it.runIf(sharedExists) : it;

  describe(`version places on ${label}`, () => {
    run(
      "init writes a configuration with which /branch sets the newTag and __version__ too",
      async () => {
        const repo = await repositoryOf(layout, `${label}-init`);
        const out = join(scratch, `${label}.yml`);
        const printed: string[] = [];
        const code = await initCli(
          ["--repo", repo, "--out", out],
          (l) => printed.push(l),
          (l) => printed.push(l),
        );
        expect({ code, printed: code === 0 ? [] : printed }).toEqual({ code: 0, printed: [] });
        expect(printed[0]).toMatch(/^Release \d+\.\d+\.\d+-rc\.0, read from VERSION `v/);
        const text = await readFile(out, "utf8");
        expect(parseConfig(parse(text)).ok).toBe(true);
        expect(text).toContain(`# ${layout.kustomization}:${layout.lines.kustomization}: newTag`);
        expect(text).toContain(`# ${layout.python}:${layout.lines.python}: Python package version`);
        expect(printed.join("\n")).toMatch(
          new RegExp(
            `\\n  kustomize\\[0\\]: ${layout.kustomization}:${layout.lines.kustomization}: newTag`,
          ),
        );
        // Nothing written to the repository inspected.
        expect(await gitIn(repo, scratch)("status", "--porcelain")).toBe("");

        const step = await rehearseBranch(repo, layout.line, out);
        const version = layout.tag.slice(1);
        expect(step?.tags.map((t) => t.name)).toEqual([layout.tag]);
        expect(step?.replies[0]).not.toContain("Not changed");
        const kept = join(scratch, `${label}-kept.git`);
        await rm(kept, { recursive: true, force: true });
        // The tagged tree, read from the rehearsal's report of the tag's fields.
        expect(step?.tags[0]?.versions).toMatchObject({
          "charts/spark-operator-chart/Chart.yaml:version": version,
          "charts/spark-operator-chart/Chart.yaml:appVersion": version,
          "VERSION:content": layout.tag,
          [`${layout.kustomization}:images[${kustomizeImage(layout)}].newTag`]: layout.tag,
        });
        const pythonField = Object.entries(step?.tags[0]?.versions ?? {}).find(([key]) =>
          key.startsWith(`${layout.python}:`),
        );
        expect(pythonField?.[1]).toBe(version);
        expect(step?.commits[0]?.files.sort()).toEqual(
          [
            "VERSION",
            "charts/spark-operator-chart/Chart.yaml",
            "charts/spark-operator-chart/README.md",
            layout.kustomization,
            layout.python,
            ...(layout.source === LOCAL
              ? ["Makefile", "config/samples/deployment.yaml", "docs/install.md", "pyproject.toml"]
              : []),
          ].sort(),
        );
      },
    );

    run("without it, the /branch reply names both files as not changed", async () => {
      const repo = await repositoryOf(layout, `${label}-defaults`);
      const step = await rehearseBranch(repo, layout.line, null);
      expect(step?.tags.map((t) => t.name)).toEqual([layout.tag]);
      const reply = step?.replies[0] ?? "";
      const previous = layout.source === SHARED ? "2.5.0-rc.0" : "1.2.0-rc.0";
      expect(reply).toContain(
        `\`${layout.kustomization}:${layout.lines.kustomization}\` still says \`v${previous}\` (Kustomize \`newTag\`: add it to \`kustomize:\`)`,
      );
      expect(reply).toContain(
        `\`${layout.python}:${layout.lines.python}\` still says \`${previous}\` (Python package version: add it to \`files:\`)`,
      );
      expect(await fileAt(repo, "HEAD", layout.kustomization)).toContain(`newTag: v${previous}`);
    });
  });
}

describe("a dry run of /branch", () => {
  it("names the places too, and writes nothing", async () => {
    const layout = LAYOUTS[1] as Layout;
    const repo = await repositoryOf(layout, "dry-run");
    const step = await rehearseBranch(repo, `${layout.line} --dry-run`, null);
    expect(step?.tags).toEqual([]);
    expect(step?.branches).toEqual([]);
    expect(step?.replies[0]).toMatch(/^\*\*Dry run\*\*: nothing was written\./);
    expect(step?.replies[0]).toContain("\n\nNot changed: `Makefile:2` still says `v1.2.0-rc.0`");
    expect(step?.replies[0]).toContain(
      `\`${layout.kustomization}:${layout.lines.kustomization}\` still says \`v1.2.0-rc.0\``,
    );
  });
});

function kustomizeImage(layout: Layout): string {
  return layout.source === SHARED
    ? "ghcr.io/kubeflow/spark-operator/controller"
    : "ghcr.io/example/spark-operator/controller";
}

it.runIf(!sharedExists)("../shared/fixtures is absent: only the small copy is rehearsed", () => {
  expect(sharedExists).toBe(false);
});
