import type { Sandbox, SandboxRepo } from "@release-bot/local-github";
import { startSandbox } from "@release-bot/local-github";
import { pino } from "pino";
import type { ProbotOctokit } from "probot";
import { SandboxOctokit } from "../../src/demo/scenario.js";
import { type BotServer, startBotServer } from "../../src/server.js";
import { visibleText } from "../reliability/counters.js";

export const MAINTAINER = "maintainer";

/** The local GitHub with the real bot behind its webhook server; repositories made per test. */
export interface NeverWrongEnv {
  sandbox: Sandbox;
  bot: BotServer;
  close(): Promise<void>;
}

export async function startNeverWrongEnv(): Promise<NeverWrongEnv> {
  const secret = "never-wrong-secret";
  const sandbox = await startSandbox({ webhookSecret: secret, deliveryMode: "concurrent" });
  const bot = await startBotServer({
    appId: sandbox.app.id,
    privateKey: sandbox.probotOptions().privateKey,
    secret,
    baseUrl: sandbox.url,
    Octokit: SandboxOctokit as typeof ProbotOctokit,
    log: pino({ level: "silent" }),
  });
  sandbox.subscribe(bot.webhookUrl);
  return {
    sandbox,
    bot,
    async close() {
      await bot.close();
      await sandbox.close();
    },
  };
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
