import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReplicaRequest, startReplica, until } from "./processes.js";
import { replicaTestsHere, type TestRedis, testRedis } from "./redis.js";
import { startReplicaBed } from "./release-lines.js";

/**
 * Probot's throttling (Bottleneck in @octokit/plugin-throttling) spaces one installation's writes
 * a second apart, and writes that notify people (comments, issues, pull requests, releases, merges)
 * three seconds apart. Two replicas as separate processes, each cutting a candidate at the same
 * time: with a shared `REDIS_URL` the spacing holds for their writes together, as GitHub counts
 * them; without, each replica spaces only its own.
 */
const WRITE_SPACING_MS = 1000;
const NOTIFICATION_SPACING_MS = 3000;
/**
 * Times are read where the local GitHub receives each write, in the test's process: on a busy
 * two-core machine a request can reach it up to a few hundred milliseconds after the throttle
 * let it go (869 ms apart for a 1,000 ms spacing was seen under a load average of 20). Without
 * Redis the two replicas' writes land a few milliseconds apart, so this margin still tells the
 * two set-ups apart by far.
 */
const JITTER_MS = 250;

/** The routes among those the local GitHub serves that the throttling plugin counts as notifying. */
const NOTIFYING_ROUTES = new Set([
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{number}/comments",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{number}/merge",
  "/repos/{owner}/{repo}/releases",
]);

interface Write {
  replica: string;
  method: string;
  path: string;
  notifying: boolean;
  at: number;
}

interface Run {
  writes: Write[];
  tags: string[];
  replies: string[];
}

/** `/rc 1.5` and `/rc 1.6` commented at once, one delivered to each replica. */
async function twoCandidatesAtOnce(redisUrl: string | undefined): Promise<Run> {
  const bed = await startReplicaBed(["1.5", "1.6"]);
  const { sandbox, repo } = bed;
  const seen: ReplicaRequest[] = [];
  const replicas = await Promise.all(
    ["a", "b"].map((name) => startReplica({ name, sandbox, redisUrl, seen })),
  );
  try {
    for (const line of ["1.5", "1.6"]) {
      await repo.commit({
        branch: `release-${line}`,
        files: { [`docs/fix-${line}.md`]: `A fix for ${line}\n` },
        message: `Fix for ${line}`,
        author: MAINTAINER,
      });
    }
    await sandbox.idle();
    sandbox.subscribe(
      replicas.map((r) => r.webhookUrl),
      { balance: "round-robin" },
    );
    // Each replica's first write would wait for its installation token after the throttle let it
    // go; a redelivered branch creation (it finds its candidate there and writes nothing) fetches
    // the token first, so the log shows the spacing the throttle makes.
    const branchCreations = sandbox.webhooks.find({
      event: "create",
      match: (d) => (d.payload as { ref_type?: string }).ref_type === "branch",
    });
    for (const created of branchCreations) sandbox.webhooks.redeliver(created.seq);
    await sandbox.idle();
    sandbox.clearRequests();
    const commented = await Promise.all(
      ["1.5", "1.6"].map((line) =>
        repo.comment(bed.issues[line] ?? 0, `/rc ${line}`, { as: MAINTAINER }),
      ),
    );
    const bot = sandbox.app.botLogin;
    const replyTo = (line: string, after: number) =>
      repo
        .comments(bed.issues[line] ?? 0)
        .filter((c) => c.id > after && (c.user as { login?: string } | undefined)?.login === bot)
        .map((c) => c.body)
        .join("\n");
    // The webhook answer comes back after 9 s (202, still processing) while the throttled bot
    // works on, so the run is over when both replies are there.
    await until(
      () => ["1.5", "1.6"].every((line, i) => replyTo(line, commented[i]?.id ?? 0) !== ""),
      50_000,
    );
    await sandbox.idle();
    const writes = attribute(
      sandbox.requests.filter((r) => r.actor === bot && r.method !== "GET"),
      seen,
    );
    const replies = ["1.5", "1.6"].map((line, i) => replyTo(line, commented[i]?.id ?? 0));
    return { writes, tags: (await repo.tags()).map((t) => t.name), replies };
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await sandbox.close();
  }
}

/** Each write the local GitHub logged, with the replica whose forwarder saw it go out. */
function attribute(
  logged: ReadonlyArray<{ method: string; path: string; route?: string; at: number }>,
  seen: ReplicaRequest[],
): Write[] {
  const unclaimed = [...seen];
  return logged
    .map((entry) => {
      const candidates = unclaimed.filter(
        (s) => s.method === entry.method && s.path === entry.path,
      );
      const nearest = candidates.sort(
        (x, y) => Math.abs(x.at - entry.at) - Math.abs(y.at - entry.at),
      )[0];
      if (nearest) unclaimed.splice(unclaimed.indexOf(nearest), 1);
      return {
        replica: nearest?.replica ?? "?",
        method: entry.method,
        path: entry.path,
        notifying: NOTIFYING_ROUTES.has(entry.route ?? ""),
        at: entry.at,
      };
    })
    .sort((x, y) => x.at - y.at);
}

/** The smallest time between two consecutive writes of the list. */
function minimumGap(writes: readonly Write[]): number {
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < writes.length; i++) {
    gap = Math.min(gap, (writes[i]?.at ?? 0) - (writes[i - 1]?.at ?? 0));
  }
  return gap;
}

function plain(writes: readonly Write[]): Write[] {
  return writes.filter((w) => !w.notifying);
}

/** The figures docs/operations.md quotes. */
function summary(writes: readonly Write[]): string {
  const notifying = writes.filter((w) => w.notifying);
  return `${writes.length} writes, closest two plain ones ${minimumGap(plain(writes))} ms apart; ${notifying.length} notifying, closest two ${minimumGap(notifying)} ms apart`;
}

function describeWrites(writes: readonly Write[]): string {
  const start = writes[0]?.at ?? 0;
  return writes
    .map((w) => `+${w.at - start} ms ${w.replica} ${w.method} ${w.path}${w.notifying ? " *" : ""}`)
    .join("\n");
}

const redisHere = replicaTestsHere();

describe.skipIf(redisHere.kind === "skip")(
  "two replicas of the bot writing for one installation at once",
  () => {
    let redis: TestRedis;
    let shared: Run;
    let alone: Run;

    beforeAll(async () => {
      redis = await testRedis(1);
      [shared, alone] = await Promise.all([
        twoCandidatesAtOnce(redis.url),
        twoCandidatesAtOnce(undefined),
      ]);
    }, 90_000);

    afterAll(async () => {
      await redis?.stop();
    });

    it("cut both candidates, one by each replica, in either set-up", () => {
      for (const run of [shared, alone]) {
        expect(run.tags).toEqual(expect.arrayContaining(["v1.5.0-rc.1", "v1.6.0-rc.1"]));
        expect(run.replies[0]).toMatch(/Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
        expect(run.replies[1]).toMatch(/Tagged release candidate \[`v1\.6\.0-rc\.1`\]/);
        expect(new Set(run.writes.map((w) => w.replica))).toEqual(new Set(["a", "b"]));
      }
    });

    it("with a shared REDIS_URL, space their writes together: a second apart, three for notifying ones", () => {
      const report = describeWrites(shared.writes);
      // The two replicas' writes alternate rather than one batch after the other.
      const switches = shared.writes.filter(
        (w, i) => i > 0 && w.replica !== shared.writes[i - 1]?.replica,
      );
      expect(switches.length, report).toBeGreaterThanOrEqual(3);
      // A notifying write takes its write slot, then waits for a notification slot (the plugin
      // asks its two limiters in that order), so it may land next to a plain write taken meanwhile:
      // the second apart holds among the plain writes, the three seconds among the notifying ones.
      expect(minimumGap(plain(shared.writes)), report).toBeGreaterThanOrEqual(
        WRITE_SPACING_MS - JITTER_MS,
      );
      expect(minimumGap(shared.writes.filter((w) => w.notifying)), report).toBeGreaterThanOrEqual(
        NOTIFICATION_SPACING_MS - JITTER_MS,
      );
      console.log(`with Redis: ${summary(shared.writes)}`);
    });

    it("without Redis, space only each replica's own writes, so the two come closer than GitHub asks", () => {
      const report = describeWrites(alone.writes);
      for (const replica of ["a", "b"]) {
        const own = alone.writes.filter((w) => w.replica === replica);
        expect(minimumGap(own), report).toBeGreaterThanOrEqual(WRITE_SPACING_MS - JITTER_MS);
      }
      expect(minimumGap(plain(alone.writes)), report).toBeLessThan(WRITE_SPACING_MS - JITTER_MS);
      expect(minimumGap(alone.writes.filter((w) => w.notifying)), report).toBeLessThan(
        NOTIFICATION_SPACING_MS - JITTER_MS,
      );
      console.log(`without Redis: ${summary(alone.writes)}`);
    });
  },
);
