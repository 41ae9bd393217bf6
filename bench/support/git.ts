/** Running git for the benchmark in the sandbox's isolated environment (no user or system config). */
import { spawn } from "node:child_process";
import { isolatedGitEnv } from "@release-bot/local-github";

/** Runs git; throws with its stderr on a non-zero exit; returns stdout. */
export function git(args: readonly string[], options: { cwd?: string; homeDir: string }) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: options.cwd,
      env: isolatedGitEnv(options.homeDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`git ${args.join(" ")} exited with ${code}: ${err.trim()}`));
    });
  });
}
