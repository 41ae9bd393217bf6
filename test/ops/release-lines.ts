import { randomInt } from "node:crypto";
import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { MAINTAINER } from "@release-bot/local-github/testing";
import { startWorld } from "../world/index.js";

export interface ReplicaBed {
  sandbox: Sandbox;
  repo: SandboxRepo;
  /** The tracking issue of each release line made, by line ("1.5"). */
  issues: Record<string, number>;
  /** Moves the local GitHub's clock (commit dates, timestamps) this far into the past. */
  setClockBehindMs(ms: number): void;
}

/**
 * The local GitHub with the demo operator and the given release lines cut (each with its first
 * candidate, by the bot in-process without throttling, to keep the set-up short), before any
 * replica subscribes. Deliveries go out concurrently and may take a minute: with production
 * throttling a release takes many seconds, and GitHub's 10 s timeout would only cut the
 * delivery's answer, not the bot's work.
 */
export async function startReplicaBed(lines: readonly string[]): Promise<ReplicaBed> {
  let behindMs = 0;
  const world = await startWorld({
    logLevel: "silent",
    // The replicas are processes of their own on the machine's time: the local GitHub's clock is
    // set back by a function instead of stepped.
    clock: () => new Date(Date.now() - behindMs),
    sandbox: {
      // A fresh installation per test: Probot's Redis limiters are keyed by installation, so
      // tests sharing one Redis do not queue behind each other.
      installationId: randomInt(1000, 1_000_000),
    },
  });
  const { sandbox, repo } = world;
  const issues: Record<string, number> = {};
  try {
    for (const line of lines) {
      issues[line] = await repo.openIssue({ title: `Release ${line}`, user: MAINTAINER });
      await repo.comment(issues[line], `/branch ${line}`, { as: MAINTAINER });
      await sandbox.idle();
      const tags = (await repo.tags()).map((tag) => tag.name);
      if (!tags.includes(`v${line}.0-rc.0`)) {
        throw new Error(`set-up: /branch ${line} made no v${line}.0-rc.0`);
      }
    }
  } finally {
    // The set-up bot leaves; the local GitHub stays for the replicas (closing it is the test's).
    for (const subscription of world.subscriptions) subscription.unsubscribe();
    await world.bot.close();
  }
  return {
    sandbox,
    repo,
    issues,
    setClockBehindMs: (ms) => {
      behindMs = ms;
    },
  };
}
