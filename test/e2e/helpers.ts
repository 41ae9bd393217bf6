import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { assertConformsToOpenApi } from "@release-bot/local-github/conformance";
import type { ProbotOctokit } from "probot";
import { expect } from "vitest";
import { UnthrottledOctokit } from "../../src/github/octokit.js";
import { startWorld, type World } from "../world/index.js";
import { BOT } from "./pick-matrix.helpers.js";

/**
 * The bot's Octokit for end-to-end tests: every response the bot receives from the local GitHub
 * is checked against GitHub's OpenAPI description; mismatches are collected for the test to
 * assert empty (a throw inside the bot would only turn into a failure reply).
 */
export function validatingOctokit(): { Octokit: typeof ProbotOctokit; mismatches: string[] } {
  const mismatches: string[] = [];
  const check = (method: string, url: string, status: number, data: unknown, format?: string) => {
    if (format && format !== "json") return;
    try {
      assertConformsToOpenApi(method, url, status, data);
    } catch (error) {
      mismatches.push(error instanceof Error ? error.message : String(error));
    }
  };
  const Octokit = UnthrottledOctokit.plugin((octokit) => {
    octokit.hook.after("request", (response, options) => {
      check(options.method, options.url, response.status, response.data, options.mediaType?.format);
    });
    octokit.hook.error("request", (error, options) => {
      const response = (error as { response?: { status: number; data: unknown } }).response;
      if (response)
        check(
          options.method,
          options.url,
          response.status,
          response.data,
          options.mediaType?.format,
        );
      throw error;
    });
  });
  return { Octokit: Octokit as unknown as typeof ProbotOctokit, mismatches };
}

/**
 * Two replicas of the bot on a local GitHub whose webhooks are checked against GitHub's shapes,
 * and whose answers to the bot are checked against GitHub's REST description (`mismatches`).
 */
export async function startValidatingWorld(): Promise<{ world: World; mismatches: string[] }> {
  const validating = validatingOctokit();
  const world = await startWorld({
    replicas: 2,
    seed: false,
    logLevel: "silent",
    checkWebhooks: true,
    Octokit: validating.Octokit,
  });
  return { world, mismatches: validating.mismatches };
}

/** `body` commented by the maintainer; once the sandbox is quiet, the bot's one reply to it. */
export async function commandReply(
  sandbox: Sandbox,
  repo: SandboxRepo,
  issue: number,
  body: string,
): Promise<string> {
  const asked = await repo.comment(issue, body, { as: "maintainer" });
  await sandbox.idle();
  const replies = repo
    .comments(issue)
    .filter((c) => c.id > asked.id && (c.user as { login?: string }).login === BOT);
  expect(replies).toHaveLength(1);
  return replies[0]?.body ?? "";
}
