import { posix } from "node:path";
import type { Context } from "probot";
import { CONFIG_FILE, CONFIG_PATH, type ConfigResult, parseConfig } from "../config.js";
import type { GitHub, RepoId } from "../github/types.js";

/** Where a delivery's configuration is read from: the App's default, or the Action's inputs. */
export interface ConfigSource {
  /** A path in the repository instead of `.github/release-bot.yml`; null for the default. */
  configPath: string | null;
  /** Forces `dryRun: true` whatever the file says. */
  dryRun: boolean;
}

export const DEFAULT_CONFIG_SOURCE: ConfigSource = { configPath: null, dryRun: false };

/**
 * Reads the configuration through Probot (so `_extends` and the organisation's `.github`
 * repository work) and validates it. Unreadable YAML is a user error, reported like any other.
 * `context.config(name)` takes a name relative to `.github`, which reaches any path of the
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

/** The same, outside a webhook (the reconcile command), with Probot's config plugin directly. */
export async function loadRepositoryConfig(github: GitHub, repo: RepoId): Promise<ConfigResult> {
  return readConfig(async () => {
    const { config, files } = await github.config.get({ ...repo, path: CONFIG_PATH });
    return files.some((file) => file.config !== null) ? config : null;
  });
}

async function readConfig(read: () => Promise<unknown>): Promise<ConfigResult> {
  let raw: unknown;
  try {
    raw = await read();
  } catch (error) {
    if (error instanceof Error && /could not be parsed/.test(error.message)) {
      const cause =
        error.cause instanceof Error ? `: ${error.cause.message.split("\n", 1)[0]}` : "";
      const what = /not an object/.test(error.message)
        ? "a YAML mapping of settings"
        : "valid YAML";
      return { ok: false, error: `${CONFIG_PATH} is not ${what}${cause}.` };
    }
    throw error;
  }
  return parseConfig(raw);
}
