/**
 * Issue 26 through webhooks on the local GitHub: the OWNERS file's approvers decide. An approver
 * with only the `read` role cuts a candidate; a reviewer is refused with the OWNERS reply; a
 * contributor's `/cherry-pick` waits for an approver, and is picked once when an approver adds
 * `cherry-pick-approved`, however often that label's webhook is delivered.
 */
import type { SandboxRepo } from "@release-bot/local-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../reliability/counters.js";
import {
  MAINTAINER,
  makeRepo,
  type NeverWrongEnv,
  startNeverWrongEnv,
} from "./never-wrong.helpers.js";

const APPROVER = "ReleaseLead";
const REVIEWER = "rita";
const CONTRIBUTOR = "ana";

const CONFIG = [
  "commands:",
  "  permission: owners",
  "cherryPick:",
  "  approval: owners",
  "dashboard:",
  "  enabled: false",
  "",
].join("\n");
const OWNERS = `approvers:\n  - releaselead\n  - release-managers\nreviewers:\n  - ${REVIEWER}\n`;
const ALIASES = `aliases:\n  release-managers:\n    - ${MAINTAINER}\n`;
const CODE = "package webhook\n\nfunc Validate(spec *Spec) error {\n\treturn spec.Check()\n}\n";

/** The bot's reply to a comment of `user` on `issue`, as a user reads it. */
async function say(
  env: NeverWrongEnv,
  repo: SandboxRepo,
  issue: number,
  body: string,
  user: string,
): Promise<string> {
  const posted = await repo.comment(issue, body, { as: user });
  await env.sandbox.idle();
  const reply = repo
    .comments(issue)
    .filter((c) => c.body.includes(`release-bot:reply-to:${posted.id} `))
    .at(-1);
  return visibleText(reply?.body ?? "(no reply)");
}

function statusComment(repo: SandboxRepo, number: number): string {
  const comments = repo
    .comments(number)
    .filter((c) => c.body.includes("release-bot:cherry-pick-status"));
  expect(comments).toHaveLength(1);
  return comments[0]?.body ?? "";
}

describe("OWNERS approvers release, and picks wait for them", () => {
  let env: NeverWrongEnv;
  let repo: SandboxRepo;

  beforeAll(async () => {
    env = await startNeverWrongEnv();
    repo = await makeRepo(env, {
      ".github/release-bot.yml": CONFIG,
      OWNERS,
      OWNERS_ALIASES: ALIASES,
      VERSION: "v1.5.0\n",
      "pkg/webhook/webhook.go": CODE,
    });
    env.sandbox.setPermission(repo, APPROVER, "read");
    env.sandbox.setPermission(repo, REVIEWER, "admin");
    env.sandbox.setPermission(repo, CONTRIBUTOR, "read");
    await repo.createBranch("release-1.5", "master", { as: MAINTAINER });
    await env.sandbox.idle();
    await repo.commit({
      branch: "release-1.5",
      files: { "README.md": "# operator 1.5\n" },
      message: "Release 1.5 housekeeping",
      as: MAINTAINER,
    });
    await env.sandbox.idle();
  }, 60_000);

  afterAll(async () => env?.close());

  it("lets an approver with only the read role cut a candidate, and refuses an admin listed as a reviewer", async () => {
    expect(await repo.resolve("refs/tags/v1.5.0-rc.0")).not.toBeNull();
    const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
    await env.sandbox.idle();

    const refused = await say(env, repo, issue, "/rc 1.5", REVIEWER);
    expect(refused).toBe(
      "Sorry @rita, only approvers in `OWNERS` can run `/rc 1.5`; you are listed as a reviewer. Ask one of them (`releaselead`, `maintainer`) to run it.",
    );
    expect(await repo.resolve("refs/tags/v1.5.0-rc.1")).toBeNull();

    const cut = await say(env, repo, issue, "/rc 1.5", APPROVER);
    expect(cut).toMatch(/^Tagged release candidate \[`v1\.5\.0-rc\.1`\]/);
    const tagged = await repo.git("rev-parse", "v1.5.0-rc.1^{commit}");
    expect(await repo.git("show", `${tagged.trim()}:VERSION`)).toBe("v1.5.0-rc.1\n");
  }, 90_000);

  it("keeps a contributor's /cherry-pick waiting through the merge, and picks once when an approver adds cherry-pick-approved", async () => {
    await repo.commit({
      branch: "fix",
      from: "master",
      files: { "pkg/webhook/webhook.go": CODE.replace("spec.Check()", "spec.Validate()") },
      message: "Fix the webhook",
      author: { name: "Ana", email: "ana@example.com", login: CONTRIBUTOR },
      as: CONTRIBUTOR,
    });
    const pr = await repo.openPullRequest({
      head: "fix",
      title: "Fix the webhook",
      user: CONTRIBUTOR,
    });
    await env.sandbox.idle();

    const asked = await say(env, repo, pr.number, "/cherry-pick release-1.5", CONTRIBUTOR);
    expect(asked).toBe(
      "`release-1.5` waits for an approver: add `cherry-pick-approved` or comment `/cherry-pick release-1.5` (added `cherry-pick/release-1.5`).",
    );
    expect(repo.labels(pr.number)).toEqual(["cherry-pick/release-1.5"]);
    const waiting =
      "| `release-1.5` | ✋ Waiting for an approver: add `cherry-pick-approved` or comment `/cherry-pick release-1.5` (asked for by `ana`). |";
    expect(statusComment(repo, pr.number)).toContain(waiting);

    await repo.mergePullRequest(pr.number, { method: "squash", as: MAINTAINER });
    await env.sandbox.idle();
    const head = `cherry-pick-${pr.number}-to-release-1.5`;
    expect(repo.pulls({ head, base: "release-1.5" })).toEqual([]);
    expect(await repo.resolve(head)).toBeNull();
    expect(statusComment(repo, pr.number)).toContain(waiting);

    await repo.addLabels(pr.number, ["cherry-pick-approved"], { as: MAINTAINER });
    await env.sandbox.idle();
    const picks = repo.pulls({ head, base: "release-1.5" });
    expect(picks).toHaveLength(1);
    expect(await repo.readFile(head, "pkg/webhook/webhook.go")).toContain("spec.Validate()");
    expect(statusComment(repo, pr.number)).toContain(
      `| \`release-1.5\` | 🔀 Pick pull request #${picks[0]} is open. |`,
    );

    const approval = env.sandbox.webhooks
      .find({ event: "pull_request", action: "labeled" })
      .filter((d) => (d.payload.label as { name: string }).name === "cherry-pick-approved")
      .at(-1);
    for (let i = 0; i < 3; i++) env.sandbox.webhooks.redeliver(approval?.guid as string);
    await env.sandbox.idle();
    expect(repo.pulls({ head, base: "release-1.5" })).toEqual(picks);
    expect(
      repo.comments(pr.number).filter((c) => c.body.includes("cherry-pick-status")),
    ).toHaveLength(1);
  }, 120_000);
});
