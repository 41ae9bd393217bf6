import type { SandboxRepo } from "@release-bot/local-github";
import type { ProbotOctokit } from "probot";
import { visibleText } from "../reliability/counters.js";
import { startWorld, type World } from "../world/index.js";

export const MAINTAINER = "maintainer";

/** The test world with no seed: repositories are made per test. */
export type NeverWrongEnv = Pick<World, "sandbox" | "bot" | "clock" | "close">;

export function startNeverWrongEnv(
  options: { Octokit?: typeof ProbotOctokit } = {},
): Promise<NeverWrongEnv> {
  return startWorld({ seed: false, logLevel: "silent", ...options });
}

let repos = 0;

/** A fresh repository on `master` holding `files`, with a maintainer who may run commands. */
export async function makeRepo(
  env: NeverWrongEnv,
  files: Record<string, string>,
): Promise<SandboxRepo> {
  repos += 1;
  const repo = await env.sandbox.createRepo(`acme/operator-${repos}`, {
    defaultBranch: "master",
    files,
    message: "Initial commit",
  });
  env.sandbox.setPermission(repo, MAINTAINER, "maintain");
  await env.sandbox.idle();
  return repo;
}

/** Posts a command as the maintainer on a fresh issue and returns the bot's reply, as read. */
export async function command(
  env: NeverWrongEnv,
  repo: SandboxRepo,
  body: string,
  issue?: number,
): Promise<string> {
  const number = issue ?? (await repo.openIssue({ title: `run ${body}`, user: MAINTAINER }));
  await env.sandbox.idle();
  const posted = await repo.comment(number, body, { as: MAINTAINER });
  await env.sandbox.idle();
  const replies = repo
    .comments(number)
    .filter(
      (c) =>
        (c.user as { login?: string } | undefined)?.login === env.sandbox.app.botLogin &&
        c.body.includes(`release-bot:reply-to:${posted.id} `),
    );
  return visibleText(replies.at(-1)?.body ?? "(no reply)");
}
