import { execFile } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { Octokit } from "@octokit/rest";
import { withOpenApiValidation } from "../src/conformance/openapi.js";
import { assertValidWebhook } from "../src/conformance/webhook-schema.js";
import {
  type DeliveryRequest,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from "../src/index.js";

const execFileAsync = promisify(execFile);

export const SECRET = "sandbox-test-secret";

export interface Received {
  id: string;
  name: string;
  action: string | undefined;
  payload: Record<string, unknown>;
}

/**
 * A sandbox with an in-process subscriber that checks every delivery (signature with the
 * secret, body against @octokit/webhooks-schemas) and records it.
 */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}) {
  const sandbox = await startSandbox({
    webhookSecret: SECRET,
    log: (line) => {
      if (line.includes("error")) console.error(line);
    },
    ...options,
  });
  const received: Received[] = [];
  const problems: string[] = [];
  sandbox.subscribe(async function collector(request: DeliveryRequest) {
    const expected = `sha256=${createHmac("sha256", SECRET).update(request.body).digest("hex")}`;
    const actual = request.headers["x-hub-signature-256"] ?? "";
    if (
      actual.length !== expected.length ||
      !timingSafeEqual(Buffer.from(actual), Buffer.from(expected))
    ) {
      problems.push(`${request.name}: bad signature`);
    }
    try {
      assertValidWebhook(request.name, JSON.parse(request.body));
    } catch (error) {
      problems.push((error as Error).message);
    }
    const payload = JSON.parse(request.body) as Record<string, unknown>;
    received.push({
      id: request.id,
      name: request.name,
      action: typeof payload.action === "string" ? payload.action : undefined,
      payload,
    });
  });
  const events = (name?: string, action?: string) =>
    received.filter((r) => (!name || r.name === name) && (!action || r.action === action));
  return { sandbox, received, problems, events };
}

/** A real @octokit/rest client (no retries) whose every response is checked against GitHub's OpenAPI. */
export function octokitFor(sandbox: Sandbox, auth = "x"): Octokit {
  const quiet = () => undefined;
  return withOpenApiValidation(
    new Octokit({
      baseUrl: sandbox.url,
      auth,
      request: { retries: 0 },
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    }),
  );
}

/** Run git against a bare repository. */
export async function git(gitDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync("git", ["--git-dir", gitDir, ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: "/nonexistent",
      LC_ALL: "C",
    },
  });
  return stdout.trim();
}

/** Status of a failed Octokit request. */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const response = (await promise) as { status: number };
    return response.status;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (typeof status !== "number") throw error;
    return status;
  }
}
