import { releasersFit, releasersOf } from "../../core/line/releasers.js";
import type { Releasers } from "../../core/line/status.js";
import { decidesByOwners } from "../../core/owners/approvers.js";
import type { FlowContext } from "../context.js";
import { readOwners } from "../owners/approvers.js";

/**
 * Who may release, as a dashboard shows it: what it stored while it still fits the configuration
 * (no read), else from the configuration and, when it decides by OWNERS, the file (read once per
 * delivery). A failed read keeps what was stored: the dashboard is a view, the next write retries.
 */
export async function currentReleasers(
  ctx: FlowContext,
  stored: Releasers | undefined,
): Promise<Releasers | undefined> {
  const settings = ctx.config.commands;
  if (stored !== undefined && releasersFit(stored, settings)) return stored;
  if (!decidesByOwners(settings.permission)) return releasersOf(settings, null);
  try {
    return releasersOf(settings, await readOwners(ctx));
  } catch (error) {
    ctx.log.warn({ err: error }, "could not read the OWNERS file for the dashboard");
    return stored;
  }
}
