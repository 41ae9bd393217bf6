import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";

export interface AppCredentials {
  appId: string;
  privateKey: string;
}

/** What the environment says about the App: nothing at all, usable credentials, or a mistake. */
export type CredentialsResult =
  | { kind: "absent" }
  | { kind: "ok"; credentials: AppCredentials; secret: string | undefined }
  | { kind: "invalid"; message: string };

const NAMES = ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"] as const;

/**
 * The App's ID, private key and webhook secret from the environment, as Probot reads them
 * (`PRIVATE_KEY` as PEM, with "\n" escapes or base64, or `PRIVATE_KEY_PATH`), checked before the
 * server starts: a key that does not parse would otherwise surface as a 500 on every webhook.
 * Partial credentials are a mistake to name, never a reason to fall back to the demo.
 * `needsSecret` is false for commands that receive no webhooks (reconcile).
 */
export function readCredentials(
  env: NodeJS.ProcessEnv,
  options: { needsSecret: boolean } = { needsSecret: true },
): CredentialsResult {
  const present = {
    APP_ID: Boolean(env.APP_ID),
    "PRIVATE_KEY or PRIVATE_KEY_PATH": Boolean(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH),
    WEBHOOK_SECRET: Boolean(env.WEBHOOK_SECRET),
  };
  const required = NAMES.filter((name) => options.needsSecret || name !== "WEBHOOK_SECRET");
  const missing = required.filter((name) => !present[name]);
  if (missing.length === required.length && !present.WEBHOOK_SECRET) return { kind: "absent" };
  if (missing.length > 0) {
    const given = NAMES.filter((name) => present[name]);
    return {
      kind: "invalid",
      message: `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set (${given.join(", ")} ${given.length > 1 ? "are" : "is"}); set ${missing.length > 1 ? "them" : "it"} from the App's settings page, see README.md, 'Register the App'`,
    };
  }
  const appId = env.APP_ID ?? "";
  if (!/^[1-9]\d*$/.test(appId)) {
    return {
      kind: "invalid",
      message: `APP_ID must be the App's numeric ID (the "App ID" on its settings page), not "${appId.slice(0, 40)}"`,
    };
  }
  const key = readPrivateKey(env);
  if ("problem" in key) return { kind: "invalid", message: key.problem };
  return { kind: "ok", credentials: { appId, privateKey: key.pem }, secret: env.WEBHOOK_SECRET };
}

function readPrivateKey(env: NodeJS.ProcessEnv): { pem: string } | { problem: string } {
  let source = "PRIVATE_KEY";
  let text: string;
  if (env.PRIVATE_KEY) {
    const key = env.PRIVATE_KEY.replace(/\\n/g, "\n");
    text = key.includes("-----BEGIN") ? key : Buffer.from(key, "base64").toString("utf8");
  } else {
    source = `PRIVATE_KEY_PATH (${env.PRIVATE_KEY_PATH})`;
    try {
      text = readFileSync(env.PRIVATE_KEY_PATH ?? "", "utf8");
    } catch (error) {
      const code = (error as { code?: string }).code;
      const why =
        code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code;
      return { problem: `PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${why})` };
    }
  }
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== "rsa") {
      return {
        problem: `${source} is not an RSA key (${key.asymmetricKeyType}); GitHub Apps sign with RSA`,
      };
    }
  } catch {
    return {
      problem: `${source} is not a PEM private key; use the .pem file downloaded from the App's settings page (whole, with its BEGIN and END lines)`,
    };
  }
  return { pem: text };
}
