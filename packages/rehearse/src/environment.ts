/**
 * The rehearsal's world: a local GitHub serving the user's repository (objects borrowed, nothing
 * written to it) and the real bot, with the App's own configuration loading and Octokit, behind
 * its webhook server.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { promisify } from "node:util";
import { Octokit } from "@octokit/rest";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { CONTRIBUTOR, MAINTAINER, startLocalBot } from "@release-bot/local-github/testing";
import { pino } from "pino";
import type { ProbotOctokit } from "probot";
import { parse } from "yaml";
import { CONFIG_PATH, type Config, defaultConfig, parseConfig } from "../../../src/config.js";
import { ReleaseBotOctokit, UnthrottledOctokit } from "../../../src/github/octokit.js";
import { type BotServer, startBotServer } from "../../../src/server.js";
import type { Observer } from "./snapshot.js";

const execFileAsync = promisify(execFile);

export { CONTRIBUTOR, MAINTAINER };

const OBSERVER = "rehearsal";

export interface RehearsalEnvironment {
  sandbox: Sandbox;
  bot: BotServer;
  repo: SandboxRepo;
  observer: Observer;
  /** Error lines the bot logged: a failed flow. */
  botErrors: string[];
  close(): Promise<void>;
}

export async function startRehearsalEnvironment(options: {
  repoDir: string;
  configFile: string | null;
  throttle: boolean;
}): Promise<RehearsalEnvironment> {
  const repoDir = resolve(options.repoDir);
  const configText =
    options.configFile === null ? null : await readFile(options.configFile, "utf8");
  const botErrors: string[] = [];
  const BotOctokit = (
    options.throttle ? ReleaseBotOctokit : UnthrottledOctokit
  ) as typeof ProbotOctokit;
  const world = await startLocalBot({
    // Before the bot subscribes: serving the repository and its configuration is no step.
    seed: async (sandbox) => {
      const repo = await sandbox.createRepo(await repositoryName(repoDir), { fromGitDir: repoDir });
      sandbox.setPermission(repo, MAINTAINER, "maintain");
      sandbox.setPermission(repo, CONTRIBUTOR, "read");
      if (configText !== null) {
        await repo.commit({
          branch: repo.defaultBranch,
          files: { [CONFIG_PATH]: configText },
          message: `Rehearsal: serve ${options.configFile} as ${CONFIG_PATH}`,
          author: MAINTAINER,
        });
        await sandbox.idle();
      }
      return repo;
    },
    echo: botLog(botErrors),
    startReplica: ({ index: _index, log, ...credentials }) =>
      startBotServer({ ...credentials, Octokit: BotOctokit, log: pino({ level: "warn" }, log) }),
  });
  const { sandbox, repo } = world;
  try {
    const observer: Observer = {
      repo,
      octokit: new Octokit({ baseUrl: sandbox.url, auth: sandbox.tokenFor(OBSERVER) }),
      botLogin: sandbox.app.botLogin,
      config: await servedConfig(repo),
    };
    return {
      sandbox,
      bot: world.replicas[0] as BotServer,
      repo,
      observer,
      botErrors,
      close: world.close,
    };
  } catch (error) {
    await world.close();
    throw error;
  }
}

/** The bot's log goes to stderr; its error lines are kept, since they mean a flow failed. */
function botLog(errors: string[]) {
  return (line: string) => {
    process.stderr.write(line);
    const entry = JSON.parse(line) as { level?: number; msg?: string };
    if ((entry.level ?? 0) >= 50) errors.push(entry.msg ?? line.trim());
  };
}

/** The configuration the bot finds on the default branch (for reading version fields). */
async function servedConfig(repo: SandboxRepo): Promise<Config> {
  const text = await repo.readFile(repo.defaultBranch, CONFIG_PATH);
  if (text === null) return defaultConfig;
  try {
    const parsed = parseConfig(parse(text));
    return parsed.ok ? parsed.config : defaultConfig;
  } catch {
    return defaultConfig; // the bot replies with the problem; the versions read as by default
  }
}

/** `owner/name` of the repository's GitHub remote, so links and messages look like the real ones. */
async function repositoryName(dir: string): Promise<string> {
  const remote = await execFileAsync("git", ["-C", dir, "config", "--get", "remote.origin.url"], {
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
  }).then(
    ({ stdout }) => stdout.trim(),
    () => "",
  );
  return nameFromRemote(remote) ?? `local/${basename(dir).replace(/\.git$/, "") || "repository"}`;
}

export function nameFromRemote(url: string): string | null {
  const match = /github\.com[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : null;
}
