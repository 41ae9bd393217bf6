import {
  branchName,
  formatLine,
  formatTag,
  nextCandidate,
  type ReleaseLine,
} from "../core/version.js";
import { getBranchHead } from "../github/branches.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { cutRelease, prefetchListing } from "./cut-release.js";
import { finishInterruptedRelease, readNewestTag } from "./finish-interrupted.js";
import { previousTag, readLineState } from "./line-state.js";
import { branchLink, commitLink, tagLink } from "./links.js";

/** `/rc X.Y`: the next candidate of the line, when the branch has anything new to test. */
export async function cutCandidate(ctx: FlowContext, line: ReleaseLine): Promise<Outcome> {
  const [state, head] = await Promise.all([
    readLineState(ctx, line),
    getBranchHead(ctx.github, ctx.repo, branchName(ctx.config.branches.pattern, line)),
  ]);
  if (!head) return missingBranch(state.branch, line);
  const listing = prefetchListing(ctx, head);
  if (state.newest) {
    const tagged = await readNewestTag(ctx, state);
    if (tagged?.commit === head.sha) {
      const finished = await finishInterruptedRelease(ctx, state, head.sha, tagged.botTaggedAt);
      if (finished) return finished;
      const tag = formatTag(ctx.config.tags.format, state.newest.version);
      return outcome(
        "refused",
        `Nothing changed on ${branchLink(ctx, state.branch)} since ${tagLink(ctx, tag)} (${commitLink(ctx, head.sha)}); merge or cherry-pick fixes onto it first.`,
      );
    }
  }
  const version = nextCandidate(line, state.versions);
  return cutRelease(ctx, {
    branch: state.branch,
    version,
    previousTag: previousTag(ctx, state, version),
    head,
    listing,
  });
}

export function missingBranch(branch: string, line: ReleaseLine): Outcome {
  return outcome(
    "refused",
    `Branch \`${branch}\` does not exist; create it with \`/branch ${formatLine(line)}\`.`,
  );
}
