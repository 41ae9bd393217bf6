import type { ApplicationFunction } from "probot";
import type { ConfigSource } from "../handlers/load-config.js";
import { createReleaseBot } from "../index.js";

export type { ConfigSource } from "../handlers/load-config.js";

/**
 * release-bot's own app (src/index.ts, every handler unchanged, each delivery logged as on the
 * server), its configuration read from where the Action's inputs say.
 */
export function actionApp(source: ConfigSource): ApplicationFunction {
  return createReleaseBot({ configSource: source });
}
