import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import releaseBot from "../../src/index.js";

/**
 * Probot's Octokit without retries and throttling, so a test's API calls are exactly its nock
 * scopes and writes are not spaced a second apart. A function, not an object: Probot passes its
 * own `throttle` options per instance, which would replace an object default.
 */
export const TestOctokit = ProbotOctokit.defaults(
  (options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) => ({
    ...options,
    retry: { enabled: false },
    throttle: { ...options.throttle, enabled: false },
  }),
);

export interface TestBot {
  probot: Probot;
  /** Every log line the app wrote, as JSON text, for assertions (e.g. no token in logs). */
  logs: string[];
}

/** The real app in a Probot authenticated by a plain token, so no App JWT exchange is mocked. */
export function createTestBot(options: { Octokit?: typeof ProbotOctokit } = {}): TestBot {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const probot = new Probot({
    githubToken: "test-token",
    Octokit: options.Octokit ?? TestOctokit,
    log: pino({ level: "debug" }, sink),
  });
  probot.load(releaseBot);
  return { probot, logs };
}
