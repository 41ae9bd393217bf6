import { existsSync } from "node:fs";
import { scheduleReconcile } from "../reconcile.js";
import { startBotServer } from "../server.js";
import { appCredentials } from "./credentials.js";

interface DemoModule {
  runDemo(options: { keepServing: boolean }): Promise<number>;
}

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
} else {
  const demo = await loadDemo();
  if (!demo) {
    // The built image has no demo and no local GitHub: say what is missing and stop.
    console.error(
      "release-bot: APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET must be set; see README.md, 'Register the App'.",
    );
    process.exitCode = 1;
  } else {
    console.log(
      "No GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET): running the embedded demo.\nSee README.md, 'Register the App', to run against GitHub.\n",
    );
    process.exitCode = await demo.runDemo({ keepServing: true });
  }
}

/**
 * The demo and the local GitHub it drives are development tools that `npm run build` leaves out
 * (tsconfig.build.json), so the image holds the bot alone. The specifier is a variable so that
 * tsc does not pull the demo into the build; where it is absent, there is no demo to run.
 */
async function loadDemo(): Promise<DemoModule | null> {
  const demoModule: string = "../demo/run.js";
  try {
    return (await import(demoModule)) as DemoModule;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
}
