import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { Probot } from "probot";
import { ReleaseBotOctokit, UnthrottledOctokit } from "../github/octokit.js";
import { actionApp } from "./app.js";
import { appEventOf } from "./events.js";
import { FailureRecorder } from "./failures.js";
import { RefusedTokenError, readTokenIdentity } from "./identity.js";
import { actionLogger } from "./log.js";
import type { ActionSettings } from "./settings.js";

const GITHUB_TOKEN_WARNING =
  "The `token` input is this workflow's GITHUB_TOKEN. What the bot creates with it (release branches, tags, pick pull requests) starts no workflow: no CI on pick pull requests, no release workflow on tags. Pass an App token from actions/create-github-app-token instead (see docs/action.md).";

/**
 * One run of the Action: the event that started the workflow, handed to release-bot's own
 * Probot app as a webhook would be, with the token as its only credential. Resolves to the exit
 * code: 1 when the token is refused or the bot failed, 0 otherwise (refusals included).
 */
export async function runAction(settings: ActionSettings): Promise<number> {
  core.setSecret(settings.token);
  const recorder = new FailureRecorder();
  const probot = new Probot({
    githubToken: settings.token,
    baseUrl: settings.apiUrl,
    log: actionLogger(recorder.observeLog),
    Octokit: (settings.writeThrottle ? ReleaseBotOctokit : UnthrottledOctokit).plugin(
      recorder.octokitPlugin,
    ),
  });

  if (settings.token === settings.workflowToken) core.warning(GITHUB_TOKEN_WARNING);
  let identity: Awaited<ReturnType<typeof readTokenIdentity>>;
  try {
    identity = await readTokenIdentity(await probot.auth());
  } catch (error) {
    if (!(error instanceof RefusedTokenError)) throw error;
    core.error(error.message);
    return 1;
  }

  const payload = JSON.parse(await readFile(settings.eventPath, "utf8")) as Record<string, unknown>;
  const event = appEventOf(settings.eventName, payload, identity);
  if ("skipped" in event) {
    core.info(`Nothing to do: ${event.skipped}`);
    return 0;
  }
  await probot.load(actionApp(settings));
  try {
    // Probot logs each handler's error before rejecting; the recorder has them.
    await probot.receive({ id: settings.deliveryId, ...event } as Parameters<Probot["receive"]>[0]);
  } catch (error) {
    if (recorder.failures.length === 0) recorder.add(String(error));
  }
  if (recorder.failures.length === 0) return 0;
  core.error(`release-bot failed: ${recorder.failures.join("; ")}`);
  return 1;
}
