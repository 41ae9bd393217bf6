import type { Probot } from "probot";

export interface Readiness {
  ready: boolean;
  /** Why not, in one line (GitHub's message when it refused the App). */
  reason: string;
}

/**
 * Readiness: can the App authenticate with GitHub? One `GET /app` with the App's JWT answers
 * it (a wrong key gets 401 "A JSON web token could not be decoded"). A success is trusted for a
 * minute and a failure for five seconds, so Kubernetes' probes cost GitHub one call a minute;
 * concurrent probes share one request.
 */
export function appReadiness(
  probot: Probot,
  options: { okForMs?: number; failedForMs?: number; now?: () => number } = {},
): () => Promise<Readiness> {
  const okFor = options.okForMs ?? 60_000;
  const failedFor = options.failedForMs ?? 5_000;
  const now = options.now ?? Date.now;
  let last: { at: number; result: Readiness } | null = null;
  let inFlight: Promise<Readiness> | null = null;

  async function check(): Promise<Readiness> {
    try {
      const github = await probot.auth();
      // A probe answers now: no retries (the next probe is the retry).
      const { data } = await github.rest.apps.getAuthenticated({ request: { retries: 0 } });
      return { ready: true, reason: `authenticated as the App ${data?.slug ?? data?.id}` };
    } catch (error) {
      const status = (error as { status?: number }).status ?? 0;
      const message = error instanceof Error ? error.message : String(error);
      const refused = status >= 400 && status < 500;
      return {
        ready: false,
        reason: refused
          ? `GitHub refused the App's credentials (${status}): ${message}`
          : `GitHub could not be reached to check the App's credentials: ${message}`,
      };
    }
  }

  return async () => {
    if (last && now() - last.at < (last.result.ready ? okFor : failedFor)) return last.result;
    inFlight ??= check().then((result) => {
      last = { at: now(), result };
      inFlight = null;
      return result;
    });
    return inFlight;
  };
}
