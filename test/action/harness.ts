import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "@release-bot/local-github";

/** The bundle action.yml runs. */
export const ACTION_BUNDLE = new URL("../../dist/index.js", import.meta.url).pathname;

/** The `on:` of the two workflows in docs/action.md: the events and actions that start a run. */
const WORKFLOW_TRIGGERS: Record<string, readonly string[] | null> = {
  issue_comment: ["created"],
  pull_request_target: ["closed", "labeled", "unlabeled", "opened", "synchronize", "reopened"],
  create: null,
  push: null,
};

export interface ActionInputs {
  token: string;
  /** The workflow's GITHUB_TOKEN, as the hidden `workflow-token` input passes it. */
  workflowToken?: string;
  config?: string;
  dryRun?: boolean;
  /** `write-throttle`; unset, the Action's default (on). */
  writeThrottle?: boolean;
}

export interface ActionRun {
  event: string;
  action: string | undefined;
  exitCode: number;
  /** What the runner shows in the job's log (workflow commands such as `::error::` included). */
  log: string;
}

/**
 * Runs dist/index.js as the runner would: a child process with the workflow run's environment
 * and the inputs as `INPUT_*` variables, the payload in a file at GITHUB_EVENT_PATH.
 */
export async function runActionBundle(
  sandbox: Sandbox,
  repository: string,
  event: { name: string; body: string },
  inputs: ActionInputs,
  runId = 1,
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), "release-bot-action-"));
  const eventPath = join(dir, "event.json");
  await writeFile(eventPath, event.body);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: sandbox.url,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: String(runId),
    RUNNER_TEMP: dir,
    INPUT_TOKEN: inputs.token,
    "INPUT_WORKFLOW-TOKEN": inputs.workflowToken ?? "",
    INPUT_CONFIG: inputs.config ?? "",
    "INPUT_DRY-RUN": inputs.dryRun ? "true" : "false",
    ...(inputs.writeThrottle === undefined
      ? {}
      : { "INPUT_WRITE-THROTTLE": String(inputs.writeThrottle) }),
  };
  const payload = JSON.parse(event.body) as { action?: string };
  try {
    return await new Promise<ActionRun>((resolve) => {
      execFile(process.execPath, [ACTION_BUNDLE], { env, cwd: dir }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({
          event: event.name,
          action: payload.action,
          exitCode: code,
          log: stdout + stderr,
        });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The Action installed in one repository of the sandbox as docs/action.md's workflow: each of
 * that repository's deliveries the workflow's `on:` matches starts one run (`pull_request`
 * arrives as `pull_request_target`), one at a time (the workflow's concurrency group). Its job
 * `if:` is left out on purpose: the events it filters reach the Action, which must find nothing
 * to do on them by itself, as the App does. Runs are recorded in order.
 */
export function installAction(
  sandbox: Sandbox,
  repository: string,
  inputs: ActionInputs,
): ActionRun[] {
  const runs: ActionRun[] = [];
  sandbox.subscribe(async (delivery) => {
    const name = delivery.name === "pull_request" ? "pull_request_target" : delivery.name;
    const actions = WORKFLOW_TRIGGERS[name];
    const payload = delivery.payload as { action?: string; repository?: { full_name?: string } };
    if (payload.repository?.full_name !== repository || actions === undefined) return;
    if (actions && !actions.includes(payload.action ?? "")) return;
    // The checks workflow's `push: branches: ["release-*"]`.
    const ref = (delivery.payload as { ref?: string }).ref ?? "";
    if (name === "push" && !ref.startsWith("refs/heads/release-")) return;
    runs.push(
      await runActionBundle(
        sandbox,
        repository,
        { name, body: delivery.body },
        inputs,
        runs.length + 1,
      ),
    );
  });
  return runs;
}
