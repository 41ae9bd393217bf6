import type { SemVer } from "semver";
import { isReleaseCommitMessage } from "../../core/release/commit.js";
import {
  branchName,
  formatLine,
  formatTag,
  isCandidate,
  nextFinal,
  parseTag,
  type ReleaseLine,
} from "../../core/version/numbering.js";
import { type BranchHead, getBranchHead } from "../../github/branches.js";
import type { TreeListing } from "../../github/tree.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import { prefetchListing } from "./bump.js";
import { missingBranch } from "./candidate.js";
import { cutRelease } from "./cut.js";
import { finishInterruptedRelease } from "./finish-interrupted.js";
import { type LineState, previousFinalTag, readLineState } from "./line-state.js";
import { strayBlocksFinal } from "./locked-tags.js";
import { noticingOpenPicks, openPicksInto } from "./open-picks.js";
import {
  type NewestOnBranch,
  noticingStrays,
  strayInTheWay,
  type TagComparison,
  tagsOnBranch,
} from "./stray-tags.js";

/** How many untested commits a refusal names before it says "and N more". */
const LISTED_COMMITS = 5;

/**
 * `/release X.Y [--force]`: the final from the newest candidate, or the patch final after a final.
 * Refused when the branch carries code no candidate tested, unless forced. The reply names the
 * pick pull requests still open into the branch.
 */
export async function cutFinal(
  ctx: FlowContext,
  line: ReleaseLine,
  force: boolean,
): Promise<Outcome> {
  const branch = branchName(ctx.config.branches.pattern, line);
  const [read, head, picks] = await Promise.all([
    // Every tag in the one listing: an X.Y.0's notes start at an older line's final.
    readLineState(ctx, line, { everyTag: true }),
    getBranchHead(ctx.github, ctx.repo, branch),
    openPicksInto(ctx, branch),
  ]);
  if (!head) return missingBranch(branch, line);
  return noticingOpenPicks(ctx, branch, picks, await finalOf(ctx, read, head, force));
}

async function finalOf(
  ctx: FlowContext,
  read: LineState,
  head: BranchHead,
  force: boolean,
): Promise<Outcome> {
  const options = { requireCandidate: ctx.config.release.requireCandidate };
  // Strays only take versions away, so a line refused as read is refused as its branch sees it.
  const early = nextFinal(read.line, read.versions, options);
  if (!early.ok) return outcome("refused", early.reason);
  const listing = prefetchListing(ctx, head);
  const onBranch = await tagsOnBranch(ctx, read, head.sha, { perPage: force ? 1 : 100 });
  if (!onBranch.ok) return onBranch.outcome;
  const { state, newest } = onBranch;
  return noticingStrays(ctx, state, await finalOnBranch(ctx, state, newest, head, force, listing));
}

/** The final as the branch's own tags number it, or why it is not cut. */
async function finalOnBranch(
  ctx: FlowContext,
  state: LineState,
  newest: NewestOnBranch | null,
  head: BranchHead,
  force: boolean,
  listing: Promise<TreeListing>,
): Promise<Outcome> {
  const next = nextFinal(state.line, state.versions, {
    requireCandidate: ctx.config.release.requireCandidate,
  });
  if (!next.ok) return outcome("refused", next.reason);
  const refused = state.newest && newest ? await refusal(ctx, state, newest, head, force) : null;
  if (refused) return refused;
  const rerun = `/release ${formatLine(state.line)}`;
  const taken = await strayBlocksFinal(ctx, state, next.version, (v) =>
    strayInTheWay(ctx, state, v, rerun),
  );
  if (taken) return taken;
  return cutRelease(ctx, {
    branch: state.branch,
    version: next.version,
    previousTag: await previousFinalTag(ctx, state, next.version),
    head,
    listing,
  });
}

/** Why the final is not cut from this head: released already, or untested commits; else null. */
async function refusal(
  ctx: FlowContext,
  state: LineState,
  newest: NewestOnBranch,
  head: BranchHead,
  force: boolean,
): Promise<Outcome | null> {
  const version = state.newest as SemVer;
  const newestTag = formatTag(ctx.config.tags.format, version.version);
  if (!isCandidate(version) && newest.commit === head.sha) {
    const finished = await finishInterruptedRelease(ctx, state, newest.commit, newest.botTaggedAt);
    if (finished) return finished;
    return outcome(
      "refused",
      `${tagLink(ctx, newestTag)} is already released and ${branchLink(ctx, state.branch)} has nothing new since (${commitLink(ctx, head.sha)}); cherry-pick fixes onto it first.`,
    );
  }
  if (!isCandidate(version) || newest.commit === head.sha || force || !newest.comparison) {
    return null;
  }
  const untested = untestedCommits(ctx, newest.comparison);
  if (untested.count === 0) return null;
  const listed = untested.commits
    .slice(0, LISTED_COMMITS)
    .map((c) => `${commitLink(ctx, c.sha)} ${c.subject}`)
    .join(", ");
  const rest = untested.count - Math.min(untested.commits.length, LISTED_COMMITS);
  const more = rest === 0 ? "" : listed ? ` and ${rest} more` : `${rest} not listed here`;
  const name = formatLine(state.line);
  return outcome(
    "refused",
    `${branchLink(ctx, state.branch)} has ${untested.count} commit${untested.count === 1 ? "" : "s"} that ${tagLink(ctx, newestTag)} did not test (${listed}${more}); run \`/rc ${name}\` to test them, or \`/release ${name} --force\` to release anyway.`,
  );
}

/** Commits after the candidate, other than the bot's own version bumps. */
function untestedCommits(
  ctx: FlowContext,
  comparison: TagComparison,
): { count: number; commits: Array<{ sha: string; subject: string }> } {
  const isOurTag = (tag: string) => parseTag(ctx.config.tags.format, tag) !== null;
  const commits = comparison.commits
    .filter((c) => !isReleaseCommitMessage(c.message, isOurTag))
    .map((c) => ({ sha: c.sha, subject: c.message.split("\n", 1)[0] ?? "" }));
  // Past the first page GitHub only counts; count those as untested rather than read them all.
  const unlisted = Math.max(0, comparison.total - comparison.commits.length);
  return { count: commits.length + unlisted, commits };
}
