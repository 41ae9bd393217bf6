import { existsSync } from "node:fs";
import { scheduleReconcile } from "../reconcile.js";
import { startBotServer } from "../server.js";
import { appCredentials } from "./credentials.js";

/**
 * `npm start`: with GitHub App credentials in the environment (or `.env`), the webhook server
 * for GitHub; without them, the embedded local GitHub plays a whole release and keeps serving.
 */
if (existsSync(".env")) process.loadEnvFile(".env");
const env = process.env;

const credentials = appCredentials(env);
if (credentials && env.WEBHOOK_SECRET) {
  const bot = await startBotServer({
    ...credentials,
    secret: env.WEBHOOK_SECRET,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "localhost",
    ...(env.GHE_HOST ? { baseUrl: `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` } : {}),
    ...(env.REDIS_URL ? { redisConfig: env.REDIS_URL } : {}),
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL as "info" } : {}),
  });
  bot.probot.log.info(`release-bot listening for webhooks at ${bot.webhookUrl}`);
  const minutes = Number(env.RECONCILE_INTERVAL_MINUTES ?? 0);
  const schedule = minutes > 0 ? scheduleReconcile(bot.probot, minutes) : null;
  const stop = () => {
    if (schedule) clearInterval(schedule);
    void bot.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else if (env.NODE_ENV === "production") {
  // The container has no git and no demo to play: say what is missing and stop.
  console.error(
    "release-bot: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET must be set; see README.md, 'Register the App'.",
  );
  process.exitCode = 1;
} else {
  console.log(
    "No GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET): running the embedded demo.\nSee README.md, 'Register the App', to run against GitHub.\n",
  );
  // Loaded only here, so that the server never loads the local GitHub.
  const { runDemo } = await import("../demo/run.js");
  process.exitCode = await runDemo({ keepServing: true });
}
