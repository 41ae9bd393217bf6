/**
 * The release flows with the bot's production Octokit (`ReleaseBotOctokit`): Probot's write
 * throttling on, as it runs against GitHub. The throttling plugin follows GitHub's guidance for
 * content-creating requests: one write at a time per installation, a second apart, and three
 * seconds between requests that notify people (pull requests, comments, releases). Time is then
 * bounded by the number of writes, not by round-trips or repository size.
 */
import type { ProbotOctokit } from "probot";
import { ReleaseBotOctokit } from "../src/github/octokit.js";
import { prepareRepo } from "./pick.js";
import { type RoundTripSample, runRoundTripBenchmark } from "./release.js";
import { startBenchEnvironment } from "./support/env.js";

export async function runThrottledBenchmark(size = 100): Promise<RoundTripSample[]> {
  const env = await startBenchEnvironment({ Octokit: ReleaseBotOctokit as typeof ProbotOctokit });
  try {
    const { repo } = await prepareRepo(env, size);
    return await runRoundTripBenchmark(env, repo, size, { latencyMs: 0, newLine: "1.6" });
  } finally {
    await env.close();
  }
}
