import { existsSync } from "node:fs";
import { pino } from "pino";
import { scheduleReconcile } from "../reconcile.js";
import { startBotServer } from "../server.js";
import { readCredentials } from "./credentials.js";

interface DemoModule {
  runDemo(options: { keepServing: boolean }): Promise<number>;
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
type Level = (typeof LEVELS)[number];

/**
 * `npm start` (and `node lib/bin/start.js` in the image): with GitHub App credentials in the
 * environment (or `.env`), the webhook server for GitHub; without any, the embedded local GitHub
 * plays a whole release and keeps serving. A credential that is partial or wrong stops the start
 * with one line naming the variable, before anything listens.
 */
if (existsSync(".env")) process.loadEnvFile(".env");
const env = process.env;

const found = readCredentials(env);
const level = (env.LOG_LEVEL ?? "info") as Level;
if (!LEVELS.includes(level)) {
  fail(`LOG_LEVEL must be one of ${LEVELS.join(", ")}, not "${env.LOG_LEVEL}"`);
} else if (found.kind === "invalid") {
  fail(found.message);
} else if (found.kind === "ok") {
  // JSON lines at info by default (Probot's own default is warn, which hides every delivery).
  const log = pino({ name: "release-bot", level });
  const bot = await startBotServer({
    ...found.credentials,
    secret: found.secret ?? "",
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "localhost",
    log,
    ...apiBaseUrl(env),
    ...(env.REDIS_URL ? { redisConfig: env.REDIS_URL } : {}),
  });
  log.info({ webhookUrl: bot.webhookUrl }, "release-bot listening for webhooks");
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
    fail(
      "APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET must be set; see README.md, 'Register the App'",
    );
  } else {
    console.log(
      "No GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET): running the embedded demo.\nSee README.md, 'Register the App', to run against GitHub.\n",
    );
    process.exitCode = await demo.runDemo({ keepServing: true });
  }
}

/**
 * `GITHUB_API_URL` (the REST API's root, named as in GitHub Actions) wins over `GHE_HOST`; it also
 * points the bot at a local GitHub. Neither: api.github.com.
 */
function apiBaseUrl(env: NodeJS.ProcessEnv): { baseUrl?: string } {
  if (env.GITHUB_API_URL) return { baseUrl: env.GITHUB_API_URL.replace(/\/+$/, "") };
  if (env.GHE_HOST) return { baseUrl: `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` };
  return {};
}

function fail(message: string): void {
  console.error(`release-bot: ${message}`);
  process.exitCode = 1;
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
