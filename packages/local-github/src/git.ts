import { spawn } from "node:child_process";
import { readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { contentsParser, infoParser, lineParser, linesParser, PersistentGit } from "./git-batch.js";
import { EMPTY_TREE, ZERO_SHA } from "./util.js";

let tmpCounter = 0;

/** A person in a git object: name, email and a time with its UTC offset in minutes. */
export interface GitIdent {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  time: number;
  /** Offset from UTC in minutes (e.g. +120 for +0200). */
  tzOffset: number;
}

export type GitObjectType = "blob" | "tree" | "commit" | "tag";

export interface TreeEntry {
  mode: string;
  type: GitObjectType;
  sha: string;
  name: string;
  size?: number;
}

export interface ParsedCommit {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdent;
  committer: GitIdent;
  /** The message without git's trailing newline. */
  message: string;
  signature: string | null;
}

export interface ParsedTag {
  sha: string;
  object: string;
  objectType: GitObjectType;
  tag: string;
  tagger: GitIdent | null;
  message: string;
}

export interface DiffFile {
  filename: string;
  previousFilename?: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed";
  /** Blob sha of the new side (of the old side for removals). */
  sha: string;
  oldSha: string;
  additions: number;
  deletions: number;
  patch?: string;
  binary: boolean;
}

export interface MergeTreeResult {
  clean: boolean;
  tree: string | null;
  conflicts: string[];
  messages: string;
}

export class GitError extends Error {
  readonly code: number | null;
  readonly stderr: string;
  readonly args: string[];
  constructor(args: string[], code: number | null, stderr: string) {
    super(`git ${args.join(" ")} exited with ${code}: ${stderr.trim()}`);
    this.name = "GitError";
    this.code = code;
    this.stderr = stderr;
    this.args = args;
  }
}

interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
}

interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `1700000000 +0200` from an ident, the format git reads from GIT_AUTHOR_DATE. */
export function gitDate(ident: { time: number; tzOffset: number }): string {
  const sign = ident.tzOffset < 0 ? "-" : "+";
  const abs = Math.abs(ident.tzOffset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${ident.time} ${sign}${hh}${mm}`;
}

function parseIdent(line: string): GitIdent {
  const m = /^(.*) <(.*)> (-?\d+) ([+-])(\d\d)(\d\d)$/.exec(line);
  if (!m) return { name: line, email: "", time: 0, tzOffset: 0 };
  const [, name = "", email = "", time = "0", sign, hh = "0", mm = "0"] = m;
  const offset = Number(hh) * 60 + Number(mm);
  return { name, email, time: Number(time), tzOffset: sign === "-" ? -offset : offset };
}

/** What git keeps of a name or email in an ident line (no `<`, `>` or newlines, trimmed). */
function cleanIdent(value: string): string {
  return value.replace(/[<>\n]/g, "").trim();
}

function stripOneNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** Parse a raw commit object (the output of `git cat-file commit`). */
export function parseCommit(sha: string, raw: string): ParsedCommit {
  const headerEnd = raw.indexOf("\n\n");
  const header = headerEnd < 0 ? raw : raw.slice(0, headerEnd);
  const message = headerEnd < 0 ? "" : raw.slice(headerEnd + 2);
  const result: ParsedCommit = {
    sha,
    tree: EMPTY_TREE,
    parents: [],
    author: { name: "", email: "", time: 0, tzOffset: 0 },
    committer: { name: "", email: "", time: 0, tzOffset: 0 },
    message: stripOneNewline(message),
    signature: null,
  };
  const lines = header.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const space = line.indexOf(" ");
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === "tree") result.tree = value;
    else if (key === "parent") result.parents.push(value);
    else if (key === "author") result.author = parseIdent(value);
    else if (key === "committer") result.committer = parseIdent(value);
    else if (key === "gpgsig") {
      const sig = [value];
      while (lines[i + 1]?.startsWith(" ")) {
        i++;
        sig.push((lines[i] ?? "").slice(1));
      }
      result.signature = sig.join("\n");
    }
  }
  return result;
}

export function parseTag(sha: string, raw: string): ParsedTag {
  const headerEnd = raw.indexOf("\n\n");
  const header = headerEnd < 0 ? raw : raw.slice(0, headerEnd);
  const message = headerEnd < 0 ? "" : raw.slice(headerEnd + 2);
  const result: ParsedTag = {
    sha,
    object: ZERO_SHA,
    objectType: "commit",
    tag: "",
    tagger: null,
    message: stripOneNewline(message),
  };
  for (const line of header.split("\n")) {
    const space = line.indexOf(" ");
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === "object") result.object = value;
    else if (key === "type") result.objectType = value as GitObjectType;
    else if (key === "tag") result.tag = value;
    else if (key === "tagger") result.tagger = parseIdent(value);
  }
  return result;
}

/**
 * One bare repository, driven through the git CLI with a fixed environment (no system or
 * global config, HOME in the sandbox's temp dir, C locale), so results are reproducible.
 */
/** An environment for git that reads no user or system configuration and speaks C/UTC. */
export function isolatedGitEnv(homeDir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: homeDir,
    XDG_CONFIG_HOME: homeDir,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    LANG: "C",
    LC_ALL: "C",
    TZ: "UTC",
  };
}

export class Git {
  readonly gitDir: string;
  private readonly baseEnv: Record<string, string>;
  private readonly tmpDir: string;
  private reader: PersistentGit | null = null;
  private treeWriter: PersistentGit | null = null;
  private blobWriter: PersistentGit | null = null;
  private refWriter: PersistentGit | null = null;
  private commitWriter: PersistentGit | null = null;
  private refQueue: Promise<unknown> = Promise.resolve();
  /** Results that depend only on object ids (immutable), keyed by operation + ids. */
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(gitDir: string, homeDir: string) {
    this.gitDir = gitDir;
    this.tmpDir = homeDir;
    this.baseEnv = { ...isolatedGitEnv(homeDir), GIT_OPTIONAL_LOCKS: "0" };
  }

  /** Cache a computation over immutable objects (all inputs are full shas). */
  private cached<T>(key: string, inputs: string[], compute: () => Promise<T>): Promise<T> {
    if (!inputs.every((x) => /^[0-9a-f]{40}$/.test(x))) return compute();
    const hit = this.memo.get(key);
    if (hit) return hit as Promise<T>;
    if (this.memo.size > 5000) this.memo.clear();
    const promise = compute();
    this.memo.set(key, promise);
    promise.catch(() => this.memo.delete(key));
    return promise;
  }

  private persistent(args: string[]): PersistentGit {
    return new PersistentGit(["--git-dir", this.gitDir, ...args], this.baseEnv);
  }

  private get batchReader(): PersistentGit {
    this.reader ??= this.persistent(["cat-file", "--batch-command"]);
    return this.reader;
  }

  /** Stop the long-running git processes. */
  close(): void {
    for (const p of [
      this.reader,
      this.treeWriter,
      this.blobWriter,
      this.refWriter,
      this.commitWriter,
    ]) {
      p?.close();
    }
    this.reader = this.treeWriter = this.blobWriter = this.refWriter = this.commitWriter = null;
  }

  /** Run git and return its exit code and output; never throws for a non-zero exit. */
  exec(args: string[], options: RunOptions = {}): Promise<RunResult> {
    const fullArgs = ["--git-dir", this.gitDir, ...args];
    return new Promise((resolve, reject) => {
      const child = spawn("git", fullArgs, {
        env: { ...this.baseEnv, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code) => {
        resolve({
          code,
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(err).toString("utf8"),
        });
      });
      child.stdin.on("error", () => {
        // git may exit before reading stdin (e.g. a bad argument); the exit code says why.
      });
      if (options.input !== undefined) child.stdin.end(options.input);
      else child.stdin.end();
    });
  }

  /** Run git, throw GitError on a non-zero exit, return stdout. */
  async run(args: string[], options: RunOptions = {}): Promise<Buffer> {
    const result = await this.exec(args, options);
    if (result.code !== 0) throw new GitError(args, result.code, result.stderr);
    return result.stdout;
  }

  async text(args: string[], options: RunOptions = {}): Promise<string> {
    return (await this.run(args, options)).toString("utf8");
  }

  async init(defaultBranch: string): Promise<void> {
    const result = await this.exec([
      "init",
      "--bare",
      "--quiet",
      `--initial-branch=${defaultBranch}`,
    ]);
    if (result.code !== 0) throw new GitError(["init"], result.code, result.stderr);
    await this.run(["config", "gc.auto", "0"]);
    await this.run(["config", "core.logAllRefUpdates", "false"]);
  }

  /** `git hash-object -w` (blobs go through a long-running `hash-object --stdin-paths`). */
  async hashObject(type: GitObjectType, data: Buffer | string): Promise<string> {
    if (type !== "blob") {
      const out = await this.text(["hash-object", "-w", "-t", type, "--stdin"], { input: data });
      return out.trim();
    }
    this.blobWriter ??= this.persistent(["hash-object", "-w", "--no-filters", "--stdin-paths"]);
    return this.writeThrough(this.blobWriter, data);
  }

  /** `git mktree` (a long-running `mktree -z --batch`); entries need not be sorted. */
  async mktree(entries: TreeEntry[]): Promise<string> {
    const input = `${entries.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}\0`).join("")}\0`;
    this.treeWriter ??= this.persistent(["mktree", "-z", "--batch", "--missing"]);
    return (await this.treeWriter.request(input, lineParser)).trim();
  }

  /**
   * Write a commit object (what `git commit-tree` writes, through a long-running
   * `git hash-object -t commit -w --stdin-paths`, which also checks the object's format).
   * Callers make sure the tree and parents exist.
   */
  async commitTree(options: {
    tree: string;
    parents: string[];
    message: string;
    author: GitIdent;
    committer: GitIdent;
  }): Promise<string> {
    const person = (p: GitIdent) => `${cleanIdent(p.name)} <${cleanIdent(p.email)}> ${gitDate(p)}`;
    let text = `tree ${options.tree}\n`;
    for (const parent of options.parents) text += `parent ${parent}\n`;
    const message = options.message.endsWith("\n") ? options.message : `${options.message}\n`;
    text += `author ${person(options.author)}\ncommitter ${person(options.committer)}\n\n${message}`;
    this.commitWriter ??= this.persistent(["hash-object", "-t", "commit", "-w", "--stdin-paths"]);
    return this.writeThrough(this.commitWriter, text);
  }

  /** Write data to a temp file and have a `--stdin-paths` hash-object process store it. */
  private async writeThrough(writer: PersistentGit, data: Buffer | string): Promise<string> {
    const file = join(this.tmpDir, `obj-${process.pid}-${++tmpCounter}`);
    await writeFile(file, data);
    try {
      return (await writer.request(`${file}\n`, lineParser)).trim();
    } finally {
      await unlink(file).catch(() => undefined);
    }
  }

  async mktag(options: {
    object: string;
    type: GitObjectType;
    tag: string;
    tagger: GitIdent;
    message: string;
  }): Promise<string> {
    const t = options.tagger;
    const message = options.message.endsWith("\n") ? options.message : `${options.message}\n`;
    const content = `object ${options.object}\ntype ${options.type}\ntag ${options.tag}\ntagger ${t.name} <${t.email}> ${gitDate(t)}\n\n${message}`;
    const out = await this.text(["mktag"], { input: content });
    return out.trim();
  }

  /** The type of an object, or null when it does not exist. */
  async objectType(sha: string): Promise<GitObjectType | null> {
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      if (!/^[0-9a-f]{4,39}$/.test(sha)) return null;
      const result = await this.exec(["cat-file", "-t", sha]);
      return result.code === 0 ? (result.stdout.toString("utf8").trim() as GitObjectType) : null;
    }
    const info = await this.batchReader.request(`info ${sha}\n`, infoParser);
    return (info?.type as GitObjectType | undefined) ?? null;
  }

  /** Read several objects (one round trip to the long-running `cat-file --batch-command`). */
  async readObjects(shas: string[]): Promise<Map<string, { type: GitObjectType; data: Buffer }>> {
    const result = new Map<string, { type: GitObjectType; data: Buffer }>();
    const unique = [...new Set(shas)].filter((s) => /^[0-9a-f]{40}$/.test(s));
    const objects = await this.batchReader.requestMany(
      unique.map((s) => `contents ${s}\n`),
      contentsParser,
    );
    unique.forEach((sha, i) => {
      const obj = objects[i];
      if (obj?.data) result.set(sha, { type: obj.type as GitObjectType, data: obj.data });
    });
    return result;
  }

  async readObject(sha: string): Promise<{ type: GitObjectType; data: Buffer } | null> {
    return (await this.readObjects([sha])).get(sha) ?? null;
  }

  async readCommits(shas: string[]): Promise<Map<string, ParsedCommit>> {
    const objects = await this.readObjects(shas);
    const commits = new Map<string, ParsedCommit>();
    for (const sha of shas) {
      const obj = objects.get(sha);
      if (obj?.type === "commit") commits.set(sha, parseCommit(sha, obj.data.toString("utf8")));
    }
    return commits;
  }

  async readCommit(sha: string): Promise<ParsedCommit | null> {
    return (await this.readCommits([sha])).get(sha) ?? null;
  }

  async readTag(sha: string): Promise<ParsedTag | null> {
    const obj = await this.readObject(sha);
    if (obj?.type !== "tag") return null;
    return parseTag(sha, obj.data.toString("utf8"));
  }

  /** Resolve a revision to a full sha (optionally peeled to `^{commit}` etc.), or null. */
  async revParse(rev: string, peel?: "commit" | "tree"): Promise<string | null> {
    if (!rev || rev.startsWith("-") || rev.includes("\0") || rev.includes("\n")) return null;
    const spec = peel ? `${rev}^{${peel}}` : rev;
    if (/^[0-9a-f]{40}(?![0-9a-f])/.test(spec)) {
      // Expressions over a full sha are immutable: ask the long-running cat-file.
      const info = await this.batchReader.request(`info ${spec}\n`, infoParser);
      return info?.sha ?? null;
    }
    const result = await this.exec(["rev-parse", "--verify", "--quiet", "--end-of-options", spec]);
    if (result.code !== 0) return null;
    return result.stdout.toString("utf8").trim() || null;
  }

  /** Entries of a tree: parsed from the tree object, or `git ls-tree -r -t` when recursive. */
  async lsTree(tree: string, options: { recursive?: boolean; long?: boolean } = {}) {
    const entries: Array<TreeEntry & { path: string }> = [];
    if (!options.recursive && /^[0-9a-f]{40}$/.test(tree)) {
      const obj = await this.readObject(tree);
      if (obj?.type !== "tree")
        throw new GitError(["ls-tree", tree], 128, `not a tree object: ${tree}`);
      const data = obj.data;
      let pos = 0;
      while (pos < data.length) {
        const space = data.indexOf(0x20, pos);
        const nul = data.indexOf(0, space);
        const rawMode = data.subarray(pos, space).toString("latin1");
        const name = data.subarray(space + 1, nul).toString("utf8");
        const sha = data.subarray(nul + 1, nul + 21).toString("hex");
        pos = nul + 21;
        const mode = rawMode.padStart(6, "0");
        const type: GitObjectType =
          mode === "040000" ? "tree" : mode === "160000" ? "commit" : "blob";
        entries.push({ mode, type, sha, name, path: name });
      }
      if (options.long) {
        const blobs = entries.filter((e) => e.type === "blob");
        const infos = await this.batchReader.requestMany(
          blobs.map((e) => `info ${e.sha}\n`),
          infoParser,
        );
        blobs.forEach((e, i) => {
          e.size = infos[i]?.size ?? 0;
        });
      }
      return entries;
    }
    const args = ["ls-tree", "-z"];
    if (options.long) args.push("-l");
    if (options.recursive) args.push("-r", "-t");
    args.push(tree);
    const out = await this.text(args);
    for (const record of out.split("\0")) {
      if (!record) continue;
      const tab = record.indexOf("\t");
      const meta = record.slice(0, tab).split(/ +/);
      const path = record.slice(tab + 1);
      const entry: TreeEntry & { path: string } = {
        mode: meta[0] ?? "",
        type: (meta[1] ?? "blob") as GitObjectType,
        sha: meta[2] ?? "",
        name: path.slice(path.lastIndexOf("/") + 1),
        path,
      };
      if (options.long && meta[3] && meta[3] !== "-") entry.size = Number(meta[3]);
      entries.push(entry);
    }
    return entries;
  }

  /** All refs under a prefix (e.g. `refs/tags/`), with the object they point to. */
  async forEachRef(
    prefix = "refs/",
  ): Promise<Array<{ ref: string; sha: string; type: GitObjectType }>> {
    const out = await this.text([
      "for-each-ref",
      "--format=%(objectname) %(objecttype) %(refname)",
      prefix.endsWith("/") ? prefix : `${prefix}`,
    ]);
    const refs: Array<{ ref: string; sha: string; type: GitObjectType }> = [];
    for (const line of out.split("\n")) {
      if (!line) continue;
      const [sha = "", type = "commit", ...rest] = line.split(" ");
      refs.push({ sha, type: type as GitObjectType, ref: rest.join(" ") });
    }
    return refs;
  }

  /**
   * The sha a full ref name points to, or null. Reads git's ref files (loose, then packed-refs),
   * which `git update-ref` replaces atomically; saves a process per lookup.
   */
  async readRef(ref: string): Promise<string | null> {
    if (
      !ref.startsWith("refs/") ||
      ref.includes("\0") ||
      ref.split("/").some((p) => p === ".." || p === "")
    ) {
      return null;
    }
    try {
      const content = (await readFile(join(this.gitDir, ref), "utf8")).trim();
      if (/^[0-9a-f]{40}$/.test(content)) return content;
      if (content.startsWith("ref: ")) return this.readRef(content.slice(5));
    } catch {
      // not a loose ref (missing, or a directory)
    }
    try {
      const packed = await readFile(join(this.gitDir, "packed-refs"), "utf8");
      for (const line of packed.split("\n")) {
        if (line.endsWith(` ${ref}`) && /^[0-9a-f]{40} /.test(line)) return line.slice(0, 40);
      }
    } catch {
      // no packed refs
    }
    return null;
  }

  /**
   * Atomic compare-and-swap of a ref: `git update-ref <ref> <new> <old>`. `old` null means the
   * ref must not exist yet; undefined means no check. Returns false when the ref's value was not
   * `old` (another writer won).
   */
  async updateRef(ref: string, newSha: string, old: string | null | undefined): Promise<boolean> {
    const expected = old === undefined ? "" : ` ${old ?? ZERO_SHA}`;
    return this.refTransaction(`update ${ref} ${newSha}${expected}`, () => {
      const args = ["update-ref", ref, newSha];
      if (old !== undefined) args.push(old ?? ZERO_SHA);
      return args;
    });
  }

  async deleteRef(ref: string, old?: string): Promise<boolean> {
    return this.refTransaction(`delete ${ref}${old ? ` ${old}` : ""}`, () => {
      const args = ["update-ref", "-d", ref];
      if (old) args.push(old);
      return args;
    });
  }

  /**
   * One ref transaction through a long-running `git update-ref --stdin` (start / update /
   * prepare / commit), serialized so that a failed transaction (git exits) cannot take a
   * pipelined one with it. False when git refused (the compare-and-swap lost).
   */
  private refTransaction(command: string, spawnArgs: () => string[]): Promise<boolean> {
    if (/[\s\0]/.test(command.split(" ")[1] ?? " ")) {
      return this.exec(spawnArgs()).then((r) => r.code === 0);
    }
    const run = async (): Promise<boolean> => {
      this.refWriter ??= this.persistent(["update-ref", "--stdin"]);
      try {
        const lines = await this.refWriter.request(
          `start\n${command}\nprepare\ncommit\n`,
          linesParser(3),
        );
        return lines.join("\n") === "start: ok\nprepare: ok\ncommit: ok";
      } catch {
        return false;
      }
    };
    const result = this.refQueue.then(run, run);
    this.refQueue = result.catch(() => false);
    return result;
  }

  isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    if (ancestor === descendant) return Promise.resolve(true);
    return this.cached(`anc ${ancestor} ${descendant}`, [ancestor, descendant], async () => {
      const result = await this.exec(["merge-base", "--is-ancestor", ancestor, descendant]);
      return result.code === 0;
    });
  }

  mergeBase(a: string, b: string): Promise<string | null> {
    return this.cached(`mb ${a} ${b}`, [a, b], async () => {
      const result = await this.exec(["merge-base", a, b]);
      if (result.code !== 0) return null;
      return result.stdout.toString("utf8").trim() || null;
    });
  }

  /** `git rev-list <args>`; cached when every argument is a (possibly `^`-negated) sha or an option. */
  revList(args: string[]): Promise<string[]> {
    // Only ordering/limit options keep the result a function of the shas alone.
    const pure = args.every(
      (a) => /^--(reverse|topo-order|max-count=\d+)$/.test(a) || /^\^?[0-9a-f]{40}$/.test(a),
    );
    const shas = pure
      ? args.filter((a) => !a.startsWith("--")).map((a) => a.replace(/^\^/, ""))
      : ["-"];
    return this.cached(`rl ${args.join(" ")}`, shas, async () => {
      const out = await this.text(["rev-list", ...args]);
      return out.split("\n").filter(Boolean);
    });
  }

  countCommits(range: string[]): Promise<number> {
    const shas = range.map((a) => a.replace(/^\^/, ""));
    return this.cached(`cc ${range.join(" ")}`, shas, async () => {
      const out = await this.text(["rev-list", "--count", ...range]);
      return Number(out.trim());
    });
  }

  /** A real three-way merge of two commits (merge base from history), `git merge-tree --write-tree`. */
  mergeTree(ours: string, theirs: string): Promise<MergeTreeResult> {
    return this.cached(`mt ${ours} ${theirs}`, [ours, theirs], () =>
      this.mergeTreeUncached(ours, theirs),
    );
  }

  private async mergeTreeUncached(ours: string, theirs: string): Promise<MergeTreeResult> {
    const result = await this.exec([
      "merge-tree",
      "--write-tree",
      "-z",
      "--name-only",
      ours,
      theirs,
    ]);
    if (result.code !== 0 && result.code !== 1) {
      return {
        clean: false,
        tree: null,
        conflicts: [],
        messages: result.stderr.trim(),
      };
    }
    const out = result.stdout.toString("utf8");
    const [head = "", messages = ""] = splitOnce(out, "\0\0");
    const parts = head.split("\0");
    const tree = parts[0] ?? null;
    if (result.code === 0) return { clean: true, tree, conflicts: [], messages: "" };
    return {
      clean: false,
      tree,
      conflicts: [...new Set(parts.slice(1).filter(Boolean))],
      messages: messages.replace(/\0/g, "\n").trim(),
    };
  }

  /**
   * Three-way merge of trees with an explicit base (cherry-pick semantics). git 2.39 has no
   * `merge-tree --merge-base`, so this builds three throwaway commits whose only merge base is
   * the base tree and lets `merge-tree --write-tree` merge them.
   */
  async mergeTreesWithBase(
    baseTree: string,
    oursTree: string,
    theirsTree: string,
  ): Promise<MergeTreeResult> {
    const ident: GitIdent = {
      name: "sandbox",
      email: "sandbox@localhost",
      time: 946684800,
      tzOffset: 0,
    };
    const base = await this.commitTree({
      tree: baseTree,
      parents: [],
      message: "base",
      author: ident,
      committer: ident,
    });
    const [ours, theirs] = await Promise.all([
      this.commitTree({
        tree: oursTree,
        parents: [base],
        message: "ours",
        author: ident,
        committer: ident,
      }),
      this.commitTree({
        tree: theirsTree,
        parents: [base],
        message: "theirs",
        author: ident,
        committer: ident,
      }),
    ]);
    return this.mergeTree(ours, theirs);
  }

  /** The files changed between two trees/commits (from null = the empty tree), with patches. */
  diff(from: string | null, to: string): Promise<DiffFile[]> {
    const fromRev = from ?? EMPTY_TREE;
    return this.cached(`diff ${fromRev} ${to}`, [fromRev, to], () =>
      this.diffUncached(fromRev, to),
    );
  }

  /** One `git diff-tree -z -M --raw --numstat -p`: raw records, numstat records, NUL, patch text. */
  private async diffUncached(fromRev: string, to: string): Promise<DiffFile[]> {
    const out = await this.text([
      "diff-tree",
      "-r",
      "-z",
      "-M",
      "--raw",
      "--numstat",
      "-p",
      "--no-color",
      "--no-commit-id",
      fromRev,
      to,
    ]);
    let pos = 0;
    const next = (): string => {
      const end = out.indexOf("\0", pos);
      const token = end < 0 ? out.slice(pos) : out.slice(pos, end);
      pos = end < 0 ? out.length : end + 1;
      return token;
    };
    const files: DiffFile[] = [];
    while (out.startsWith(":", pos)) {
      const meta = next();
      const [, , oldSha = "", newSha = "", statusField = "M"] = meta.slice(1).split(" ");
      const code = statusField[0];
      let filename = next();
      let previousFilename: string | undefined;
      if (code === "R" || code === "C") {
        previousFilename = filename;
        filename = next();
      }
      const status: DiffFile["status"] =
        code === "A"
          ? "added"
          : code === "D"
            ? "removed"
            : code === "R"
              ? "renamed"
              : code === "C"
                ? "copied"
                : code === "T"
                  ? "changed"
                  : "modified";
      const file: DiffFile = {
        filename,
        status,
        sha: code === "D" ? oldSha : newSha,
        oldSha,
        additions: 0,
        deletions: 0,
        binary: false,
      };
      if (previousFilename !== undefined) file.previousFilename = previousFilename;
      files.push(file);
    }
    // numstat, same order: "add\tdel\tpath" or, for renames/copies, "add\tdel\t" + old + new.
    for (const file of files) {
      const [add = "0", del = "0", path = ""] = next().split("\t");
      if (path === "") {
        next();
        next();
      }
      if (add === "-") file.binary = true;
      else {
        file.additions = Number(add);
        file.deletions = Number(del);
      }
    }
    // then a NUL and the patches, in the same order; GitHub's `patch` starts at the first hunk.
    if (out[pos] === "\0") pos++;
    const chunks = out
      .slice(pos)
      .split(/^diff --git /m)
      .slice(1);
    chunks.forEach((chunk, index) => {
      const file = files[index];
      if (!file) return;
      const hunk = chunk.search(/^@@ /m);
      if (hunk >= 0) file.patch = chunk.slice(hunk).replace(/\n$/, "");
    });
    return files;
  }

  /** Totals over the changed files between two commits/trees (cached). */
  async diffStat(
    from: string,
    to: string,
  ): Promise<{ files: number; additions: number; deletions: number }> {
    const files = await this.diff(from, to);
    return {
      files: files.length,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
    };
  }

  /** Paths added / removed / modified between two commits/trees, for push payloads (renames = removed + added). */
  async nameStatus(
    from: string,
    to: string,
  ): Promise<{ added: string[]; removed: string[]; modified: string[] }> {
    const files = await this.diff(from, to);
    const added: string[] = [];
    const removed: string[] = [];
    const modified: string[] = [];
    for (const f of files) {
      if (f.status === "added" || f.status === "copied") added.push(f.filename);
      else if (f.status === "removed") removed.push(f.filename);
      else if (f.status === "renamed") {
        added.push(f.filename);
        if (f.previousFilename) removed.push(f.previousFilename);
      } else modified.push(f.filename);
    }
    return { added, removed, modified };
  }

  /** Unified diff text between two revisions (the `application/vnd.github.diff` media type). */
  async diffText(from: string | null, to: string): Promise<string> {
    return this.text([
      "diff-tree",
      "-r",
      "-M",
      "-p",
      "--no-color",
      "--no-commit-id",
      from ?? EMPTY_TREE,
      to,
    ]);
  }

  /** `git format-patch` mbox text for a range (the `application/vnd.github.patch` media type). */
  async formatPatch(range: string[]): Promise<string> {
    return this.text(["format-patch", "--stdout", "--no-stat", ...range]);
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  if (index < 0) return [text, ""];
  return [text.slice(0, index), text.slice(index + separator.length)];
}
