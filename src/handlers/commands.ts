import type { Context } from "probot";
import type { Command } from "../core/commands/parse.js";
import { outcome } from "../flows/context.js";
import { dispatchCommand } from "./command-dispatch.js";
import { readCommands } from "./command-grammar.js";
import {
  isWritingCommand,
  needsPermission,
  permissionRefusal,
  readCommenterRole,
} from "./command-permission.js";
import { type CommandResult, claimCommandComment } from "./command-reply.js";
import type { Delivery } from "./delivery.js";
import { describeCommand } from "./describe-command.js";
import { flowContext } from "./flow-context.js";
import { ownersForCommands } from "./owners-permission.js";

/**
 * Slash commands in issue and pull request comments. Comments without commands cost no API call;
 * a comment with commands gets eyes at once and exactly one reply (see `claimCommandComment`).
 */
export async function onIssueComment(
  context: Context<"issue_comment.created">,
  delivery: Delivery,
): Promise<void> {
  const { comment, issue } = context.payload;
  if (context.isBot || comment.user?.type === "Bot") return;
  const { commands } = await readCommands(delivery, comment.body ?? "");
  if (commands.length === 0) return;

  const claim = await claimCommandComment(
    context.octokit,
    context.repo(),
    { id: comment.id, issueNumber: issue.number, createdAt: comment.created_at },
    delivery.scope.clock,
  );
  if (!claim.owned) {
    context.log.info({ comment: comment.id, answered: claim.answered }, "comment already handled");
    return;
  }

  // The role is read beside the configuration (one round-trip instead of two); only the
  // comparison needs the configured minimum.
  const author = comment.user?.login ?? context.payload.sender.login;
  const [loaded, role] = await Promise.all([
    delivery.config(),
    commands.some(isWritingCommand)
      ? readCommenterRole(context.octokit, context.repo(), author, context.log)
      : null,
  ]);
  if (!loaded.ok) {
    const result = outcome("failed", `Nothing was run: ${loaded.error} Fix it and comment again.`);
    await claim.reply([{ command: describeCommand(commands[0] as Command), result }]);
    return;
  }

  const ctx = flowContext(context, loaded.config, delivery);
  const needed = commands.some((command) => needsPermission(command, loaded.config));
  const access = { role, owners: await ownersForCommands(ctx, needed, role) };
  const source = {
    issueNumber: issue.number,
    isPullRequest: Boolean(issue.pull_request),
    requester: author,
    defaultBranch: context.payload.repository.default_branch,
  };
  const results: CommandResult[] = [];
  for (const command of commands) {
    const refusal = permissionRefusal(command, author, access, loaded.config);
    results.push({
      command: describeCommand(command),
      result: refusal ?? (await dispatchCommand(ctx, command, source)),
    });
  }
  await claim.reply(results);
}
