import { MAINTAINER } from "@release-bot/local-github/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  beginScenario,
  type ReliabilityEnv,
  repliesTo,
  startReliabilityEnv,
  waitFor,
} from "./harness.js";

/**
 * Every loop that writes has a bound. The measured case: a ruleset that restricts deleting any
 * branch (`~ALL`) and does not list the App, and a claim on a first candidate left stale by a run
 * that stopped. Deleting the stale claim is refused; the bot used to take that for "already gone"
 * and claim again, for ever (227 commits and 225 refused deletions in 5 s).
 */
describe("a stale claim that a ruleset keeps from being deleted", () => {
  let env: ReliabilityEnv | undefined;

  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it("ends within 10 writes, with a reply naming the ruleset and what to change", async () => {
    env = await startReliabilityEnv();
    const { sandbox, repo } = env;
    // The claim a stopped run left on the first candidate of 1.5, 20 minutes ago.
    await repo.commit({
      branch: "release-bot/tmp/claim/v1.5.0-rc.0",
      files: {},
      message: "release-bot: temporary claim of v1.5.0-rc.0\n\nattempt crashed",
      date: new Date(Date.now() - 20 * 60 * 1000),
      as: MAINTAINER,
    });
    repo.addRuleset({
      name: "keep every branch",
      branches: ["~ALL"],
      deletion: true,
      nonFastForward: false,
    });
    const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await sandbox.idle();
    const scenario = await beginScenario(env, "stale claim, deletion refused by a ruleset");
    const since = sandbox.requests.length;
    const posted = await repo.comment(issue, "/branch 1.5", { as: MAINTAINER });
    await waitFor(async () => repliesTo(env as ReliabilityEnv, issue, posted.id).length > 0);
    await sandbox.idle();

    const writes = sandbox.requests
      .slice(since)
      .filter((r) => r.method !== "GET" && r.actor === sandbox.app.botLogin);
    expect(
      writes.length,
      writes.map((w) => `${w.method} ${w.path}`).join("\n"),
    ).toBeLessThanOrEqual(10);
    // The two deliveries (the comment, the branch's `create`) each tried the stale claim once.
    expect(writes.filter((w) => w.method === "DELETE" && w.status === 422)).toHaveLength(2);

    const refusal =
      'refused by the rule "Restrict deletions" of the branch ruleset "keep every branch"; a repository admin must add the App to the bypass list of "keep every branch", or exclude the branch from that rule';
    const [reply] = repliesTo(env, issue, posted.id);
    expect(reply).toContain(
      "Did not cut `v1.5.0-rc.0`, the first candidate of [`release-1.5`](https://github.com/kubeflow/demo-operator/tree/release-1.5): an interrupted run's claim on it, branch `release-bot/tmp/claim/v1.5.0-rc.0` (made ",
    );
    expect(reply).toContain(`could not be deleted: ${refusal}. Once that is changed`);
    expect(reply).toMatch(/comment `\/rc 1\.5` to cut it\.$/);
    // The branch's own delivery has no comment to answer: it opens one problem issue.
    const problems = sandbox.requests
      .slice(since)
      .filter((r) => r.method === "POST" && /\/issues$/.test(r.path));
    expect(problems).toHaveLength(1);

    const counts = await scenario.end({
      replies: [{ issue, commentId: posted.id, text: /^Created /, fails: true }],
    });
    expect(counts).toMatchObject({ duplicates: 0, incomplete: 0 });
    expect((await repo.tags()).map((t) => t.name)).toEqual([]);
  });
});
