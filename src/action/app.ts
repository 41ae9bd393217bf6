import { posix } from "node:path";
import type { ApplicationFunction, Context, Probot } from "probot";
import { CONFIG_FILE } from "../config.js";
import releaseBot from "../index.js";

/** Where the Action's inputs send the configuration read. */
export interface ConfigSource {
  /** A path in the repository instead of `.github/release-bot.yml`; null for the default. */
  configPath: string | null;
  /** Forces `dryRun: true` whatever the file says. */
  dryRun: boolean;
}

type AnyHandler = (context: Context) => unknown;

/**
 * release-bot's own app (src/index.ts, every handler unchanged), its handlers' configuration
 * read as the inputs say. The app sees a Probot whose `on` wraps each handler; everything else
 * is the real Probot.
 */
export function actionApp(source: ConfigSource): ApplicationFunction {
  return (app) => {
    const on = (event: never, handler: AnyHandler) =>
      app.on(event, (context: Context) => handler(withConfigSource(context, source)));
    const wiring = new Proxy(app, {
      get: (target, property) => (property === "on" ? on : Reflect.get(target, property, target)),
    }) as Probot;
    releaseBot(wiring);
  };
}

/**
 * `context.config(name)` reads `.github/<name>` with Probot's merging of `_extends` and the
 * organisation's `.github` repository; a name relative to `.github` reaches any path in the
 * repository with the same rules.
 */
function withConfigSource(context: Context, source: ConfigSource): Context {
  if (!source.configPath && !source.dryRun) return context;
  const read = context.config.bind(context);
  const name = source.configPath
    ? posix.relative(".github", posix.normalize(source.configPath.replace(/^\.?\/+/, "")))
    : CONFIG_FILE;
  const config = async () => {
    const raw = await read(name);
    if (!source.dryRun) return raw;
    if (raw === null) return { dryRun: true };
    // Anything but a mapping is left for the app to report as invalid.
    return typeof raw === "object" && !Array.isArray(raw) ? { ...raw, dryRun: true } : raw;
  };
  return Object.assign(context, { config });
}
