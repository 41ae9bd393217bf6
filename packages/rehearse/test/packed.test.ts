/**
 * `release-bot rehearse` as a user gets it: the package packed (`npm pack`, which builds dist/),
 * installed into an empty directory without devDependencies, and run with node alone on a small
 * repository. Tagged `install`: npm may ask the registry for dependencies its cache lacks.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RehearsalReport } from "../src/report.js";
import { gitIn } from "./spark-layout.js";

const run = promisify(execFile);
const PACKAGE = join(import.meta.dirname, "..");

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "rehearse-packed-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A repository at 1.4 with a VERSION file and a chart, on master. */
async function smallRepository(): Promise<string> {
  const dir = join(scratch, "operator");
  await mkdir(join(dir, "charts/operator"), { recursive: true });
  await writeFile(join(dir, "VERSION"), "v1.4.0\n");
  await writeFile(
    join(dir, "charts/operator/Chart.yaml"),
    "apiVersion: v2\nname: operator\nversion: 1.4.0\nappVersion: 1.4.0\n",
  );
  const git = gitIn(dir, scratch);
  await git("init", "--quiet", "--initial-branch=master");
  await git("add", ".");
  await git("commit", "--quiet", "-m", "Release 1.4");
  return dir;
}

describe("the packed @release-bot/rehearse", () => {
  it("installs without devDependencies and rehearses /branch 1.5 from its JavaScript", {
    tags: ["install"],
  }, async () => {
    const { stdout: packed } = await run("npm", ["pack", "--pack-destination", scratch], {
      cwd: PACKAGE,
    });
    const tarball = join(scratch, packed.trim().split("\n").at(-1) ?? "");
    const home = join(scratch, "install");
    await mkdir(home);
    await writeFile(join(home, "package.json"), '{ "name": "user", "private": true }\n');
    await run(
      "npm",
      ["install", tarball, "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"],
      { cwd: home },
    );
    // Nothing of the development set-up came along: no TypeScript runner, no local GitHub package.
    const installed = await readdir(join(home, "node_modules"));
    expect(installed).not.toContain("tsx");
    expect(installed).not.toContain("typescript");
    expect(await readdir(join(home, "node_modules/@release-bot"))).toEqual(["rehearse"]);

    const repo = await smallRepository();
    const json = join(scratch, "report.json");
    const { stdout } = await run(
      join(home, "node_modules/.bin/release-bot"),
      ["rehearse", "--repo", repo, "--json", json, "/branch 1.5"],
      { cwd: home, env: { PATH: process.env.PATH ?? "", HOME: scratch } },
    );
    expect(stdout).toContain("▶ /branch 1.5");
    const [step] = (JSON.parse(await readFile(json, "utf8")) as RehearsalReport).steps;
    expect(step?.replies).toEqual([
      expect.stringMatching(
        /^Created \[`release-1\.5`\].* Tagged release candidate \[`v1\.5\.0-rc\.0`\]/,
      ),
    ]);
    expect(step?.tags).toEqual([
      {
        name: "v1.5.0-rc.0",
        sha: step?.branches[0]?.sha,
        annotated: true,
        versions: {
          "charts/operator/Chart.yaml:version": "1.5.0-rc.0",
          "charts/operator/Chart.yaml:appVersion": "1.5.0-rc.0",
          "VERSION:content": "v1.5.0-rc.0",
        },
      },
    ]);
  });
});
