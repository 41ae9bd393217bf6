import { createHash } from "node:crypto";
import {
  type IdleOptions,
  type Sandbox,
  type SandboxRepo,
  startSandbox,
} from "@release-bot/local-github";
import {
  checkDemo,
  type DemoRecord,
  playDemo,
  seedDemoRepository,
} from "@release-bot/local-github/testing";
import { describe, expect, it } from "vitest";
import { startWorld } from "../world/index.js";
import { type ActionRun, installAction } from "./harness.js";

/**
 * One clock for both local GitHubs: with the same events, the same commits and tags get the same
 * shas, so "the same result" can be compared byte for byte. One exception: a picked commit's
 * committer date is the time of the pick on the bot's own clock (the App's is the local GitHub's,
 * the Action's the machine's), so commits are compared by what they hold (`contentIds`), not by
 * sha.
 */
const clock = () => new Date("2025-03-01T12:00:00Z");

/**
 * Every commit's identity without its committer date: tree, author, message and the identities
 * of its parents. Two histories that differ only in when the bot picked are the same.
 */
async function contentIds(repo: SandboxRepo): Promise<Map<string, string>> {
  const log = await repo.git(
    "log",
    "--all",
    "--reverse",
    "--topo-order",
    "--format=%H%x1f%P%x1f%T%x1f%an <%ae> %ad%x1f%B%x1e",
  );
  const ids = new Map<string, string>();
  for (const entry of log.split("\x1e")) {
    const [sha, parents, ...content] = entry.trim().split("\x1f");
    if (!sha) continue;
    const parentIds = (parents ?? "")
      .split(" ")
      .filter(Boolean)
      .map((p) => ids.get(p) ?? p);
    ids.set(
      sha,
      createHash("sha1")
        .update([...parentIds, ...content].join("\n"))
        .digest("hex"),
    );
  }
  return ids;
}

/** The outcome with every sha, full or abbreviated, replaced by its commit's content identity. */
function bySha(outcome: Outcome, ids: Map<string, string>): Outcome {
  let text = JSON.stringify(outcome);
  for (const [sha, id] of ids)
    text = text.replaceAll(sha, `<${id}>`).replaceAll(sha.slice(0, 7), `<${id.slice(0, 7)}>`);
  return JSON.parse(text) as Outcome;
}

/** What a release leaves on GitHub: every ref, every pull request, every comment. */
interface Outcome {
  record: Omit<DemoRecord, "gitDir">;
  refs: string;
  pulls: Array<{ number: number; title: string; base: string; head: string; state: string }>;
  comments: Array<{ issue: number; by: string; body: string }>;
}

async function outcomeOf(repo: SandboxRepo, record: DemoRecord): Promise<Outcome> {
  const { gitDir: _gitDir, ...rest } = record;
  const pulls: Outcome["pulls"] = [];
  for (const number of repo.pulls({ state: "all" })) {
    const pull = (await repo.pull(number)) as unknown as {
      title: string;
      base: { ref: string };
      head: { ref: string };
      state: string;
    };
    pulls.push({
      number,
      title: pull.title,
      base: pull.base.ref,
      head: pull.head.ref,
      state: pull.state,
    });
  }
  const comments: Outcome["comments"] = [];
  for (let issue = 1; ; issue++) {
    let thread: ReturnType<SandboxRepo["comments"]>;
    try {
      thread = repo.comments(issue);
    } catch {
      break;
    }
    for (const c of thread) {
      comments.push({ issue, by: (c.user as { login: string }).login, body: c.body });
    }
  }
  const outcome = {
    record: rest,
    // Every ref but GitHub's test merges (`refs/pull/N/merge`), which are made whenever a pull
    // request is read and so depend on when the release branch was last read, not on the bot.
    // A tag is compared by the commit it names: its tag object holds that commit's sha, which
    // carries the committer date of any pick before it (see `contentIds`).
    refs: (
      await repo.git(
        "for-each-ref",
        "--format=%(refname) %(if)%(*objectname)%(then)tag of %(*objectname)%(else)%(objectname)%(end)",
      )
    )
      .split("\n")
      .filter((line) => !/^refs\/pull\/\d+\/merge /.test(line))
      .join("\n"),
    pulls,
    comments,
  };
  return bySha(outcome, await contentIds(repo));
}

/** The demo waits for quiet after each step; a run of the Action takes seconds, not milliseconds. */
function patient(sandbox: Sandbox): Sandbox {
  return new Proxy(sandbox, {
    get(target, property) {
      if (property === "idle") {
        return (options?: IdleOptions) => target.idle({ timeoutMs: 180_000, ...options });
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function releaseWithApp(): Promise<Outcome> {
  const env = await startWorld({ clock, logLevel: "warn" });
  try {
    return await outcomeOf(env.repo, await playDemo(env, () => {}));
  } finally {
    await env.close();
  }
}

async function releaseWithAction(): Promise<{ outcome: Outcome; runs: ActionRun[] }> {
  const sandbox = await startSandbox({
    webhookSecret: "unused: the Action reads the event file",
    clock,
  });
  try {
    const repo = await seedDemoRepository(sandbox);
    const runs = installAction(sandbox, repo.fullName, {
      token: sandbox.installationToken(),
      // The local GitHub limits nothing; the App beside it runs unthrottled too.
      writeThrottle: false,
    });
    const record = await playDemo({ sandbox: patient(sandbox), repo }, () => {});
    return { outcome: await outcomeOf(repo, record), runs };
  } finally {
    await sandbox.close();
  }
}

describe("the Action and the App on the same events", () => {
  it("leave the same refs, commits, tags, pull requests and replies after the demo release", async () => {
    const [app, action] = await Promise.all([releaseWithApp(), releaseWithAction()]);

    // Not two empty results: the release happened (every tag, with the right versions).
    expect(checkDemo({ ...action.outcome.record, gitDir: "" })).toEqual([]);
    expect(action.outcome.record.replies.refused).toMatch(/^Sorry @contributor/);
    expect(action.outcome.pulls.length).toBeGreaterThanOrEqual(5);
    // Every ref (branches, pick branches, tags) names the same content: same trees, same history.
    expect(action.outcome.refs).toBe(app.refs);
    // The dashboard follows the bot's own events (its tags, its status comments), which the
    // documented workflow does not run on (docs/action.md): under the Action it may lag behind
    // the last pick until the next user event. Its tags section is the same.
    const tagsOf = (dashboard: string | null) => dashboard?.split("**Cherry-picks**")[0] ?? null;
    expect(tagsOf(action.outcome.record.dashboard)).toBe(tagsOf(app.record.dashboard));
    expect(tagsOf(app.record.dashboard)).toContain("v1.5.1-rc.0");
    const withoutDashboard = (o: Outcome) => ({ ...o, record: { ...o.record, dashboard: null } });
    expect(withoutDashboard(action.outcome)).toEqual(withoutDashboard(app));
    // The refused command and the conflicting pick are answers, not failures.
    expect(action.runs.filter((run) => run.exitCode !== 0)).toEqual([]);
  }, 600_000);
});
