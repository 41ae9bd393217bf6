/**
 * The repository's `.github/release-bot.yml`, read through Probot's config plugin (so `_extends`
 * and the organisation's `.github` repository work) and validated. Unreadable YAML is a user
 * error, reported like any other invalid configuration, not thrown.
 */
import { CONFIG_PATH, type ConfigResult, parseConfig } from "../config.js";
import type { GitHub, RepoId } from "./types.js";

/** The configuration of a repository outside a webhook (the reconcile pass). */
export async function loadRepositoryConfig(github: GitHub, repo: RepoId): Promise<ConfigResult> {
  return readConfig(async () => {
    const { config, files } = await github.config.get({ ...repo, path: CONFIG_PATH });
    return files.some((file) => file.config !== null) ? config : null;
  });
}

/** Validates what `read` returns; the config plugin's "could not be parsed" becomes the reason. */
export async function readConfig(read: () => Promise<unknown>): Promise<ConfigResult> {
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
