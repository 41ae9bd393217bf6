import * as core from "@actions/core";

/** What one run of the Action works from: its inputs and the workflow run's environment. */
export interface ActionSettings {
  /** The `token` input: every API call is made with it. */
  token: string;
  /** The workflow's own `GITHUB_TOKEN` (the hidden `workflow-token` input), to warn about it. */
  workflowToken: string | null;
  /** The `config` input: the configuration file's path in the repository, if not the default. */
  configPath: string | null;
  /** The `dry-run` input: reply with what would be done, write nothing. */
  dryRun: boolean;
  /**
   * The `write-throttle` input: space writes as GitHub asks of integrations (on by default).
   * Off only where nothing limits the rate: GitHub Enterprise Server with rate limits disabled,
   * or the local GitHub of the tests.
   */
  writeThrottle: boolean;
  eventName: string;
  /** The file holding the webhook payload of the event that started the workflow. */
  eventPath: string;
  apiUrl: string;
  /** One id per run attempt, as a webhook delivery has one. */
  deliveryId: string;
}

/**
 * The inputs (`INPUT_*`, read by @actions/core as the runner sets them) and the variables every
 * workflow run has. Throws with the name of what is missing.
 */
export function readActionSettings(): ActionSettings {
  const env = process.env;
  const token = core.getInput("token", { required: true });
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set: the Action runs only inside a workflow run.`);
    return value;
  };
  return {
    token,
    workflowToken: core.getInput("workflow-token") || env.GITHUB_TOKEN || null,
    configPath: core.getInput("config") || null,
    // Unset (outside the runner, which always passes the default) means false.
    dryRun: core.getInput("dry-run") !== "" && core.getBooleanInput("dry-run"),
    writeThrottle: core.getInput("write-throttle") === "" || core.getBooleanInput("write-throttle"),
    eventName: required("GITHUB_EVENT_NAME"),
    eventPath: required("GITHUB_EVENT_PATH"),
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    deliveryId: `${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
  };
}
