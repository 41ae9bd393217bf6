import type { Context } from "probot";
import { CONFIG_FILE, CONFIG_PATH, type ConfigResult, parseConfig } from "../config.js";
import type { GitHub, RepoId } from "../github/types.js";

/**
 * Reads `.github/release-bot.yml` through Probot (so `_extends` and the organisation's `.github`
 * repository work) and validates it. Unreadable YAML is a user error, reported like any other.
 */
export async function loadConfig(context: Context): Promise<ConfigResult> {
  // Every handler of one delivery gets the same payload object: they share one read.
  const shared = loadedFor.get(context.payload);
  if (shared) return shared;
  const loading = readConfig(() => context.config(CONFIG_FILE));
  loadedFor.set(context.payload, loading);
  return loading;
}

const loadedFor = new WeakMap<object, Promise<ConfigResult>>();

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
