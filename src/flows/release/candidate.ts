import {
  branchName,
  formatLine,
  formatTag,
  nextCandidate,
  type ReleaseLine,
} from "../../core/version/numbering.js";
import { type BranchHead, getBranchHead } from "../../github/branches.js";
import type { TreeListing } from "../../github/tree.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import { prefetchListing } from "./bump.js";
import { cutRelease } from "./cut.js";
import { finishInterruptedRelease } from "./finish-interrupted.js";
import { type LineState, previousTag, readLineState } from "./line-state.js";
import { freeCandidate, withNote } from "./locked-tags.js";
import { type NewestOnBranch, noticingStrays, strayInTheWay, tagsOnBranch } from "./stray-tags.js";

/** `/rc X.Y`: the next candidate of the line, when the branch has anything new to test. */
export async function cutCandidate(ctx: FlowContext, line: ReleaseLine): Promise<Outcome> {
  const [read, head] = await Promise.all([
    readLineState(ctx, line),
    getBranchHead(ctx.github, ctx.repo, branchName(ctx.config.branches.pattern, line)),
  ]);
  if (!head) return missingBranch(read.branch, line);
  const listing = prefetchListing(ctx, head);
  const onBranch = await tagsOnBranch(ctx, read, head.sha);
  if (!onBranch.ok) return onBranch.outcome;
  const { state, newest } = onBranch;
  return noticingStrays(ctx, state, await nextCandidateOf(ctx, state, newest, head, listing));
}

async function nextCandidateOf(
  ctx: FlowContext,
  state: LineState,
  newest: NewestOnBranch | null,
  head: BranchHead,
  listing: Promise<TreeListing>,
): Promise<Outcome> {
  if (state.newest && newest?.commit === head.sha) {
    const finished = await finishInterruptedRelease(ctx, state, head.sha, newest.botTaggedAt);
    if (finished) return finished;
    const tag = formatTag(ctx.config.tags.format, state.newest.version);
    return outcome(
      "refused",
      `Nothing changed on ${branchLink(ctx, state.branch)} since ${tagLink(ctx, tag)} (${commitLink(ctx, head.sha)}); merge or cherry-pick fixes onto it first.`,
    );
  }
  const rerun = `/rc ${formatLine(state.line)}`;
  const free = await freeCandidate(ctx, state, nextCandidate(state.line, state.versions), (v) =>
    strayInTheWay(ctx, state, v, rerun),
  );
  if (!free.ok) return free.outcome;
  const cut = await cutRelease(ctx, {
    branch: state.branch,
    version: free.version,
    previousTag: previousTag(ctx, state, free.version),
    head,
    listing,
  });
  return withNote(cut, free.note);
}

export function missingBranch(branch: string, line: ReleaseLine): Outcome {
  return outcome(
    "refused",
    `Branch \`${branch}\` does not exist; create it with \`/branch ${formatLine(line)}\`.`,
  );
}
