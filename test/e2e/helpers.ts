import { assertConformsToOpenApi } from "@release-bot/local-github/conformance";
import type { ProbotOctokit } from "probot";
import { UnthrottledOctokit } from "../../src/github/octokit.js";

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
