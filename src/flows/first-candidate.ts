import { formatTag, nextCandidate, type ReleaseLine } from "../core/version.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { cutRelease } from "./cut-release.js";
import { finishInterruptedRelease } from "./finish-interrupted.js";
import { newestTagCommit, readLineState } from "./line-state.js";
import { branchLink, tagLink } from "./links.js";

/** A new release branch gets its first candidate, `vX.Y.0-rc.0`, unless the line has tags already. */
export async function cutFirstCandidate(ctx: FlowContext, line: ReleaseLine): Promise<Outcome> {
  const state = await readLineState(ctx, line);
  if (state.newest) {
    const tagged = await newestTagCommit(ctx, state);
    const finished = tagged ? await finishInterruptedRelease(ctx, state, tagged) : null;
    if (finished) return finished;
    const tag = formatTag(ctx.config.tags.format, state.newest.version);
    return outcome(
      "unchanged",
      `${branchLink(ctx, state.branch)} already has releases (newest ${tagLink(ctx, tag)}), so no first candidate was cut.`,
    );
  }
  return cutRelease(ctx, {
    branch: state.branch,
    version: nextCandidate(line, []),
    previousTag: null,
  });
}
