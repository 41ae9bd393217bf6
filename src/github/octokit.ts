import { ProbotOctokit } from "probot";

/** How often a request hit by a rate limit is tried again before the flow reports the failure. */
export const RATE_LIMIT_RETRIES = 2;

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/** A throttling callback: log the wait, and retry while under the limit of retries. */
function retryRateLimited(what: string) {
  return (
    retryAfter: number,
    request: { method: string; url: string },
    octokit: InstanceType<typeof ProbotOctokit>,
    retryCount: number,
  ): boolean => {
    octokit.log.warn(
      `${what} on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`,
    );
    return retryCount < RATE_LIMIT_RETRIES;
  };
}

/**
 * Probot's Octokit with GitHub's secondary rate limits retried too: Probot's default only logs
 * them, which would turn a burst of picks into failed flows. Probot's own throttle options (and
 * its Redis connection, for several replicas) are kept; only the two callbacks are replaced.
 */
export const ReleaseBotOctokit = ProbotOctokit.defaults((options: OctokitOptions = {}) => ({
  ...options,
  retry: {
    // 409 joins the statuses never retried: it is the merges API's answer to a conflict, an
    // outcome, not a fault. 5xx and 429 are retried (3 times, waiting 1 s, 4 s, 9 s).
    doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
    ...options.retry,
  },
  throttle: {
    ...options.throttle,
    onRateLimit: retryRateLimited("Rate limit hit"),
    onSecondaryRateLimit: retryRateLimited("Secondary rate limit"),
  },
}));

/**
 * The same without the write throttle, for a GitHub that imposes no rate limits (the local GitHub
 * of the demo, the rehearsal and the tests), where spacing writes a second apart only slows every
 * release down; retries stay on. A function, not an object: Probot passes its own `throttle`
 * options to each instance, which would replace an object default.
 */
export const UnthrottledOctokit = ReleaseBotOctokit.defaults((options: OctokitOptions = {}) => ({
  ...options,
  throttle: { ...options.throttle, enabled: false },
}));
