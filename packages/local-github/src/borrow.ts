/**
 * Serving an existing git repository without copying it: the new bare repository borrows the
 * source's objects through `objects/info/alternates` and starts with a copy of its branches and
 * tags. Only the source's refs are read; nothing is written to it.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { isolatedGitEnv } from "./git.js";

const execFileAsync = promisify(execFile);

/** What a source repository lends: where its objects are, its refs, its HEAD branch. */
export interface BorrowedSource {
  /** Absolute path of the source's object store. */
  objectsDir: string;
  /** The source's common git directory (a linked worktree's is the main repository's). */
  commonDir: string;
  /** The branch HEAD names (also when it has no commit yet), or null for a detached HEAD. */
  headBranch: string | null;
  /** `refs/heads/*` and `refs/tags/*` with the object each points to, sorted by name. */
  refs: Array<{ ref: string; sha: string }>;
}

/** Reads a work tree or bare repository's object store, branches, tags and HEAD branch. */
export async function readBorrowedSource(dir: string, homeDir: string): Promise<BorrowedSource> {
  // GIT_OPTIONAL_LOCKS=0: reading must not refresh the source's index or take its locks.
  const env = { ...isolatedGitEnv(homeDir), GIT_OPTIONAL_LOCKS: "0" };
  const git = async (...args: string[]) => {
    try {
      const { stdout } = await execFileAsync("git", ["-C", dir, ...args], {
        env,
        maxBuffer: 1 << 30,
      });
      return { ok: true as const, out: stdout };
    } catch (error) {
      return { ok: false as const, out: String((error as { stderr?: string }).stderr ?? error) };
    }
  };
  const common = await git("rev-parse", "--path-format=absolute", "--git-common-dir");
  if (!common.ok) throw new Error(`${dir} is not a git repository: ${common.out.trim()}`);
  const commonDir = common.out.trim();
  const head = await git("symbolic-ref", "--quiet", "--short", "HEAD");
  const listed = await git(
    "for-each-ref",
    "--format=%(objectname) %(refname)",
    "refs/heads/",
    "refs/tags/",
  );
  if (!listed.ok) throw new Error(`cannot list the refs of ${dir}: ${listed.out.trim()}`);
  const refs = listed.out
    .split("\n")
    .filter(Boolean)
    .map((line) => ({ sha: line.slice(0, 40), ref: line.slice(41) }));
  return {
    objectsDir: join(commonDir, "objects"),
    commonDir,
    headBranch: head.ok ? head.out.trim() : null,
    refs,
  };
}

/**
 * Points the bare repository at `gitDir` to the source's objects and gives it the source's refs,
 * written as one packed-refs file (100,000 tags cost one write, not 100,000 files). A shallow
 * source's boundary is copied too, so history walks stop where the source's do.
 */
export async function borrowInto(gitDir: string, source: BorrowedSource): Promise<void> {
  await mkdir(join(gitDir, "objects", "info"), { recursive: true });
  await writeFile(join(gitDir, "objects", "info", "alternates"), `${source.objectsDir}\n`);
  if (source.refs.length > 0) {
    const lines = source.refs.map((r) => `${r.sha} ${r.ref}\n`).join("");
    await writeFile(join(gitDir, "packed-refs"), lines);
  }
  await copyFile(join(source.commonDir, "shallow"), join(gitDir, "shallow")).catch(() => {
    // not a shallow repository
  });
}
