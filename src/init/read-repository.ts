/**
 * A repository as `release-bot init` sees it: the tree of its HEAD commit, the text of every file
 * that may hold a version, and its tags, read with the git CLI. Work trees and bare repositories
 * alike; nothing is written to them (no index refresh, no lock: `GIT_OPTIONAL_LOCKS=0`).
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import type { RepositoryView } from "../core/config/init-release.js";
import { DEFAULT_BUDGET, isSearchable } from "../core/files/place-candidates.js";

const execFileAsync = promisify(execFile);

export interface InspectedRepository extends RepositoryView {
  /** The commit inspected. */
  commit: string;
  bare: boolean;
}

const ENV = { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" };

async function git(dir: string, args: readonly string[]): Promise<string> {
  const { stdout } = await execFileAsync("git", ["-C", dir, ...args], {
    env: ENV,
    maxBuffer: 1 << 28,
  });
  return stdout;
}

/** Throws an error a user can act on when `dir` is not a repository with a commit. */
export async function readRepository(dir: string): Promise<InspectedRepository> {
  const commit = await git(dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).then(
    (out) => out.trim(),
    () => "",
  );
  if (commit === "") {
    throw new Error(`${dir} is not a git repository with a commit at HEAD`);
  }
  const bare = (await git(dir, ["rev-parse", "--is-bare-repository"])).trim() === "true";
  const listing = await git(dir, ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]);
  const entries = listing
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const [meta = "", path = ""] = line.split("\t");
      const [mode = "", type = "", sha = "", size = ""] = meta.split(/\s+/);
      return { mode, type, sha, path, size: Number(size) };
    })
    .filter((e) => e.type === "blob" && e.mode !== "120000");
  const wanted = entries.filter((e) => isSearchable(e, DEFAULT_BUDGET.maxFileBytes));
  const texts = await catBlobs(
    dir,
    wanted.map((e) => e.sha),
  );
  const files = new Map<string, string>();
  for (const entry of wanted) {
    const data = texts.get(entry.sha);
    // git's test for binary content: a NUL byte in the first 8,000 bytes.
    if (data && !data.subarray(0, 8000).includes(0)) files.set(entry.path, data.toString("utf8"));
  }
  const tags = (await git(dir, ["tag", "--list"])).split("\n").filter(Boolean);
  return { commit, bare, files, paths: entries.map((e) => e.path), tags };
}

/** The bytes of many blobs through one `git cat-file --batch`. */
function catBlobs(dir: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", dir, "cat-file", "--batch"], { env: ENV });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`git cat-file exited with ${code}`));
        return;
      }
      const out = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer>();
      let at = 0;
      while (at < out.length) {
        const end = out.indexOf(10, at);
        const [sha = "", , size = "0"] = out.subarray(at, end).toString("utf8").split(" ");
        const length = Number(size);
        blobs.set(sha, out.subarray(end + 1, end + 1 + length));
        at = end + 1 + length + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(shas.map((sha) => `${sha}\n`).join(""));
  });
}
