import { formatTag, nextCandidate, type ReleaseLine } from "../core/version.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { cutRelease } from "./cut-release.js";
import { readLineState } from "./line-state.js";
import { branchLink, tagLink } from "./links.js";

/** A new release branch gets its first candidate, `vX.Y.0-rc.0`, unless the line has tags already. */
export async function cutFirstCandidate(ctx: FlowContext, line: ReleaseLine): Promise<Outcome> {
  const state = await readLineState(ctx, line);
  if (state.newest) {
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
