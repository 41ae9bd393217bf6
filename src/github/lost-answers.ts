/**
 * Writes whose answer GitHub may lose after doing them: its gateway answers 502 or 504, or the
 * connection drops, once the comment, the merge or the ref is made. Octokit's retry plugin sends
 * such a write again blindly, and the second answer misleads: a second comment, issue or check
 * run appears; a merge sent again answers 204 "nothing to merge" (as if the commit were on the
 * branch already); a ref answers 422 "Reference already exists" (as if another delivery had made
 * it). So a write that is not idempotent goes out with the retry plugin off for it, and when its
 * answer is lost, `recover` first looks for what it made (a read); only when nothing is there is
 * it sent again, as many times as the retry plugin would have (`writeRetries`).
 */
import { isRequestFailure } from "./errors.js";
import type { GitHub } from "./types.js";

/** How often a write whose answer was lost is sent again, and how long to wait before looking. */
export interface WriteRetries {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait before the look that follows the `retry`-th lost answer (1, 2, ...). */
  waitMs(retry: number): number;
}

/** Without the plugin below (a test's plain Octokit): one attempt, and the look after it. */
const ONE_ATTEMPT: WriteRetries = { attempts: 1, waitMs: () => 0 };

type RetryOptions = { enabled?: boolean; retries?: number; retryAfterBaseValue?: number };

/**
 * An Octokit plugin: the write retries follow the retry plugin's options (its 3 retries after
 * 1, 4 and 9 times `retryAfterBaseValue`), and none when it is disabled.
 */
export function writeRetriesPlugin(
  _octokit: unknown,
  options: { retry?: RetryOptions },
): { writeRetries: WriteRetries } {
  const retry = options.retry ?? {};
  if (retry.enabled === false) return { writeRetries: ONE_ATTEMPT };
  const base = retry.retryAfterBaseValue ?? 1000;
  return {
    writeRetries: { attempts: 1 + (retry.retries ?? 3), waitMs: (n) => n * n * base },
  };
}

function writeRetriesOf(github: GitHub): WriteRetries {
  return (github as { writeRetries?: WriteRetries }).writeRetries ?? ONE_ATTEMPT;
}

/** The request option that turns the retry plugin off for one call. */
export const NO_RETRY = { request: { retries: 0 } } as const;

/**
 * True when GitHub may have done the write without saying so: a 5xx answer, or none (Octokit
 * reports a dropped connection as status 500). A 4xx is GitHub's answer: the write did not happen.
 */
export function answerLost(error: unknown): boolean {
  return isRequestFailure(error) && error.status >= 500;
}

/**
 * Sends a write that must not happen twice. `write` receives `NO_RETRY` to spread into its
 * request; `recover` returns what the write made when GitHub made it (else null), and is asked
 * after every lost answer before the write goes out again. Throws the last lost answer when
 * every attempt was lost and nothing was found.
 */
export async function writeOnce<T>(
  github: GitHub,
  write: (noRetry: typeof NO_RETRY) => Promise<T>,
  recover: () => Promise<T | null>,
): Promise<T> {
  const { attempts, waitMs } = writeRetriesOf(github);
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(NO_RETRY);
    } catch (error) {
      if (!answerLost(error)) throw error;
      const wait = waitMs(attempt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const found = await recover();
      if (found !== null) return found;
      if (attempt >= attempts) throw error;
    }
  }
}
