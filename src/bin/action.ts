import * as core from "@actions/core";
import { runAction } from "../action/run.js";
import { readActionSettings } from "../action/settings.js";

/**
 * The GitHub Action's entry point (action.yml runs the esbuild bundle of this file, dist/index.js):
 * release-bot on the event that started the workflow, without a server.
 */
try {
  process.exitCode = await runAction(readActionSettings());
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
