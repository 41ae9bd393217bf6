/**
 * Generated history for benchmark repositories, written with `git fast-import` straight into a
 * sandbox repository's bare git directory: 100,000 commits take seconds, where committing through
 * the sandbox one by one would take many minutes.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { isolatedGitEnv } from "@release-bot/local-github";
import { git } from "./git.js";

export interface HistoryOptions {
  /** Branch the commits go on (it must exist; the new commits continue it). */
  branch: string;
  /** The commit the generated history starts from (the branch's head). */
  from: string;
  commits: number;
  /** Files the generated commits edit, spread over `dirs` directories (default 400 over 50). */
  files?: number;
  dirs?: number;
  /** Unix time of the last generated commit (default: a minute ago). */
  endTime?: number;
  /** A directory for git's HOME. */
  homeDir: string;
}

const AUTHORS = [
  "Ada Lovelace <ada@example.com>",
  "Grace Hopper <grace@example.com>",
  "Alan Turing <alan@example.com>",
  "Barbara Liskov <barbara@example.com>",
  "Ken Thompson <ken@example.com>",
];

/**
 * Appends `commits` commits to `branch` of the bare repository at `gitDir`, each editing one
 * Go file, and moves the branch (fast-forward). Returns the new head.
 */
export async function importHistory(gitDir: string, options: HistoryOptions): Promise<string> {
  const files = options.files ?? 400;
  const dirs = options.dirs ?? 50;
  const endTime = options.endTime ?? Math.floor(Date.now() / 1000) - 60;
  const startTime = endTime - options.commits * 60;
  const child = spawn(
    "git",
    ["--git-dir", gitDir, "fast-import", "--quiet", "--done", "--date-format=raw"],
    { env: isolatedGitEnv(options.homeDir), stdio: ["pipe", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = once(child, "close") as Promise<[number | null]>;

  const ref = `refs/heads/${options.branch}`;
  let buffer = "";
  const flush = async () => {
    if (!child.stdin.write(buffer)) await once(child.stdin, "drain");
    buffer = "";
  };
  for (let i = 1; i <= options.commits; i++) {
    const dir = i % dirs;
    const file = i % files;
    const path = `pkg/module${dir}/file${file}.go`;
    const content = goFile(dir, file, i);
    const author = AUTHORS[i % AUTHORS.length] as string;
    const time = startTime + i * 60;
    const message = `module${dir}: update file${file} (change ${i})\n\nSigned-off-by: ${author}\n`;
    buffer += `commit ${ref}\nmark :${i}\nauthor ${author} ${time} +0000\ncommitter ${author} ${time} +0000\n`;
    buffer += `data ${Buffer.byteLength(message)}\n${message}`;
    buffer += i === 1 ? `from ${options.from}\n` : `from :${i - 1}\n`;
    buffer += `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    if (buffer.length > 1 << 20) await flush();
  }
  buffer += "done\n";
  await flush();
  child.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}: ${stderr.trim()}`);

  return (await git(["--git-dir", gitDir, "rev-parse", ref], { homeDir: options.homeDir })).trim();
}

/** A small Go source file whose content depends on the change number (about 600 bytes). */
function goFile(dir: number, file: number, change: number): string {
  return `// Copyright 2024 The Kubeflow authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");

package module${dir}

// Value${file} is tuned by change ${change}.
const Value${file} = ${change}

// Describe${file} explains Value${file}.
func Describe${file}() string {
\treturn "module${dir}/file${file} at change ${change}"
}
`;
}

/**
 * Stores the repository the way GitHub's maintenance keeps its repositories: one pack with a
 * reachability bitmap (clones and fetches count objects from it) and a commit-graph (history
 * walks read it instead of parsing commits). Both sides of the comparison benefit: the clone
 * baseline is served like a GitHub clone, the sandbox's history walks are GitHub-like cheap.
 */
export async function maintainLikeGitHub(gitDir: string, homeDir: string): Promise<void> {
  await git(["--git-dir", gitDir, "repack", "-a", "-d", "-b", "-q"], { homeDir });
  await git(["--git-dir", gitDir, "commit-graph", "write", "--reachable", "--no-progress"], {
    homeDir,
  });
}
