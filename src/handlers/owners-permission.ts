import type { Config } from "../config.js";
import type { Command } from "../core/commands/parse.js";
import { decidesByOwners, type OwnersRead, standingOf } from "../core/owners/approvers.js";
import { ownersProblemMessage, ownersRefusalMessage } from "../core/owners/refusal.js";
import { type FlowContext, type Outcome, outcome } from "../flows/context.js";
import { readOwners } from "../flows/owners/approvers.js";
import { describeRequestError } from "../github/errors.js";
import type { RepositoryRole } from "../github/permissions.js";
import { describeCommand } from "./describe-command.js";

/** `owners-or-maintain` lets this role in without reading OWNERS. */
export function roleSuffices(role: RepositoryRole | Error | null, permission: string): boolean {
  return (
    permission === "owners-or-maintain" &&
    role !== null &&
    !(role instanceof Error) &&
    role.rank >= 4
  );
}

/**
 * Why the OWNERS file does not let the commenter run the command, or null when it does: an
 * approver of the root, or (with `owners-or-maintain`) a role of `maintain` or higher. A file
 * that is missing or unreadable is a reply naming it and what is wrong; a read that failed is
 * retried by commenting again.
 */
export function ownersRefusal(
  command: Command,
  author: string,
  access: { role: RepositoryRole | Error | null; owners: OwnersRead | Error | null },
  settings: Config["commands"],
): Outcome | null {
  const { role, owners } = access;
  const { permission } = settings;
  if (roleSuffices(role, permission)) return null;
  const typed = describeCommand(command);
  if (owners === null || owners instanceof Error) {
    const why = owners instanceof Error ? describeRequestError(owners) : "it was not read";
    return outcome(
      "failed",
      `\`${typed}\` was not run: \`${settings.ownersFile}\` could not be read (${why}). Comment again to retry.`,
    );
  }
  if (!owners.ok)
    return outcome("refused", ownersProblemMessage(typed, owners.file, owners.problem));
  const standing = standingOf(owners.owners, author);
  if (standing.kind === "approver") return null;
  if (permission === "owners-or-maintain" && role instanceof Error) {
    return outcome(
      "failed",
      `\`${typed}\` was not run: your permission on this repository could not be read (${describeRequestError(role)}). Comment again to retry.`,
    );
  }
  const message = ownersRefusalMessage({
    author,
    command: typed,
    file: owners.file,
    owners: owners.owners,
    standing,
    ...(permission === "owners-or-maintain" ? { role: role?.name ?? "none" } : {}),
  });
  return outcome("refused", message);
}

/**
 * The OWNERS file, read (once per delivery) only when the configuration decides by it, a command
 * of the comment needs a permission, and the role read beside the configuration does not settle
 * it already; a failed read is kept as the error, reported per command.
 */
export async function ownersForCommands(
  ctx: FlowContext,
  needed: boolean,
  role: RepositoryRole | Error | null,
): Promise<OwnersRead | Error | null> {
  const { permission } = ctx.config.commands;
  if (!needed || !decidesByOwners(permission) || roleSuffices(role, permission)) return null;
  try {
    return await readOwners(ctx);
  } catch (error) {
    ctx.log.error({ err: error }, "could not read the OWNERS file");
    return error instanceof Error ? error : new Error(String(error));
  }
}
