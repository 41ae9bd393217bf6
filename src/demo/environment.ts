/** The demo's world: the local GitHub's test world with the real bot behind its webhook server. */
import {
  type LocalBot,
  seedDemoRepository,
  startLocalBot,
} from "@release-bot/local-github/testing";
import { pino } from "pino";
import type { ProbotOctokit } from "probot";
import { UnthrottledOctokit } from "../github/octokit.js";
import { type BotServer, startBotServer } from "../server.js";

/**
 * The demo operator seeded on a local GitHub, and one replica of the real bot subscribed to it.
 * The bot's warnings and errors go to stderr; its Octokit spaces no writes (the local GitHub has
 * no rate limits).
 */
export function startDemoEnvironment(options: {
  /** Where the bare repositories go; kept after close. */
  baseDir: string;
}): Promise<LocalBot<BotServer>> {
  return startLocalBot({
    seed: seedDemoRepository,
    sandbox: { baseDir: options.baseDir },
    startReplica: ({ index: _index, log: _log, ...credentials }) =>
      startBotServer({
        ...credentials,
        Octokit: UnthrottledOctokit as typeof ProbotOctokit,
        log: pino({ level: "warn" }),
      }),
  });
}
