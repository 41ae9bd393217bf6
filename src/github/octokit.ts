import { ProbotOctokit } from "probot";

/** How often a request hit by a rate limit is tried again before the flow reports the failure. */
export const RATE_LIMIT_RETRIES = 2;

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * Probot's Octokit with GitHub's secondary rate limits retried too: Probot's default only logs
 * them, which would turn a burst of picks into failed flows. Retries of 5xx stay with the retry
 * plugin (3 tries with backoff). Probot's own throttle options (and its Redis connection, for
 * several replicas) are kept; only the two callbacks are replaced.
 */
export const ReleaseBotOctokit = ProbotOctokit.defaults((options: OctokitOptions = {}) => ({
  ...options,
  throttle: {
    ...options.throttle,
    onRateLimit: (
      retryAfter: number,
      request: { method: string; url: string },
      octokit: InstanceType<typeof ProbotOctokit>,
      retryCount: number,
    ) => {
      octokit.log.warn(
        `Rate limit hit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`,
      );
      return retryCount < RATE_LIMIT_RETRIES;
    },
    onSecondaryRateLimit: (
      retryAfter: number,
      request: { method: string; url: string },
      octokit: InstanceType<typeof ProbotOctokit>,
      retryCount: number,
    ) => {
      octokit.log.warn(
        `Secondary rate limit on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`,
      );
      return retryCount < RATE_LIMIT_RETRIES;
    },
  },
}));
