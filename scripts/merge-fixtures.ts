/**
 * Records what git makes of the generated three-way merges of
 * `test/core/pick/merge/generated-cases.ts` into `test/fixtures/merges/git-results.json`, which
 * the merge tests compare release-bot's merge with: `git merge-file` (Myers diff, the alnum
 * level) and `git merge-tree` (merge-ort: histogram diff, the zealous level, as
 * `git cherry-pick` and GitHub merge). Needs git 2.38 or later on PATH; run it after changing
 * the generator: `npx tsx scripts/merge-fixtures.ts`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  caseShapes,
  type GitResult,
  generateCase,
} from "../test/core/pick/merge/generated-cases.js";

const dir = mkdtempSync(join(tmpdir(), "merge-fixtures-"));
const env = {
  PATH: process.env.PATH,
  HOME: dir,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "a",
  GIT_AUTHOR_EMAIL: "a@example.com",
  GIT_COMMITTER_NAME: "a",
  GIT_COMMITTER_EMAIL: "a@example.com",
};
const git = (args: string[], input?: string) =>
  execFileSync("git", ["--git-dir", join(dir, "r.git"), ...args], {
    env,
    input,
    maxBuffer: 1 << 30,
  }).toString();
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

git(["init", "-q", "--bare"]);
const results: GitResult[] = [];
for (const shape of caseShapes()) {
  const c = generateCase(shape);
  for (const [name, text] of [
    ["base", c.base],
    ["ours", c.ours],
    ["theirs", c.theirs],
  ]) {
    writeFileSync(join(dir, name as string), text as string);
  }
  const file = spawnSync(
    "git",
    ["merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs"],
    { cwd: dir, env, maxBuffer: 1 << 30 },
  );
  const fileText = file.stdout.toString();
  results.push({
    name: c.name,
    algorithm: "myers",
    clean: file.status === 0,
    conflicts: file.status,
    sha1: sha1(fileText),
  });

  const tree = (text: string) => {
    const blob = git(["hash-object", "-w", "--stdin"], text).trim();
    return git(["mktree"], `100644 blob ${blob}\tf\n`).trim();
  };
  const base = git(["commit-tree", tree(c.base), "-m", "base"]).trim();
  const ours = git(["commit-tree", tree(c.ours), "-p", base, "-m", "ours"]).trim();
  const theirs = git(["commit-tree", tree(c.theirs), "-p", base, "-m", "theirs"]).trim();
  const merged = spawnSync(
    "git",
    ["--git-dir", join(dir, "r.git"), "merge-tree", "--write-tree", "--name-only", ours, theirs],
    { env, maxBuffer: 1 << 30 },
  );
  const outTree = merged.stdout.toString().split("\n")[0] as string;
  const treeText = git(["cat-file", "-p", `${outTree}:f`])
    .replace(/^<{7} [^\r\n]*/gm, "<<<<<<< ours")
    .replace(/^>{7} [^\r\n]*/gm, ">>>>>>> theirs");
  results.push({
    name: c.name,
    algorithm: "histogram",
    clean: merged.status === 0,
    conflicts: null,
    sha1: sha1(treeText),
  });
}
rmSync(dir, { recursive: true, force: true });
const version = execFileSync("git", ["--version"]).toString().trim();
const target = new URL("../test/fixtures/merges/git-results.json", import.meta.url);
writeFileSync(target, `${JSON.stringify({ git: version, results }, null, 1)}\n`);
console.log(`${results.length} results from ${version}`);
