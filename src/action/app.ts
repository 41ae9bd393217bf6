import { posix } from "node:path";
import type { ApplicationFunction, Context } from "probot";
import { CONFIG_FILE } from "../config.js";
import { createReleaseBot } from "../index.js";
import { observeDeliveries } from "../observability/delivery-observer.js";

/** Where the Action's inputs send the configuration read. */
export interface ConfigSource {
  /** A path in the repository instead of `.github/release-bot.yml`; null for the default. */
  configPath: string | null;
  /** Forces `dryRun: true` whatever the file says. */
  dryRun: boolean;
}

/**
 * release-bot's own app (src/index.ts, every handler unchanged, each delivery logged as on the
 * server), its handlers' configuration read as the inputs say.
 */
export function actionApp(source: ConfigSource): ApplicationFunction {
  const observed = observeDeliveries(null);
  return createReleaseBot((handler) =>
    observed((context) => handler(withConfigSource(context, source))),
  );
}

/**
 * `context.config(name)` reads `.github/<name>` with Probot's merging of `_extends` and the
 * organisation's `.github` repository; a name relative to `.github` reaches any path in the
 * repository with the same rules.
 */
function withConfigSource<C extends Context>(context: C, source: ConfigSource): C {
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
