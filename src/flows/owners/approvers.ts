import { isApprover, type OwnersRead, resolveOwners } from "../../core/owners/approvers.js";
import { readOwnersTexts } from "../../github/owners.js";
import type { FlowContext } from "../context.js";

/**
 * The root approvers of `commands.ownersFile` on the default branch, read once per delivery:
 * every handler and flow of the delivery that asks shares the read (the delivery scope keeps it),
 * and a delivery that never asks reads nothing.
 */
export function readOwners(ctx: FlowContext): Promise<OwnersRead> {
  const file = ctx.config.commands.ownersFile;
  const key = `${ctx.repo.owner}/${ctx.repo.repo}:${file}`;
  let read = ctx.delivery.owners.get(key);
  if (read === undefined) {
    read = readOwnersTexts(ctx.github, ctx.repo, file).then((texts) => resolveOwners(file, texts));
    // A failed read is not kept: a later ask in the same delivery tries again.
    read.catch(() => ctx.delivery.owners.delete(key));
    ctx.delivery.owners.set(key, read);
  }
  return read;
}

/** Whether the login is a root approver; an unreadable OWNERS file approves nobody. */
export async function isOwnersApprover(ctx: FlowContext, login: string): Promise<boolean> {
  const read = await readOwners(ctx);
  return read.ok && isApprover(read.owners, login);
}
