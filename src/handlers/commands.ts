import type { Context } from "probot";
import type { Config } from "../config.js";
import { type Command, parseCommands } from "../core/commands.js";
import { helpText } from "../core/help.js";
import { inlineCode } from "../core/markdown.js";
import { parseLineArgument } from "../core/version.js";
import { cutCandidate } from "../flows/candidate.js";
import { runCherryPickCommand } from "../flows/cherry-pick-command.js";
import { type FlowContext, type Outcome, outcome } from "../flows/context.js";
import { createReleaseBranch } from "../flows/create-branch.js";
import { cutFinal } from "../flows/final.js";
import {
  claimComment,
  findMarkedComment,
  marker,
  postMarkedComment,
  updateMarkedComment,
} from "../github/comments.js";
import { describeRequestError, hasStatus } from "../github/errors.js";
import { fetchRepositoryRole, type RepositoryRole, roleAllows } from "../github/permissions.js";
import { flowContext } from "./flow-context.js";
import { loadConfig } from "./load-config.js";

type CommentContext = Context<"issue_comment.created">;

const WRITING_COMMANDS: ReadonlySet<Command["name"]> = new Set([
  "branch",
  "rc",
  "release",
  "cherry-pick",
]);

/**
 * How long a claimed comment without a reply is left to the delivery that claimed it. Past this,
 * that delivery is taken to have died (a crashed replica) and a redelivery runs the commands.
 */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;

/** Marks a reply whose commands failed, so that a redelivery tries them again. */
const FAILED = marker("failed");

/**
 * Slash commands in issue and pull request comments. Comments without commands cost no API call;
 * a comment with commands gets eyes at once and exactly one reply. The eyes reaction is the lock:
 * a redelivery or another replica that finds it leaves the comment to its owner, unless the
 * reply says the commands failed (then it tries again and edits the reply in place) or the owner
 * left no reply within the lease.
 */
export async function onIssueComment(context: CommentContext): Promise<void> {
  const { comment, issue } = context.payload;
  if (context.isBot || comment.user?.type === "Bot") return;
  const commands = parseCommands(comment.body ?? "");
  if (commands.length === 0) return;

  const repo = context.repo();
  const replyKey = `reply-to:${comment.id}`;
  const claim = await claimComment(context.octokit, repo, comment.id);
  let previous: { id: number; body: string } | null = null;
  if (!claim.claimed) {
    previous = await findMarkedComment(
      context.octokit,
      repo,
      issue.number,
      replyKey,
      comment.created_at,
    );
    const ownerAlive = Date.now() - Date.parse(claim.claimedAt) < CLAIM_LEASE_MS;
    if ((previous && !previous.body.includes(FAILED)) || (!previous && ownerAlive)) {
      context.log.info(
        { comment: comment.id, answered: Boolean(previous) },
        "comment already handled",
      );
      return;
    }
  }
  const answer = (results: ReadonlyArray<{ command: Command; result: Outcome }>) =>
    reply(context, replyKey, results, previous?.id ?? null);

  // The role is read beside the configuration (one round-trip instead of two); only the
  // comparison needs the configured minimum.
  const author = comment.user?.login ?? context.payload.sender.login;
  const writes = commands.some((command) => WRITING_COMMANDS.has(command.name));
  const [loaded, role] = await Promise.all([
    loadConfig(context),
    writes ? readRole(context, author) : null,
  ]);
  const results: Array<{ command: Command; result: Outcome }> = [];
  if (!loaded.ok) {
    const result = outcome("failed", `Nothing was run: ${loaded.error} Fix it and comment again.`);
    await answer([{ command: commands[0] as Command, result }]);
    return;
  }
  const ctx = flowContext(context, loaded.config);
  const minimum = loaded.config.commands.permission;
  for (const command of commands) {
    const refusal = WRITING_COMMANDS.has(command.name)
      ? permissionRefusal(command, author, role, minimum)
      : null;
    results.push({ command, result: refusal ?? (await runSafely(ctx, command, context)) });
  }
  await answer(results);
}

/** Why a writing command may not run for this commenter, or null when it may. */
function permissionRefusal(
  command: Command,
  author: string,
  role: RepositoryRole | Error | null,
  minimum: Config["commands"]["permission"],
): Outcome | null {
  if (role instanceof Error) {
    return outcome(
      "failed",
      `\`${describeCommand(command)}\` was not run: your permission on this repository could not be read (${describeRequestError(role)}). Comment again to retry.`,
    );
  }
  if (role && roleAllows(role, minimum)) return null;
  return outcome(
    "refused",
    `Sorry @${author}, only people with the \`${minimum}\` role or higher on this repository can run \`${describeCommand(command)}\` (yours is \`${role?.name ?? "none"}\`); ask a maintainer to run it.`,
  );
}

/** The commenter's role, or the error that kept it from being read (reported per command). */
async function readRole(
  context: CommentContext,
  username: string,
): Promise<RepositoryRole | Error> {
  try {
    return await fetchRepositoryRole(context.octokit, context.repo(), username);
  } catch (error) {
    // GitHub answers 200 with `none` or `read` for people without access; 404 means no such
    // user (a deleted account, a ghost), who has no role either.
    if (hasStatus(error, 404)) return { name: "none", rank: 0 };
    context.log.error({ err: error, username }, "could not read the commenter's permission");
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function runSafely(
  ctx: FlowContext,
  command: Command,
  context: CommentContext,
): Promise<Outcome> {
  try {
    return await runCommand(ctx, command, context);
  } catch (error) {
    ctx.log.error({ err: error, command: command.name }, "command failed");
    return outcome(
      "failed",
      `\`${describeCommand(command)}\` failed: ${describeRequestError(error)}. Every step checks what is already done, so running the command again finishes the job.`,
    );
  }
}

async function runCommand(
  ctx: FlowContext,
  command: Command,
  context: CommentContext,
): Promise<Outcome> {
  const pattern = ctx.config.branches.pattern;
  switch (command.name) {
    case "help":
      return outcome("done", helpText(ctx.config));
    case "unknown": {
      const hint = command.suggestion ? ` Did you mean \`/${command.suggestion}\`?` : "";
      return outcome(
        "refused",
        `${inlineCode(`/${command.command}`)} is not a release-bot command.${hint} Comment \`/help\` for the list.`,
      );
    }
    case "invalid":
      return outcome("refused", command.message);
    case "branch":
    case "rc":
    case "release": {
      const line = parseLineArgument(command.target, pattern);
      if (!line) {
        return outcome(
          "refused",
          `${inlineCode(command.target)} is not a release line; give it as \`major.minor\`, for example \`/${command.name} 1.5\`.`,
        );
      }
      if (command.name === "branch") {
        return createReleaseBranch(
          ctx,
          line,
          command.from ?? context.payload.repository.default_branch,
        );
      }
      if (command.name === "rc") return cutCandidate(ctx, line);
      return cutFinal(ctx, line, command.force);
    }
    case "cherry-pick":
      return runCherryPickCommand(ctx, {
        command,
        issueNumber: context.payload.issue.number,
        isPullRequest: Boolean(context.payload.issue.pull_request),
        requester: context.payload.comment.user?.login ?? context.payload.sender.login,
      });
  }
}

/** The command as the user would type it, for replies. */
export function describeCommand(command: Command): string {
  switch (command.name) {
    case "branch":
      return `/branch ${command.target}${command.from ? ` from ${command.from}` : ""}`;
    case "rc":
      return `/rc ${command.target}`;
    case "release":
      return `/release ${command.target}${command.force ? " --force" : ""}`;
    case "cherry-pick":
      return `/cherry-pick ${command.targets.join(" ")}`;
    case "help":
      return "/help";
    case "invalid":
    case "unknown":
      return `/${command.command}`;
  }
}

/** One reply for the whole comment; edits the earlier reply of a failed attempt in place. */
async function reply(
  context: CommentContext,
  key: string,
  results: ReadonlyArray<{ command: Command; result: Outcome }>,
  previousId: number | null,
): Promise<void> {
  const text =
    results.length === 1
      ? (results[0]?.result.message ?? "")
      : results
          .map(({ command, result }) => `**\`${describeCommand(command)}\`**: ${result.message}`)
          .join("\n\n");
  const failed = results.some(({ result }) => result.status === "failed");
  const body = failed ? `${text}\n${FAILED}` : text;
  if (previousId !== null) {
    await updateMarkedComment(context.octokit, context.repo(), previousId, key, body);
  } else {
    await postMarkedComment(
      context.octokit,
      context.repo(),
      context.payload.issue.number,
      key,
      body,
    );
  }
}
