/** Sets aside the tags of a line that are not on its branch, and says so in the reply. */
import {
  isOnBranch,
  MAX_STRAY_TAGS,
  type StrayTag,
  strayNamed,
} from "../../core/line/stray-tags.js";
import { formatTag } from "../../core/version/numbering.js";
import { getBranchHead } from "../../github/branches.js";
import { hasStatus } from "../../github/errors.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import { prefetch } from "../prefetch.js";
import { type NewestTag, readNewestTag } from "./finish-interrupted.js";
import { type LineState, withoutStrays } from "./line-state.js";
import { lockedStrays } from "./locked-tags.js";

/** What the comparison of the newest counted tag with the branch head found after the tag. */
export interface TagComparison {
  /** Commits after the tag, oldest first (one page). */
  commits: Array<{ sha: string; message: string }>;
  /** How many there are in all. */
  total: number;
}

/** The newest tag on the branch: its object, and the comparison with the head when one was made. */
export type NewestOnBranch = NewestTag & { comparison: TagComparison | null };

export type BranchTags =
  | { ok: true; state: LineState; newest: NewestOnBranch | null }
  | { ok: false; outcome: Outcome };

/**
 * The line's tags as `headSha` of its branch sees them. Newest first, each tag is compared with
 * the head (`GET compare/{tag}...{head}`, whose `base_commit` is the tag's commit) until one is
 * on the branch: one comparison when there is no stray, and the tags older than the first one on
 * the branch are taken as they are. The tag object itself is read only when its date matters
 * (`ctx.resumes`: is the tag the resumed request's own work?), beside the comparison, or when
 * the comparison finds no common history; then, with `headLikelyTagged` (a redelivery of the
 * branch's `create`), the comparison waits for the tag's read and is skipped when the tag is at
 * the head. `perPage` is how many commits after the tag the caller wants listed.
 */
export async function tagsOnBranch(
  ctx: FlowContext,
  read: LineState,
  headSha: string,
  options: { perPage?: number; headLikelyTagged?: boolean } = {},
): Promise<BranchTags> {
  const compare = (tag: string, head: string) =>
    prefetch(compareWithHead(ctx, tag, head, options.perPage ?? 1));
  const strays: StrayTag[] = [];
  let state = read;
  while (state.newest) {
    const version = state.newest;
    const ref = state.tagOf(version);
    const lightweight = ref.objectType === "tag" ? null : ref.objectSha;
    // The tag object's date only matters to a request that resumes (is this tag its own work?);
    // otherwise the comparison names the tag's commit (`base_commit`), one read instead of two.
    const dated = ctx.resumes !== undefined && lightweight === null;
    const early =
      lightweight === headSha || (dated && options.headLikelyTagged)
        ? null
        : compare(ref.name, headSha);
    let tagged: NewestTag | null;
    let compared: Awaited<ReturnType<typeof compareWithHead>>;
    if (dated || (lightweight === null && (await early) === null)) {
      tagged = await readNewestTag(ctx, state);
      if (tagged === null) break;
      compared =
        tagged.commit === headSha ? await early : await (early ?? compare(ref.name, headSha));
    } else {
      compared = await early;
      tagged = { commit: lightweight ?? (compared?.baseCommit as string), botTaggedAt: null };
    }
    if (tagged.commit === headSha || (compared !== null && isOnBranch(compared.status))) {
      return { ok: true, state, newest: { ...tagged, comparison: compared } };
    }
    // A tag after the head read: another run may have tagged a commit it just pushed.
    if (compared?.status === "behind" && (await moved(ctx, state.branch, headSha))) {
      return {
        ok: false,
        outcome: outcome(
          "refused",
          `${branchLink(ctx, state.branch)} moved to ${tagLink(ctx, ref.name)} while release-bot read it (another release being cut?); run the command again.`,
        ),
      };
    }
    strays.push({ version, tag: ref.name, commit: tagged.commit });
    if (strays.length === MAX_STRAY_TAGS) {
      const locked = await lockedStrays(ctx, strays);
      return { ok: false, outcome: tooManyStrays(ctx, state.branch, strays, locked) };
    }
    state = withoutStrays(read, strays);
  }
  return { ok: true, state, newest: null };
}

async function moved(ctx: FlowContext, branch: string, headSha: string): Promise<boolean> {
  const head = await getBranchHead(ctx.github, ctx.repo, branch);
  return head !== null && head.sha !== headSha;
}

async function compareWithHead(
  ctx: FlowContext,
  tag: string,
  headSha: string,
  perPage: number,
): Promise<(TagComparison & { status: string; baseCommit: string }) | null> {
  try {
    const { data } = await ctx.github.rest.repos.compareCommitsWithBasehead({
      ...ctx.repo,
      basehead: `${tag}...${headSha}`,
      per_page: perPage,
    });
    return {
      status: data.status,
      baseCommit: data.base_commit.sha,
      commits: data.commits.map((c) => ({ sha: c.sha, message: c.commit.message })),
      total: data.total_commits,
    };
  } catch (error) {
    // No common history with the branch: certainly not on it.
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

/** " `v1.5.0-rc.3` is not on `release-1.5` (…); release-bot ignores it." or "" without strays. */
export function strayNotice(ctx: FlowContext, state: LineState): string {
  if (state.strays.length === 0) return "";
  const named = state.strays.map(
    (stray) => `${tagLink(ctx, stray.tag)} (it points to ${commitLink(ctx, stray.commit)})`,
  );
  const one = named.length === 1;
  return ` ${named.join(" and ")} ${one ? "is" : "are"} not on ${branchLink(ctx, state.branch)}; release-bot ignores ${one ? "it" : "them"}.`;
}

/** The outcome with the strays named after its own words. */
export function noticingStrays(ctx: FlowContext, state: LineState, result: Outcome): Outcome {
  const notice = strayNotice(ctx, state);
  return notice ? { ...result, message: `${result.message}${notice}` } : result;
}

/**
 * Refuses a release whose tag name a stray already holds: the bot neither moves a tag nor
 * skips a number behind the maintainer's back. Null when the name is free. The caller adds
 * `strayNotice`, which says where the tag is.
 */
export function strayInTheWay(
  ctx: FlowContext,
  state: LineState,
  version: string,
  rerun: string,
): Outcome | null {
  const stray = strayNamed(formatTag(ctx.config.tags.format, version), state.strays);
  if (!stray) return null;
  return outcome(
    "refused",
    `Did not cut \`${stray.tag}\`: a tag of that name already exists off ${branchLink(ctx, state.branch)}, and release-bot neither reuses nor moves it. Delete it if it is a mistake (\`git push origin :refs/tags/${stray.tag}\`), or move it onto ${branchLink(ctx, state.branch)} if it is meant to be this release, then run \`${rerun}\` again.`,
  );
}

function tooManyStrays(
  ctx: FlowContext,
  branch: string,
  strays: readonly StrayTag[],
  locked: string,
): Outcome {
  const named = strays
    .map((stray) => `${tagLink(ctx, stray.tag)} (on ${commitLink(ctx, stray.commit)})`)
    .join(", ");
  return outcome(
    "refused",
    `The ${strays.length} newest tags of this line, ${named}, are not on ${branchLink(ctx, branch)}, so release-bot stopped looking for the tag to build on. Delete the tags that do not belong to the line, then run the command again.${locked}`,
  );
}
