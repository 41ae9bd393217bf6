import {
  formatLine,
  formatTag,
  nextCandidate,
  type ReleaseLine,
} from "../../core/version/numbering.js";
import { type BranchHead, getBranchHead } from "../../github/branches.js";
import { claim, claimBranch, releaseClaim } from "../../github/claims.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, tagLink } from "../links.js";
import { cutRelease } from "./cut.js";
import { finishInterruptedRelease } from "./finish-interrupted.js";
import { type LineState, readLineState } from "./line-state.js";
import { noticingStrays, strayInTheWay, tagsOnBranch } from "./stray-tags.js";

/** How long a run that lost the claim waits, between looks, for the winner to finish. */
export const CLAIM_WAIT_MS: readonly number[] = [200, 300, 500, 500, 1000, 1000, 2000, 2000, 3000];

/**
 * A new release branch gets its first candidate, `vX.Y.0-rc.0`, unless the line has tags
 * already. A run that loses the claim to another waits `waits` for it to finish, to answer from
 * its work (`/branch` does; the branch's `create` event, which answers no one, does not).
 */
export async function cutFirstCandidate(
  ctx: FlowContext,
  line: ReleaseLine,
  waits: readonly number[] = [],
): Promise<Outcome> {
  const read = await readLineState(ctx, line);
  // Read after the tags: a tag another run made is then on the head read (never the reverse).
  const head = await getBranchHead(ctx.github, ctx.repo, read.branch);
  let state = read;
  if (read.newest && head) {
    const onBranch = await tagsOnBranch(ctx, read, head.sha, { headLikelyTagged: true });
    if (!onBranch.ok) return onBranch.outcome;
    state = onBranch.state;
    if (state.newest && onBranch.newest) {
      const { commit, botTaggedAt } = onBranch.newest;
      // The tag of another delivery of this request (the branch's `create` event) is retold.
      const finished = await finishInterruptedRelease(ctx, state, commit, botTaggedAt);
      if (finished) return noticingStrays(ctx, state, finished);
      const tag = formatTag(ctx.config.tags.format, state.newest.version);
      return noticingStrays(
        ctx,
        state,
        outcome(
          "unchanged",
          `${branchLink(ctx, state.branch)} already has releases (newest ${tagLink(ctx, tag)}), so no first candidate was cut.`,
        ),
      );
    }
  }
  return noticingStrays(ctx, state, await cutClaimed(ctx, state, head, waits));
}

/**
 * `/branch` and the `create` event of the branch it made both get here, often at once: the
 * first to claim the candidate cuts it, before any tree is written. The other waits for it to
 * finish and then answers from what it made, so that the reply is the same whichever did the
 * work.
 */
async function cutClaimed(
  ctx: FlowContext,
  state: LineState,
  head: BranchHead | null,
  waits: readonly number[],
): Promise<Outcome> {
  const version = nextCandidate(state.line, state.versions);
  const tag = formatTag(ctx.config.tags.format, version);
  const taken = strayInTheWay(ctx, state, version, `/rc ${formatLine(state.line)}`);
  if (taken) return taken;
  // A dry run writes no claim: it only reads, so a race costs nothing.
  const claims = head !== null && !ctx.config.dryRun;
  if (claims && !(await claim(ctx.github, ctx.repo, tag, head, () => ctx.delivery.clock.now()))) {
    if (waits.length > 0 && (await claimReleased(ctx, tag, waits))) {
      return cutFirstCandidate(ctx, state.line, []);
    }
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

/** Whether the claim on `tag` went away (its holder finished) within the waits. */
async function claimReleased(
  ctx: FlowContext,
  tag: string,
  waits: readonly number[],
): Promise<boolean> {
  for (const ms of waits) {
    await ctx.delivery.clock.sleep(ms);
    if ((await getBranchHead(ctx.github, ctx.repo, claimBranch(tag))) === null) return true;
  }
  return false;
}
