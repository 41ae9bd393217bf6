import type { Logger } from "probot";
import type { Config } from "../config.js";
import type { Command } from "../core/commands/parse.js";
import { decidesByOwners, type OwnersRead } from "../core/owners/approvers.js";
import { type Outcome, outcome } from "../flows/context.js";
import { describeRequestError, hasStatus } from "../github/errors.js";
import { fetchRepositoryRole, type RepositoryRole, roleAllows } from "../github/permissions.js";
import type { GitHub, RepoId } from "../github/types.js";
import { describeCommand } from "./describe-command.js";
import { ownersRefusal } from "./owners-permission.js";

const WRITING_COMMANDS: ReadonlySet<Command["name"]> = new Set([
  "branch",
  "rc",
  "release",
  "cherry-pick",
]);

/** Whether the command writes to the repository, so that only the configured role may run it. */
export function isWritingCommand(command: Command): boolean {
  return WRITING_COMMANDS.has(command.name);
}

/** The commenter's role, or the error that kept it from being read (reported per command). */
export async function readCommenterRole(
  github: GitHub,
  repo: RepoId,
  username: string,
  log: Logger,
): Promise<RepositoryRole | Error> {
  try {
    return await fetchRepositoryRole(github, repo, username);
  } catch (error) {
    // GitHub answers 200 with `none` or `read` for people without access; 404 means no such
    // user (a deleted account, a ghost), who has no role either.
    if (hasStatus(error, 404)) return { name: "none", rank: 0 };
    log.error({ err: error, username }, "could not read the commenter's permission");
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** What the comment's commands are decided by; null where it was not read (not needed). */
export interface CommenterAccess {
  role: RepositoryRole | Error | null;
  owners: OwnersRead | Error | null;
}

/**
 * Whether the command needs the commenter's permission: it writes, and is not a `/cherry-pick`
 * under `cherryPick.approval: owners` (anyone may ask; the pick waits for an approver).
 */
export function needsPermission(command: Command, config: Config): boolean {
  if (command.name === "cherry-pick" && config.cherryPick.approval === "owners") return false;
  return isWritingCommand(command);
}

/**
 * Why the command may not run for this commenter, or null when it may. `role` is null when it
 * was not read because no command of the comment writes.
 */
export function permissionRefusal(
  command: Command,
  author: string,
  access: CommenterAccess,
  config: Config,
): Outcome | null {
  if (!needsPermission(command, config)) return null;
  const minimum = config.commands.permission;
  if (decidesByOwners(minimum)) return ownersRefusal(command, author, access, config.commands);
  const { role } = access;
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
