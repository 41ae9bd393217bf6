import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitIn } from "../../packages/rehearse/test/spark-layout.js";
import { INIT_USAGE, initCli } from "../../src/init/cli.js";
import { readRepository } from "../../src/init/read-repository.js";

let scratch: string;
let work: string;
let bare: string;

const CHART = "apiVersion: v2\nname: op\nversion: 1.2.0\nappVersion: 1.2.0\n";

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "init-cli-"));
  work = join(scratch, "work");
  const git = gitIn(scratch, scratch);
  await git("init", "--quiet", "--initial-branch=master", work);
  const inWork = gitIn(work, scratch);
  await writeFile(join(work, "VERSION"), "v1.2.0\n");
  await writeFile(join(work, "logo.png"), Buffer.from([0x89, 0x50, 0, 1, 2]));
  await writeFile(join(work, "Chart.yaml"), CHART);
  await inWork("add", ".");
  await inWork("commit", "--quiet", "-m", "one");
  await inWork("tag", "v1.2.0");
  // Uncommitted work is not the release: HEAD is read.
  await writeFile(join(work, "VERSION"), "v9.9.9\n");
  bare = join(scratch, "bare.git");
  await git("clone", "--quiet", "--bare", work, bare);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await initCli(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("release-bot init", () => {
  it("prints its usage for --help and refuses unknown options", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, out: INIT_USAGE, err: "" });
    const bad = await run(["--nope"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^release-bot init: Unknown option '--nope'/);
  });

  it("refuses a directory that is not a repository with a commit", async () => {
    expect(await run(["--repo", scratch])).toEqual({
      code: 2,
      out: "",
      err: `release-bot init: ${scratch} is not a git repository with a commit at HEAD; give --repo a git repository.`,
    });
  });

  it("writes into the work tree by default, reading HEAD, and replaces a file only with --force", async () => {
    const result = await run(["--repo", work]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("Release 1.2.0, read from VERSION `v1.2.0`");
    expect(result.out).toContain("\nLeft alone: nothing.\n");
    const file = join(work, ".github/release-bot.yml");
    expect(result.out.endsWith(`Wrote ${file}.`)).toBe(true);
    expect(await readFile(file, "utf8")).toContain("# VERSION: `v1.2.0`\nversionFile:");
    const again = await run(["--repo", work]);
    expect(again).toEqual({
      code: 2,
      out: "",
      err: `release-bot init: ${file} exists; pass --force to replace it.`,
    });
    expect((await run(["--repo", work, "--force"])).code).toBe(0);
  });

  it("needs --out for a bare repository, and writes nothing into it", async () => {
    expect(await run(["--repo", bare])).toEqual({
      code: 2,
      out: "",
      err: `release-bot init: ${bare} is a bare repository; say where to write with --out FILE.`,
    });
    const out = join(scratch, "bare.yml");
    const result = await run(["--repo", bare, "--out", out]);
    expect(result.code).toBe(0);
    expect(await readFile(out, "utf8")).toContain("charts:\n  paths:\n    - Chart.yaml\n");
  });

  it("fails when the repository has no release version", async () => {
    const empty = join(scratch, "empty");
    await gitIn(scratch, scratch)("init", "--quiet", "--initial-branch=master", empty);
    const inEmpty = gitIn(empty, scratch);
    await writeFile(join(empty, "README.md"), "hello\n");
    await inEmpty("add", ".");
    await inEmpty("commit", "--quiet", "-m", "one");
    expect(await run(["--repo", empty, "--out", join(scratch, "none.yml")])).toEqual({
      code: 1,
      out: "",
      err: "release-bot init: found no release version: no Chart.yaml `version`/`appVersion`, root VERSION file or tag is a SemVer version.",
    });
  });
});

describe("readRepository", () => {
  it("reads the commit's text files, every path and the tags", async () => {
    const repository = await readRepository(bare);
    expect(repository.bare).toBe(true);
    expect([...repository.paths].sort()).toEqual(["Chart.yaml", "VERSION", "logo.png"]);
    expect([...repository.files.keys()].sort()).toEqual(["Chart.yaml", "VERSION"]);
    expect(repository.files.get("VERSION")).toBe("v1.2.0\n");
    expect(repository.tags).toEqual(["v1.2.0"]);
    expect(repository.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
