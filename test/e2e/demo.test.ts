import { validatedOperations } from "@release-bot/local-github/conformance";
import { type DemoRecord, EXPECTED_TAGS, playDemo } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../world/index.js";
import { validatingOctokit } from "./helpers.js";

/**
 * The whole demo release, replayed against the local GitHub with the real bot behind its real
 * webhook server (signatures checked), asserting on git state read with git itself.
 */
describe("the demo release, end to end", () => {
  let env: World;
  let record: DemoRecord;
  const { Octokit, mismatches } = validatingOctokit();

  beforeAll(async () => {
    env = await startWorld({ Octokit, logLevel: "warn" });
    record = await playDemo(env, () => {});
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  const git = (...args: string[]) => env.repo.git(...args).then((out) => out.trim());

  it("tags every candidate and final on a commit whose chart, image tag and VERSION agree", () => {
    expect(record.tags.map((t) => t.tag).sort()).toEqual([...EXPECTED_TAGS].sort());
    for (const t of record.tags) {
      expect(t).toMatchObject({
        chartVersion: t.tag.slice(1),
        chartAppVersion: t.tag.slice(1),
        versionFile: t.tag,
      });
    }
  });

  it("bumps with one commit per release whose parent is the branch head, changing only version bytes", async () => {
    const rc0 = record.tags.find((t) => t.tag === "v1.5.0-rc.0")?.commit ?? "";
    expect(await git("log", "-1", "--format=%s", rc0)).toBe("Release v1.5.0-rc.0");
    // release-1.5 was cut from master's head at the time: the last feature commit.
    const branchPoint = await git(
      "log",
      "-1",
      "--format=%H",
      "--grep=Support queue annotations",
      "master",
    );
    expect(await git("rev-parse", `${rc0}^`)).toBe(branchPoint);
    expect((await git("diff", "--name-only", `${rc0}^`, rc0)).split("\n")).toEqual([
      "VERSION",
      "charts/demo-operator/Chart.yaml",
      "charts/demo-operator/README.md",
    ]);
    const diff = await git(
      "diff",
      "--unified=0",
      `${rc0}^`,
      rc0,
      "--",
      "charts/demo-operator/Chart.yaml",
    );
    const changed = diff.split("\n").filter((line) => /^[-+](?![-+])/.test(line));
    expect(changed).toEqual([
      "-version: 1.4.0",
      "+version: 1.5.0-rc.0",
      "-appVersion: 1.4.0",
      "+appVersion: 1.5.0-rc.0",
    ]);
    const readme = await env.repo.readFile(rc0, "charts/demo-operator/README.md");
    expect(readme).toContain(
      "![Version: 1.5.0-rc.0](https://img.shields.io/badge/Version-1.5.0--rc.0-informational?style=flat-square)",
    );
  });

  it("makes exactly one bump commit per tag: bot-made tags start no flow", async () => {
    const subjects = (await git("log", "--format=%s", "release-1.5")).split("\n");
    expect(subjects.filter((s) => s.startsWith("Release v"))).toEqual([
      "Release v1.5.1-rc.0",
      "Release v1.5.0",
      "Release v1.5.0-rc.1",
      "Release v1.5.0-rc.0",
    ]);
    expect(
      env.repo
        .releases()
        .map((r) => (r as { tag_name: string }).tag_name)
        .sort(),
    ).toEqual([...EXPECTED_TAGS].sort());
  });

  it("publishes candidates as pre-releases and finals as releases", () => {
    const releases = env.repo.releases() as Array<{ tag_name: string; prerelease: boolean }>;
    for (const r of releases) expect(r.prerelease).toBe(r.tag_name.includes("-rc."));
  });

  it("picks squash- and rebase-merged fixes with their authors, trailers and the cherry-pick line", async () => {
    expect(record.pickPulls.map((p) => [p.title, p.base, p.merged])).toEqual([
      ["[release-1.5] Raise the executor start timeout to 120s", "release-1.5", true],
      ["[release-1.5] Clean up finished executors", "release-1.5", true],
      // The conflicting pick's draft workspace, left to resolve.
      ["[release-1.5] Build with Go 1.23", "release-1.5", false],
    ]);
    const [first, second] = record.pickPulls;
    const picked = (await git("log", "--format=%H", `refs/pull/${second?.number}/head`, "-2"))
      .split("\n")
      .reverse();
    expect(picked).toHaveLength(2);
    for (const sha of picked) {
      const message = await git("log", "-1", "--format=%B", sha);
      expect(message).toMatch(
        /Signed-off-by: Contributor <contributor@example\.com>\n\(cherry picked from commit [0-9a-f]{40}\)$/,
      );
      const original = /cherry picked from commit ([0-9a-f]{40})/.exec(message)?.[1] ?? "";
      expect(await git("log", "-1", "--format=%an <%ae> %ad", sha)).toBe(
        await git("log", "-1", "--format=%an <%ae> %ad", original),
      );
      expect(await git("diff", `${sha}^`, sha)).toBe(await git("diff", `${original}^`, original));
    }
    const squashPick = await git("log", "-1", "--format=%B", `refs/pull/${first?.number}/head`);
    expect(squashPick).toContain("(cherry picked from commit");
  });

  it("refuses a contributor's /release and writes nothing for it", () => {
    expect(record.replies.refused).toMatch(
      /^Sorry @contributor, only people with the `write` role or higher/,
    );
  });

  it("reports a conflicting pick with its draft workspace, the files and the commands to do it by hand, and labels it", () => {
    expect(record.conflictComment).toContain("Conflict: resolve it in draft #");
    expect(record.conflictComment).toContain("`Dockerfile`");
    expect(record.conflictComment).toMatch(/git cherry-pick -x [0-9a-f]{40}/);
    const prNumber = env.repo.pulls({ state: "closed", base: "master" }).at(-1) ?? 0;
    expect(env.repo.labels(prNumber)).toContain("cherry-pick/failed");
  });

  it("ends with the dashboard of release-1.5: the untested pin, the conflict, what to run", () => {
    expect(record.dashboard).toContain(
      "**Next:** `/rc 1.5`: 1 commit on `release-1.5` no tag covers",
    );
    expect(record.dashboard).toMatch(/\| \[`v1\.5\.1-rc\.0`\]\([^)]+\) \| candidate \|/);
    expect(record.dashboard).toContain("Pin golang 1.22.5 for the 1.5 line");
    expect(record.dashboard).toMatch(/- \*\*conflict\*\*: #\d+ Build with Go 1\.23 \(\[status\]/);
  });

  it("received only responses that conform to GitHub's OpenAPI description", () => {
    expect(mismatches).toEqual([]);
    // The checks did run: the bot's reads and writes across refs, git data, pulls, issues, releases.
    expect(validatedOperations.size).toBeGreaterThan(20);
  });
});
