import { helpCommand, helpText } from "../core/commands/help.js";
import type { Command } from "../core/commands/parse.js";
import { publishVersion } from "../core/release/publishing.js";
import { inlineCode } from "../core/text/markdown.js";
import { branchName, parseLineArgument, type ReleaseLine } from "../core/version/numbering.js";
import { type FlowContext, type Outcome, outcome } from "../flows/context.js";
import { lineContext, notingLineConfig } from "../flows/line/config.js";
import { reportStatus } from "../flows/line/status-command.js";
import { runCherryPickCommand } from "../flows/pick/command.js";
import { publishRefusalOutcome } from "../flows/release/burned-names.js";
import { cutCandidate } from "../flows/release/candidate.js";
import { createReleaseBranch } from "../flows/release/create-branch.js";
import { openDevelopmentVersion } from "../flows/release/development-version.js";
import { cutFinal } from "../flows/release/final.js";
import { publishCommand } from "../flows/release/publish.js";
import { describeRequestError } from "../github/errors.js";
import { describeCommand } from "./describe-command.js";

/** Where the command was written, and by whom. */
export interface CommandSource {
  issueNumber: number;
  isPullRequest: boolean;
  requester: string;
  /** The branch `/branch` starts from when no `from` is given. */
  defaultBranch: string;
}

/**
 * Runs one command through its flow. A failure becomes the command's answer instead of
 * stopping the comment's other commands.
 */
export async function dispatchCommand(
  ctx: FlowContext,
  command: Command,
  source: CommandSource,
): Promise<Outcome> {
  try {
    return await runCommand(withDryRun(ctx, command), command, source);
  } catch (error) {
    // A release GitHub refused after its tag was made (finishing an interrupted run).
    const refused = publishRefusalOutcome(ctx, error);
    if (refused) return refused;
    ctx.log.error({ err: error, command: command.name }, "command failed");
    return outcome(
      "failed",
      `\`${describeCommand(command)}\` failed: ${describeRequestError(error)}. Every step checks what is already done, so running the command again finishes the job.`,
    );
  }
}

/** `--dry-run` on one command turns on, for that command alone, what `dryRun: true` does. */
function withDryRun(ctx: FlowContext, command: Command): FlowContext {
  if (!("dryRun" in command) || !command.dryRun || ctx.config.dryRun) return ctx;
  return { ...ctx, config: { ...ctx.config, dryRun: true } };
}

async function runCommand(
  ctx: FlowContext,
  command: Command,
  source: CommandSource,
): Promise<Outcome> {
  switch (command.name) {
    case "help":
      return outcome("done", helpText(ctx.config));
    case "status":
      return reportStatus(ctx, command.target);
    case "unknown": {
      return outcome(
        "refused",
        `${inlineCode(`/${command.command}`)} is not a release-bot command. Did you mean \`/${command.suggestion}\`? Comment \`${helpCommand(ctx.config)}\` for the list.`,
      );
    }
    case "invalid":
      return outcome("refused", command.message);
    case "branch":
    case "rc":
    case "release": {
      const line = parseLineArgument(command.target, ctx.config.branches.pattern);
      if (!line) {
        return outcome(
          "refused",
          `${inlineCode(command.target)} is not a release line; give it as \`major.minor\`, for example \`/${command.name} 1.5\`.`,
        );
      }
      if (command.name === "branch") {
        const created = await createReleaseBranch(
          ctx,
          line,
          command.from ?? source.defaultBranch,
          command.force === true,
        );
        return afterCut(ctx, line, source.defaultBranch, created);
      }
      return runOnLine(ctx, line, (lineCtx) =>
        command.name === "rc"
          ? cutCandidate(lineCtx, line)
          : cutFinal(lineCtx, line, command.force),
      );
    }
    case "publish": {
      const version = publishVersion(command.target, ctx.config.tags.format);
      if (!version) {
        return outcome(
          "refused",
          `${inlineCode(command.target)} is not a release version; give it as \`X.Y.Z\` or \`X.Y.Z-rc.N\`, for example \`/publish 1.5.0\`.`,
        );
      }
      const line = { major: version.major, minor: version.minor };
      return runOnLine(ctx, line, (lineCtx) => publishCommand(lineCtx, version));
    }
    case "cherry-pick":
      return runCherryPickCommand(ctx, {
        command,
        issueNumber: source.issueNumber,
        isPullRequest: source.isPullRequest,
        requester: source.requester,
      });
  }
}

/** Runs a flow of one release line under that line's configuration (see `lineContext`). */
async function runOnLine(
  ctx: FlowContext,
  line: ReleaseLine,
  flow: (lineCtx: FlowContext) => Promise<Outcome>,
): Promise<Outcome> {
  const found = await lineContext(ctx, branchName(ctx.config.branches.pattern, line));
  if (!found.ok) return found.outcome;
  return notingLineConfig(ctx, await flow(found.ctx), found.from);
}

/** A line just cut: the default branch moves on to its development version, when configured. */
async function afterCut(
  ctx: FlowContext,
  line: ReleaseLine,
  defaultBranch: string,
  created: Outcome,
): Promise<Outcome> {
  if (created.status !== "done") return created;
  const development = await openDevelopmentVersion(ctx, line, defaultBranch);
  return development
    ? { ...created, message: `${created.message} ${development.message}` }
    : created;
}
