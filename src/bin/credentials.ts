import { readFileSync } from "node:fs";

export interface AppCredentials {
  appId: string;
  privateKey: string;
}

/**
 * The App's ID and private key from the environment, as Probot reads them: `PRIVATE_KEY` (PEM,
 * with "\n" escapes or base64) or `PRIVATE_KEY_PATH`. Null when either is missing.
 */
export function appCredentials(env: NodeJS.ProcessEnv): AppCredentials | null {
  let privateKey: string | undefined;
  if (env.PRIVATE_KEY) {
    const key = env.PRIVATE_KEY.replace(/\\n/g, "\n");
    privateKey = key.includes("-----BEGIN") ? key : Buffer.from(key, "base64").toString("utf8");
  } else if (env.PRIVATE_KEY_PATH) {
    privateKey = readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  }
  return env.APP_ID && privateKey ? { appId: env.APP_ID, privateKey } : null;
}
