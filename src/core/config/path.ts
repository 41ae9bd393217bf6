/** Where the configuration lives in a repository (read through Probot's `context.config`). */
export const CONFIG_FILE = "release-bot.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;
