import { isReleaseCommitMessage } from "../core/release-commit.js";
import {
  branchName,
  formatLine,
  formatTag,
  isCandidate,
  nextFinal,
  parseTag,
  type ReleaseLine,
} from "../core/version.js";
import { getBranchHead } from "../github/branches.js";
import { missingBranch } from "./candidate.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { cutRelease, prefetchListing } from "./cut-release.js";
import { finishInterruptedRelease, readNewestTag } from "./finish-interrupted.js";
import { previousFinalTag, readLineState } from "./line-state.js";
import { branchLink, commitLink, tagLink } from "./links.js";

/** How many untested commits a refusal names before it says "and N more". */
const LISTED_COMMITS = 5;

/**
 * `/release X.Y [--force]`: the final from the newest candidate, or the patch final after a final.
 * Refused when the branch carries code no candidate tested, unless forced.
 */
export async function cutFinal(
  ctx: FlowContext,
  line: ReleaseLine,
  force: boolean,
): Promise<Outcome> {
  const [state, head] = await Promise.all([
    readLineState(ctx, line),
    getBranchHead(ctx.github, ctx.repo, branchName(ctx.config.branches.pattern, line)),
  ]);
  if (!head) return missingBranch(state.branch, line);
  const next = nextFinal(line, state.versions, {
    requireCandidate: ctx.config.release.requireCandidate,
  });
  if (!next.ok) return outcome("refused", next.reason);
  const listing = prefetchListing(ctx, head);
  const newest = state.newest;
  if (newest) {
    const newestTag = formatTag(ctx.config.tags.format, newest.version);
    const newestTagObject = await readNewestTag(ctx, state);
    const tagged = newestTagObject?.commit ?? null;
    if (!isCandidate(newest) && tagged === head.sha) {
      const finished = await finishInterruptedRelease(
        ctx,
        state,
        tagged,
        newestTagObject?.botTaggedAt,
      );
      if (finished) return finished;
      return outcome(
        "refused",
        `${tagLink(ctx, newestTag)} is already released and ${branchLink(ctx, state.branch)} has nothing new since (${commitLink(ctx, head.sha)}); cherry-pick fixes onto it first.`,
      );
    }
    if (isCandidate(newest) && tagged && tagged !== head.sha && !force) {
      const untested = await untestedCommits(ctx, tagged, head.sha);
      if (untested.count > 0) {
        const listed = untested.commits
          .slice(0, LISTED_COMMITS)
          .map((c) => `${commitLink(ctx, c.sha)} ${c.subject}`)
          .join(", ");
        const rest = untested.count - Math.min(untested.commits.length, LISTED_COMMITS);
        const more = rest === 0 ? "" : listed ? ` and ${rest} more` : `${rest} not listed here`;
        return outcome(
          "refused",
          `${branchLink(ctx, state.branch)} has ${untested.count} commit${untested.count === 1 ? "" : "s"} that ${tagLink(ctx, newestTag)} did not test (${listed}${more}); run \`/rc ${formatLine(line)}\` to test them, or \`/release ${formatLine(line)} --force\` to release anyway.`,
        );
      }
    }
  }
  return cutRelease(ctx, {
    branch: state.branch,
    version: next.version,
    previousTag: await previousFinalTag(ctx, state, next.version),
    head,
    listing,
  });
}

/** Commits after the candidate, other than the bot's own version bumps. */
async function untestedCommits(
  ctx: FlowContext,
  base: string,
  head: string,
): Promise<{ count: number; commits: Array<{ sha: string; subject: string }> }> {
  const { data } = await ctx.github.rest.repos.compareCommitsWithBasehead({
    ...ctx.repo,
    basehead: `${base}...${head}`,
    per_page: 100,
  });
  const isOurTag = (tag: string) => parseTag(ctx.config.tags.format, tag) !== null;
  const commits = data.commits
    .filter((c) => !isReleaseCommitMessage(c.commit.message, isOurTag))
    .map((c) => ({ sha: c.sha, subject: c.commit.message.split("\n", 1)[0] ?? "" }));
  // Past the first page GitHub only counts; count those as untested rather than read them all.
  const unlisted = Math.max(0, data.total_commits - data.commits.length);
  return { count: commits.length + unlisted, commits };
}
