import { posix } from "node:path";
import type { Context } from "probot";
import { CONFIG_FILE, type ConfigResult } from "../config.js";
import { readConfig } from "../github/config-file.js";

/** Where a delivery's configuration is read from: the App's default, or the Action's inputs. */
export interface ConfigSource {
  /** A path in the repository instead of `.github/release-bot.yml`; null for the default. */
  configPath: string | null;
  /** Forces `dryRun: true` whatever the file says. */
  dryRun: boolean;
}

export const DEFAULT_CONFIG_SOURCE: ConfigSource = { configPath: null, dryRun: false };

/**
 * A delivery's configuration, read through the webhook's Probot context and validated
 * (`github/config-file.ts`). `context.config(name)` takes a name relative to `.github`, which reaches any path of the
 * repository with the same rules.
 */
export async function loadConfig(
  context: Context,
  source: ConfigSource = DEFAULT_CONFIG_SOURCE,
): Promise<ConfigResult> {
  const name = source.configPath
    ? posix.relative(".github", posix.normalize(source.configPath.replace(/^\.?\/+/, "")))
    : CONFIG_FILE;
  return readConfig(async () => {
    const raw = await context.config(name);
    if (!source.dryRun) return raw;
    if (raw === null) return { dryRun: true };
    // Anything but a mapping is left for the validation to report as invalid.
    return typeof raw === "object" && !Array.isArray(raw) ? { ...raw, dryRun: true } : raw;
  });
}
