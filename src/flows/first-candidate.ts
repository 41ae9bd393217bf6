import { formatTag, nextCandidate, type ReleaseLine } from "../core/version.js";
import { getBranchHead } from "../github/branches.js";
import { claim, releaseClaim } from "../github/claims.js";
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
  // `/branch` and the `create` event of the branch it made both get here, often at once: the
  // first to claim the candidate cuts it, before any tree is written.
  const version = nextCandidate(line, []);
  const tag = formatTag(ctx.config.tags.format, version);
  const head = await getBranchHead(ctx.github, ctx.repo, state.branch);
  // A dry run writes no claim: it only reads, so a race costs nothing.
  const claims = head !== null && !ctx.config.dryRun;
  if (claims && !(await claim(ctx.github, ctx.repo, tag, head))) {
    return outcome(
      "unchanged",
      `Another request is cutting ${tagLink(ctx, tag)}, the first candidate of ${branchLink(ctx, state.branch)}.`,
    );
  }
  try {
    return await cutRelease(ctx, {
      branch: state.branch,
      version,
      previousTag: null,
      ...(head ? { head } : {}),
    });
  } finally {
    if (claims) await releaseClaim(ctx.github, ctx.repo, tag);
  }
}
