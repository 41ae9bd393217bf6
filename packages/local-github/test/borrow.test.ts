import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isolatedGitEnv, type Sandbox, startSandbox } from "../src/index.js";

const execFileAsync = promisify(execFile);

let scratch: string;
let sandbox: Sandbox;

async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    ...isolatedGitEnv(scratch),
    GIT_AUTHOR_NAME: "Ada",
    GIT_AUTHOR_EMAIL: "ada@example.com",
    GIT_COMMITTER_NAME: "Ada",
    GIT_COMMITTER_EMAIL: "ada@example.com",
  };
  return (await execFileAsync("git", args, { cwd, env })).stdout.trim();
}

/** A work tree on `trunk` with two commits, a branch, a lightweight and an annotated tag. */
async function workTree(): Promise<string> {
  const dir = join(scratch, "work");
  await git(scratch, "init", "--quiet", "--initial-branch=trunk", dir);
  await writeFile(join(dir, "VERSION"), "v1.0.0\n");
  await git(dir, "add", ".");
  await git(dir, "commit", "--quiet", "-m", "first");
  await git(dir, "tag", "v1.0.0");
  await writeFile(join(dir, "VERSION"), "v1.1.0\n");
  await git(dir, "commit", "--quiet", "-am", "second");
  await git(dir, "tag", "-a", "-m", "one point one", "v1.1.0");
  await git(dir, "branch", "release-1.0", "v1.0.0");
  return dir;
}

/** Every file under a directory with its size and modification time: what "unchanged" means. */
async function fingerprint(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const lines: string[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    lines.push(`${path} ${info.size} ${info.mtimeMs}`);
  }
  return lines.sort();
}

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "sandbox-borrow-"));
  sandbox = await startSandbox({ webhookSecret: "s" });
});

afterEach(async () => {
  await sandbox.close();
  await rm(scratch, { recursive: true, force: true });
});

describe("createRepo({ fromGitDir })", () => {
  it("serves every branch and tag of a work tree, its HEAD branch as the default", async () => {
    const dir = await workTree();
    const repo = await sandbox.createRepo("kubeflow/borrowed", { fromGitDir: dir });
    const octokit = new Octokit({ baseUrl: sandbox.url, auth: "x" });
    const { data } = await octokit.rest.repos.get({ owner: "kubeflow", repo: "borrowed" });
    expect(data.default_branch).toBe("trunk");
    const branches = await octokit.rest.repos.listBranches({ owner: "kubeflow", repo: "borrowed" });
    expect(branches.data.map((b) => [b.name, b.commit.sha])).toEqual([
      ["release-1.0", await git(dir, "rev-parse", "v1.0.0")],
      ["trunk", await git(dir, "rev-parse", "trunk")],
    ]);
    const tag = await octokit.rest.git.getRef({
      owner: "kubeflow",
      repo: "borrowed",
      ref: "tags/v1.1.0",
    });
    expect(tag.data.object).toMatchObject({
      type: "tag",
      sha: await git(dir, "rev-parse", "v1.1.0"),
    });
    const file = await octokit.rest.repos.getContent({
      owner: "kubeflow",
      repo: "borrowed",
      path: "VERSION",
      ref: "v1.0.0",
      mediaType: { format: "raw" },
    });
    expect(file.data).toBe("v1.0.0\n");
    expect(await repo.git("log", "--format=%s", "trunk")).toBe("second\nfirst\n");
  });

  it("borrows the objects instead of copying them, and writes nothing to the source", async () => {
    const dir = await workTree();
    const before = await fingerprint(dir);
    const repo = await sandbox.createRepo("kubeflow/borrowed", { fromGitDir: dir });
    await repo.commit({ branch: "trunk", files: { VERSION: "v1.2.0\n" }, message: "third" });
    expect(await readFile(join(repo.gitDir, "objects", "info", "alternates"), "utf8")).toBe(
      `${join(dir, ".git", "objects")}\n`,
    );
    // The new commit, its tree and blob are the only objects the served repository holds.
    expect(await repo.git("count-objects")).toMatch(/^3 objects/);
    expect(await fingerprint(dir)).toEqual(before);
    expect(await git(dir, "rev-parse", "trunk")).not.toBe(await repo.resolve("trunk"));
  });

  it("serves a bare repository", async () => {
    const dir = await workTree();
    const bare = join(scratch, "bare.git");
    await git(scratch, "clone", "--quiet", "--bare", dir, bare);
    const repo = await sandbox.createRepo("kubeflow/bare", { fromGitDir: bare });
    expect(repo.defaultBranch).toBe("trunk");
    expect((await repo.tags()).map((t) => t.name)).toEqual(["v1.0.0", "v1.1.0"]);
    expect(await repo.readFile("release-1.0", "VERSION")).toBe("v1.0.0\n");
  });

  it("serves an empty repository with no branch, its unborn HEAD branch as the default", async () => {
    const dir = join(scratch, "empty");
    await git(scratch, "init", "--quiet", "--initial-branch=develop", dir);
    const repo = await sandbox.createRepo("kubeflow/empty", { fromGitDir: dir });
    expect(repo.defaultBranch).toBe("develop");
    expect(await repo.branches()).toEqual([]);
  });

  it("refuses a directory that is not a git repository", async () => {
    await expect(sandbox.createRepo("kubeflow/nothing", { fromGitDir: scratch })).rejects.toThrow(
      `${scratch} is not a git repository`,
    );
  });
});
