/** A whole rehearsal: the environment, each step played and observed, the result. */
import { cp, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { mergePicks, type PlayState, playStep, StepError } from "./actions.js";
import type { RehearsalOptions } from "./arguments.js";
import { MAINTAINER, type RehearsalEnvironment, startRehearsalEnvironment } from "./environment.js";
import { type RehearsalReport, stepText } from "./report.js";
import { stepChanges, takeSnapshot } from "./snapshot.js";

/** How long one step may take, the bot's reactions included, before it counts as hung. */
export const STEP_TIMEOUT_MS = 120_000;

export interface RehearsalResult {
  report: RehearsalReport;
  /** Why the rehearsal stopped early (exit 1), or null when every step ran. */
  failure: string | null;
}

export async function rehearse(
  options: RehearsalOptions,
  print: (text: string) => void,
): Promise<RehearsalResult> {
  const env = await startRehearsalEnvironment({
    repoDir: options.repo,
    configFile: options.config,
    throttle: options.throttle,
  });
  const report: RehearsalReport = { steps: [] };
  let failure: string | null = null;
  try {
    print(
      `Rehearsing on ${env.repo.fullName} (default branch ${env.repo.defaultBranch}), served from ${resolve(options.repo)}`,
    );
    const settle = () => env.sandbox.idle({ timeoutMs: STEP_TIMEOUT_MS });
    const trackingIssue = await env.repo.openIssue({
      title: "Release rehearsal",
      body: "Slash commands of the rehearsal are posted here.",
      user: MAINTAINER,
    });
    await settle();
    const state: PlayState = { trackingIssue, lastMerged: null, merges: 0 };
    for (const step of options.steps) {
      const before = await takeSnapshot(env.observer);
      const deliveriesBefore = env.sandbox.webhooks.find().length;
      const errorsBefore = env.botErrors.length;
      try {
        await playStep(env, step, state, settle);
        if (options.mergePicks) await mergePicks(env, settle);
      } catch (error) {
        failure = describeFailure(step.text, error);
      }
      const changes = await stepChanges(
        env.observer,
        step.text,
        before,
        await takeSnapshot(env.observer),
      );
      report.steps.push(changes);
      print(`\n${stepText(changes)}`);
      failure ??= botFailure(env, step.text, deliveriesBefore, errorsBefore);
      if (failure !== null) break;
    }
    if (options.keep !== null) {
      await cp(env.repo.gitDir, resolve(options.keep), {
        recursive: true,
        errorOnExist: true,
        force: false,
      });
      print(
        `\nThe local GitHub's repository is kept: git --git-dir ${resolve(options.keep)} log --all`,
      );
    }
    if (options.json !== null)
      await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await env.close();
  }
  return { report, failure };
}

function describeFailure(step: string, error: unknown): string {
  if (error instanceof StepError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if (/not idle after/.test(message)) {
    return `"${step}" timed out: the bot was still busy after ${STEP_TIMEOUT_MS / 1000} s (${message})`;
  }
  return `"${step}" failed: ${message}`;
}

/** A delivery the bot answered with an error, or an error the bot logged, during the step. */
function botFailure(
  env: RehearsalEnvironment,
  step: string,
  deliveriesBefore: number,
  errorsBefore: number,
): string | null {
  const failed = env.sandbox.webhooks
    .find()
    .slice(deliveriesBefore)
    .filter((d) => {
      const last = d.attempts.at(-1);
      return last !== undefined && (last.status === null || last.status >= 400);
    });
  const errors = env.botErrors.slice(errorsBefore);
  if (failed.length === 0 && errors.length === 0) return null;
  const deliveries = failed.map((d) => {
    const last = d.attempts.at(-1);
    return `${d.event}${d.action ? `.${d.action}` : ""} answered ${last?.status ?? last?.error}`;
  });
  return `the bot failed during "${step}": ${[...deliveries, ...errors].join("; ")}`;
}
