import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rehearsalCli } from "../src/cli.js";
import type { RehearsalReport } from "../src/report.js";
import { gitIn, sparkOperatorLayout } from "./spark-layout.js";

const execFileAsync = promisify(execFile);

let scratch: string;
let spark: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "rehearsal-test-"));
  spark = await sparkOperatorLayout(join(scratch, "spark-operator"), scratch);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs a command line to completion: its exit status and output. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, {
      cwd: join(import.meta.dirname, "../../.."),
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The rehearsal in this process, with what it printed. */
async function rehearseHere(args: string[]) {
  const printed: string[] = [];
  const errors: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line) => printed.push(String(line)));
  const error = vi.spyOn(console, "error").mockImplementation((line) => errors.push(String(line)));
  try {
    const code = await rehearsalCli(args);
    return { code, stdout: printed.join("\n"), stderr: errors.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/**
 * Every file of a directory with its size and modification time. Objects go by size alone: git
 * "freshens" (touches) an object it would write again, also in an alternate, so a gc keeps it.
 */
async function fingerprint(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.map(async (e) => {
      const path = join(e.parentPath, e.name);
      const info = await stat(path);
      return path.includes("/.git/objects/") && e.isFile()
        ? `${path} ${info.size}`
        : `${path} ${info.size} ${info.mtimeMs}`;
    }),
  ).then((lines) => lines.sort());
}

const CHART = "charts/spark-operator-chart/Chart.yaml";

describe("npm run rehearse on a repository with Spark Operator's layout", () => {
  it("branches, picks a labelled fix, tags candidates and the final with their chart versions", async () => {
    const json = join(scratch, "spark.json");
    const keep = join(scratch, "kept.git");
    const before = await fingerprint(spark);
    const fix = await gitIn(spark, scratch)("rev-parse", "fix-branch");
    const { code, stdout, stderr } = await run([
      "--import",
      "tsx",
      "packages/rehearse/src/main.ts",
      "--repo",
      spark,
      "--json",
      json,
      "--keep",
      keep,
      "/branch 1.6",
      "merge fix-branch --label cherry-pick/release-1.6",
      "/rc 1.6",
      "/release 1.6",
    ]);
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
    const report = JSON.parse(await readFile(json, "utf8")) as RehearsalReport;
    const [branch, merge, rc, release] = report.steps;
    expect(report.steps.map((s) => s.step)).toEqual([
      "/branch 1.6",
      "merge fix-branch --label cherry-pick/release-1.6",
      "/rc 1.6",
      "/release 1.6",
    ]);

    const tagged = (version: string) => ({
      annotated: true,
      versions: {
        [`${CHART}:version`]: version,
        [`${CHART}:appVersion`]: version,
        "VERSION:content": `v${version}`,
      },
    });
    expect(branch?.tags).toEqual([
      { name: "v1.6.0-rc.0", sha: expect.any(String), ...tagged("1.6.0-rc.0") },
    ]);
    expect(branch?.branches.map((b) => b.name)).toEqual(["release-1.6"]);
    expect(branch?.replies[0]).toContain("Created [`release-1.6`]");
    expect(branch?.releases).toEqual([
      { tag: "v1.6.0-rc.0", prerelease: true, body: expect.any(String) },
    ]);

    expect(merge?.pulls).toEqual([
      {
        number: expect.any(Number),
        title: "Raise the submission timeout to 120s",
        base: "master",
        head: "fix-branch",
        merged: true,
        draft: false,
        labels: ["cherry-pick/release-1.6"],
      },
      {
        number: expect.any(Number),
        title: "[release-1.6] Raise the submission timeout to 120s",
        base: "release-1.6",
        head: expect.stringMatching(/^cherry-pick-\d+-to-release-1\.6$/),
        merged: true,
        draft: false,
        labels: [],
      },
    ]);
    // The preview on the fix before its merge; the release branch's checks on the pick.
    expect(merge?.checks.map((c) => [c.name, c.conclusion])).toEqual([
      ["cherry-pick preview (release-1.6)", "success"],
      ["release-branch policy", "success"],
      ["version consistency", "success"],
      ["conflict markers", "success"],
    ]);
    expect(merge?.checks[0]?.sha).not.toBe(merge?.checks[1]?.sha);
    const onRelease = merge?.commits.filter((c) => c.branch === "release-1.6") ?? [];
    expect(onRelease).toHaveLength(1);
    expect(onRelease[0]?.files).toEqual(["internal/controller/sparkapplication/submission.go"]);
    expect(onRelease[0]?.parents).toEqual([branch?.tags[0]?.sha]);
    expect(onRelease[0]?.pick).toEqual({ of: [fix], sameTreeAsGitCherryPick: true });

    expect(rc?.tags).toEqual([
      { name: "v1.6.0-rc.1", sha: expect.any(String), ...tagged("1.6.0-rc.1") },
    ]);
    expect(release?.tags).toEqual([
      { name: "v1.6.0", sha: expect.any(String), ...tagged("1.6.0") },
    ]);
    expect(release?.releases.map((r) => [r.tag, r.prerelease])).toEqual([["v1.6.0", false]]);
    expect(release?.commits.map((c) => [c.branch, c.message.split("\n")[0]])).toEqual([
      ["release-1.6", "Release v1.6.0"],
    ]);

    expect(stdout).toContain("tag     v1.6.0-rc.0");
    expect(stdout).toContain(`${CHART}:version = 1.6.0-rc.1`);
    expect(stdout).toMatch(/pick of [0-9a-f]{7}: same tree as git cherry-pick -x onto/);
    expect(stdout).toContain("release v1.6.0\n");
    // Nothing was written to the repository; the kept one holds what happened.
    expect(await fingerprint(spark)).toEqual(before);
    const kept = await execFileAsync("git", ["--git-dir", keep, "tag", "--list", "v1.6*"]);
    expect(kept.stdout.split("\n").filter(Boolean)).toEqual([
      "v1.6.0",
      "v1.6.0-rc.0",
      "v1.6.0-rc.1",
    ]);
  }, 120_000);
});

describe("the repository served", () => {
  it("serves a bare repository and the --config file on its default branch", async () => {
    const bare = join(scratch, "bare.git");
    await gitIn(scratch, scratch)("clone", "--quiet", "--bare", spark, bare);
    const config = join(scratch, "release-bot.yml");
    await writeFile(config, "versionFile: false\n");
    const json = join(scratch, "bare.json");
    const result = await rehearseHere([
      "--repo",
      bare,
      "--config",
      config,
      "--json",
      json,
      "/branch 1.7",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("default branch master");
    const report = JSON.parse(await readFile(json, "utf8")) as RehearsalReport;
    expect(report.steps[0]?.tags).toEqual([
      {
        name: "v1.7.0-rc.0",
        sha: expect.any(String),
        annotated: true,
        versions: { [`${CHART}:version`]: "1.7.0-rc.0", [`${CHART}:appVersion`]: "1.7.0-rc.0" },
      },
    ]);
    // versionFile: false came from --config: the bump leaves VERSION alone.
    expect(report.steps[0]?.commits.map((c) => c.files)).toEqual([
      [CHART, "charts/spark-operator-chart/README.md"],
    ]);
  }, 60_000);

  it("rehearses on an empty repository: the bot's refusal is the result", async () => {
    const empty = join(scratch, "empty");
    await gitIn(scratch, scratch)("init", "--quiet", "--initial-branch=main", empty);
    const json = join(scratch, "empty.json");
    const result = await rehearseHere(["--repo", empty, "--json", json, "/branch 1.6"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(json, "utf8")) as RehearsalReport;
    expect(report.steps).toEqual([
      {
        step: "/branch 1.6",
        checks: [],
        replies: [expect.stringContaining("`main` is not a branch, tag or commit")],
        branches: [],
        tags: [],
        releases: [],
        pulls: [],
        commits: [],
      },
    ]);
  }, 60_000);

  it("stops with status 1 at a step that names a missing ref, saying which", async () => {
    const json = join(scratch, "missing.json");
    const result = await rehearseHere([
      "--repo",
      spark,
      "--json",
      json,
      "merge no-such-branch --label cherry-pick/release-1.6",
      "/branch 1.6",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '"merge no-such-branch --label cherry-pick/release-1.6": no-such-branch names no commit of the repository',
    );
    const report = JSON.parse(await readFile(json, "utf8")) as RehearsalReport;
    expect(report.steps.map((s) => [s.step, s.branches, s.tags])).toEqual([
      ["merge no-such-branch --label cherry-pick/release-1.6", [], []],
    ]);
  }, 60_000);
});

describe("steps' refs", () => {
  it("takes any git revision where a step takes a ref: master~1, a short sha, v2.0.2^{}", async () => {
    const git = gitIn(spark, scratch);
    const parent = await git("rev-parse", "master~1");
    const head = await git("rev-parse", "master");
    const json = join(scratch, "revisions.json");
    const result = await rehearseHere([
      "--repo",
      spark,
      "--json",
      json,
      "tag v2.3.0 master~1",
      `branch from-sha ${head.slice(0, 7)}`,
      "branch from-tag v2.0.2^{}",
    ]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    const report = JSON.parse(await readFile(json, "utf8")) as RehearsalReport;
    expect(
      report.steps.map((s) => [s.step, s.tags.map((t) => [t.name, t.sha]), s.branches]),
    ).toEqual([
      ["tag v2.3.0 master~1", [["v2.3.0", parent]], []],
      [`branch from-sha ${head.slice(0, 7)}`, [], [{ name: "from-sha", sha: head }]],
      ["branch from-tag v2.0.2^{}", [], [{ name: "from-tag", sha: parent }]],
    ]);
  }, 60_000);

  it("says which revision names no commit, as git would not find it", async () => {
    const result = await rehearseHere(["--repo", spark, "tag v2.3.0 master~99"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '"tag v2.3.0 master~99": master~99 names no commit of the repository',
    );
  }, 60_000);
});

describe("bad arguments", () => {
  const releaseBot = (...args: string[]) =>
    run(["--import", "tsx", "packages/rehearse/src/main.ts", ...args.slice(1)]);

  it.each([
    [["rehearse", "--nope", "/rc 1.6"], "Unknown option '--nope'"],
    [["rehearse"], "no STEP given"],
    [["rehearse", "deploy everything"], '"deploy everything" is not a step'],
    [["rehearse", "merge fix --style octopus"], "--style must be one of merge, squash, rebase"],
    [["rehearse", "--repo", "/nonexistent/repository", "/rc 1.6"], "is not a git repository"],
  ])("release-bot %j exits 2 with the usage", async (args, message) => {
    const { code, stderr } = await releaseBot(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: npm run rehearse -- [options] STEP...");
  });

  it("release-bot without the rehearse subcommand exits 2", async () => {
    const { code, stderr } = await run(["packages/rehearse/bin/release-bot.js", "deploy"]);
    expect(code).toBe(2);
    expect(stderr).toContain('release-bot: "deploy" is not a command here');
    expect(stderr).toContain("Usage: release-bot rehearse [options] STEP...");
  });
});
