import type { Context } from "probot";
import { ALIASES_FILE } from "../core/owners/approvers.js";
import { refreshReleasers } from "../flows/line/owners-changed.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/** Paths a push may change that could be the OWNERS file or its aliases (checked on the payload). */
const MAY_BE_OWNERS = /(^|\/)[^/]*OWNERS[^/]*$/;

/**
 * A push to the default branch that changes the OWNERS file (`commands.ownersFile`) or
 * OWNERS_ALIASES, under `commands.permission: owners | owners-or-maintain`: every line's dashboard
 * names the approvers anew. Pushes that change no file named like an OWNERS file cost no API call;
 * an OWNERS file whose name does not contain `OWNERS` is caught up by the next reconcile.
 */
export async function onPushForOwners(context: Context<"push">, delivery: Delivery): Promise<void> {
  const { ref, deleted, commits, repository } = context.payload;
  if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
  const paths = commits.flatMap((c) => [
    ...(c.added ?? []),
    ...(c.modified ?? []),
    ...(c.removed ?? []),
  ]);
  if (!paths.some((path) => MAY_BE_OWNERS.test(path))) return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const watched = [loaded.config.commands.ownersFile, ALIASES_FILE];
  if (!paths.some((path) => watched.includes(path))) return;
  const changed = await refreshReleasers(flowContext(context, loaded.config, delivery));
  context.log.info(
    { dashboards: changed },
    "the OWNERS file changed: dashboards name the approvers anew",
  );
}
