import { existsSync } from "node:fs";
import { run } from "probot";
import { ReleaseBotOctokit } from "../github/octokit.js";
import releaseBot from "../index.js";

/**
 * `npm start`: with GitHub App credentials in the environment (or `.env`), the Probot server;
 * without them, say what to set.
 */
function hasAppCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH));
}

// Probot reads .env itself, but only once started; the choice below needs it first.
if (existsSync(".env")) process.loadEnvFile(".env");

if (hasAppCredentials(process.env)) {
  await run(releaseBot, { Octokit: ReleaseBotOctokit });
} else {
  console.log(
    [
      "release-bot needs GitHub App credentials to run against GitHub:",
      "  APP_ID           the App's ID (Settings > Developer settings > GitHub Apps)",
      "  PRIVATE_KEY      the App's private key (PEM), or PRIVATE_KEY_PATH to the .pem file",
      "  WEBHOOK_SECRET   the webhook secret set on the App",
      "Put them in the environment or in a .env file; see README.md, 'Register the App'.",
    ].join("\n"),
  );
  process.exitCode = 1;
}
