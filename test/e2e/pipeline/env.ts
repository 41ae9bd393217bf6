import type { Sandbox, SandboxRepo, SteppableClock } from "@release-bot/local-github";
import { CONTRIBUTOR, MAINTAINER } from "@release-bot/local-github/testing";
import { startWorld } from "../../world/index.js";

/**
 * The local GitHub with the real bot behind webhooks, the demo operator seeded and a
 * `.github/release-bot.yml` committed on master: the bed of the pipeline-fitting tests.
 */
export interface PipelineEnv {
  sandbox: Sandbox;
  repo: SandboxRepo;
  /** The time of the local GitHub and the bot: `clock.advance(ms)` makes time pass. */
  clock: SteppableClock;
  /** The tracking issue commands are posted on. */
  issue: number;
  /** Posts a comment as the maintainer (or `as`) and returns the bot's newest reply after it. */
  say(body: string, as?: string): Promise<string | null>;
  /** The bot's comments on an issue or pull request after a comment id, oldest first. */
  botCommentsAfter(issue: number, afterId: number): Array<{ id: number; body: string }>;
  /** Merges a one-commit fix into master through a pull request; returns its number. */
  mergeFix(fix: FixPullRequest): Promise<number>;
  close(): Promise<void>;
}

export interface FixPullRequest {
  branch: string;
  title: string;
  files: Record<string, string>;
  labels?: string[];
  body?: string;
  message?: string;
}

const MARKER = /<!--[\s\S]*?-->/g;

/** A comment as its reader sees it: without the bot's hidden markers. */
export const visible = (body: string) => body.replace(MARKER, "").trim();

export async function startPipelineEnv(config: string | null): Promise<PipelineEnv> {
  const env = await startWorld({ logLevel: "silent" });
  const { sandbox, repo } = env;
  if (config !== null) {
    await repo.commit({
      branch: "master",
      files: { ".github/release-bot.yml": config },
      message: "Configure release-bot",
      author: MAINTAINER,
    });
  }
  const issue = await repo.openIssue({ title: "Release 1.5", user: MAINTAINER });
  await sandbox.idle();
  const botCommentsAfter = (number: number, afterId: number) =>
    repo
      .comments(number)
      .filter(
        (c) =>
          (c.user as { login?: string } | undefined)?.login === sandbox.app.botLogin &&
          c.id > afterId,
      )
      .map((c) => ({ id: c.id as number, body: visible(c.body as string) }));
  return {
    sandbox,
    repo,
    clock: env.clock,
    issue,
    botCommentsAfter,
    async say(body, as = MAINTAINER) {
      const posted = await repo.comment(issue, body, { as });
      await sandbox.idle();
      return botCommentsAfter(issue, posted.id as number).at(-1)?.body ?? null;
    },
    async mergeFix(fix) {
      await repo.createBranch(fix.branch, "master", { as: CONTRIBUTOR });
      await repo.commit({
        branch: fix.branch,
        files: fix.files,
        message: fix.message ?? fix.title,
        author: CONTRIBUTOR,
      });
      const pr = await repo.openPullRequest({
        head: fix.branch,
        base: "master",
        title: fix.title,
        ...(fix.body !== undefined ? { body: fix.body } : {}),
        user: CONTRIBUTOR,
      });
      if (fix.labels?.length) await repo.addLabels(pr.number, fix.labels, { as: MAINTAINER });
      await sandbox.idle();
      await repo.mergePullRequest(pr.number, { method: "squash", as: MAINTAINER });
      await sandbox.idle();
      return pr.number as number;
    },
    close: () => env.close(),
  };
}
