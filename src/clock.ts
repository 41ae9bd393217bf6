/**
 * The bot's time: what it reads as "now" (leases, staleness, timeouts) and how it waits. Real
 * time in production; tests give the local GitHub's steppable clock, so the bot sees the time the
 * local GitHub stamps and a test makes time pass by stepping it, never by sleeping. Shared by the
 * layers like the configuration: each takes it from the delivery scope (flows, handlers) or as an
 * argument (src/github).
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
