/**
 * The configurations docs/configuration.md gives for real projects are complete: run over each
 * project's real charts (../shared/fixtures/charts) and over this repository's small copies
 * (test/fixtures/charts), a release moves every field that carried the old version. The oracle
 * is independent of the bump: the old version's digits, found anywhere in a version-carrying
 * file, must be gone afterwards, and the new version must be there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Config, parseConfig, type RawConfig } from "../../../src/config.js";
import { applyVersion } from "../../../src/core/files/apply.js";
import { selectVersionFiles } from "../../../src/core/files/targets.js";
import { versionStrings } from "../../../src/core/version/spellings.js";

const SHARED = fileURLToPath(new URL("../../../../shared/fixtures/charts/", import.meta.url));
const LOCAL = fileURLToPath(new URL("../../fixtures/charts/", import.meta.url));
const DOCS = fileURLToPath(new URL("../../../docs/configuration.md", import.meta.url));
const sharedExists = existsSync(SHARED);

/** The yaml block under `#### <project>` in docs/configuration.md. */
function documentedConfig(project: string): Config {
  const docs = readFileSync(DOCS, "utf8");
  const start = docs.indexOf(`\n#### ${project}\n`);
  if (start < 0) throw new Error(`docs/configuration.md has no "#### ${project}" section`);
  const block = /```yaml\n([\s\S]*?)```/.exec(docs.slice(start))?.[1];
  if (block === undefined) throw new Error(`no yaml block under ${project}`);
  const result = parseConfig((parse(block) ?? {}) as RawConfig);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

/** The files of a fixture repository, as repository paths. */
function walk(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** Files where a project keeps its version; anything else (Makefiles, docs) is the project's own business. */
const VERSION_CARRIERS =
  /(^|\/)(Chart\.yaml|values\.yaml|VERSION|README\.md|kustomization\.yaml|__init__\.py)$/;

function lines(text: string, needle: RegExp): string[] {
  return text.split(/\r?\n/).filter((line) => needle.test(line));
}

interface Repository {
  root: string;
  /** The version its files carry now (the digits of the core are what the oracle looks for). */
  version: string;
}

const PROJECTS: Array<{ name: string; shared: Repository[]; local: Repository[] }> = [
  {
    name: "Kubeflow Spark Operator",
    shared: [{ root: "spark-operator@master-2026-08", version: "2.5.0" }],
    local: [],
  },
  {
    name: "Kubeflow Spark Operator before 2.5",
    shared: [
      { root: "spark-operator@HEAD", version: "2.5.0" },
      { root: "spark-operator@v2.3.0", version: "2.3.0" },
      { root: "spark-operator@v2.0.0-rc.0", version: "2.0.0" },
    ],
    local: [{ root: "spark-like", version: "1.2.0" }],
  },
  {
    name: "KServe",
    shared: [{ root: "kserve", version: "0.20.0" }],
    local: [{ root: "kserve-layout", version: "0.8.0" }],
  },
  {
    name: "Kueue",
    shared: [{ root: "kueue", version: "0.19.2" }],
    local: [{ root: "kueue-like", version: "0.3.1" }],
  },
  {
    name: "Kubeflow Trainer",
    shared: [{ root: "trainer", version: "2.3.0" }],
    local: [{ root: "trainer-like", version: "0.2.0" }],
  },
];

const NEW_VERSION = "7.8.9-rc.1";

function checkMovesEveryField(config: Config, base: string, repository: Repository): void {
  const root = join(base, repository.root);
  const paths = walk(root);
  const selection = selectVersionFiles(config, paths);
  expect(selection.errors).toEqual([]);
  const contents = new Map(
    selection.targets.map((t) => [t.path, readFileSync(join(root, t.path), "utf8")]),
  );
  const applied = applyVersion(
    config,
    selection.targets,
    contents,
    versionStrings(config, NEW_VERSION),
  );
  if (!applied.ok) throw new Error(applied.errors.join("\n"));
  const after = new Map(applied.changes.map((change) => [change.path, change.content]));
  const old = new RegExp(`(?<![\\d.])${repository.version.replaceAll(".", "\\.")}(?![\\d])`);
  const carriers = paths.filter((path) => VERSION_CARRIERS.test(path));
  const left: string[] = [];
  let moved = 0;
  for (const path of carriers) {
    const before = readFileSync(join(root, path), "utf8");
    if (!old.test(before)) continue;
    const text = after.get(path) ?? before;
    for (const line of lines(text, old)) left.push(`${path}: ${line.trim()}`);
    if (text.includes("7.8.9")) moved += 1;
  }
  expect(left, `fields still on ${repository.version} in ${repository.root}`).toEqual([]);
  expect(moved).toBeGreaterThan(0);
}

describe("the documented configuration of each project moves every version field", () => {
  it.runIf(!sharedExists)(
    "../shared/fixtures/charts is absent: only the small copies are checked",
    () => {
      expect(existsSync(SHARED)).toBe(false);
    },
  );

  for (const project of PROJECTS) {
    describe(project.name, () => {
      for (const repository of project.shared) {
        it.runIf(sharedExists)(`over the real charts of ${repository.root}`, () => {
          checkMovesEveryField(documentedConfig(project.name), SHARED, repository);
        });
      }
      for (const repository of project.local) {
        it(`over the small copy ${repository.root}`, () => {
          checkMovesEveryField(documentedConfig(project.name), LOCAL, repository);
        });
      }
    });
  }

  it.runIf(sharedExists)(
    "would catch Spark Operator's Kustomize tag and __version__ left behind by the old configuration",
    () => {
      const old = documentedConfig("Kubeflow Spark Operator before 2.5");
      expect(() =>
        checkMovesEveryField(old, SHARED, {
          root: "spark-operator@master-2026-08",
          version: "2.5.0",
        }),
      ).toThrow(/fields still on 2.5.0 in spark-operator@master-2026-08/);
    },
  );

  it("would catch KServe's values left behind: the configuration without `values` misses them", () => {
    const config = documentedConfig("KServe");
    const incomplete = { ...config, values: [] };
    expect(() =>
      checkMovesEveryField(incomplete, LOCAL, { root: "kserve-layout", version: "0.8.0" }),
    ).toThrow(/fields still on 0.8.0 in kserve-layout/);
  });
});
