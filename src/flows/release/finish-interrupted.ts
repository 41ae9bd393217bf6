import semver from "semver";
import { DRY_RUN_LEAD } from "../../core/release/dry-run-plan.js";
import { tagMessage } from "../../core/release/tag-message.js";
import { escapeRegExp } from "../../core/text/regexp.js";
import { type VersionStrings, versionStrings } from "../../core/version/spellings.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import { changelogNotes } from "./changelog.js";
import { chartsOfTag, type TaggedCommit, withCharts } from "./charts.js";
import { type LineState, previousTag } from "./line-state.js";
import { readBackTree } from "./read-back.js";
import { retold } from "./retell.js";
import { ensureTagRelease, publishHint, releaseOfTag, rerunCommand } from "./tag-release.js";

/**
 * Whether the bot's tag is the work of the request being run again (`ctx.resumes`: a command an
 * earlier delivery claimed, `/branch` and its branch's `create` event): made since the command
 * was posted (to the second), and announced by no reply to another command since. A first run
 * of `/rc` never takes a tag for its own: a second `/rc` in the same second as the first one's
 * tag finds nothing changed, and says so.
 */
function sameRequest(ctx: FlowContext, tag: string, botTaggedAt: Date | null): boolean {
  if (!botTaggedAt || !ctx.requestedAt || !ctx.resumes) return false;
  if (botTaggedAt.getTime() < ctx.requestedAt.getTime()) return false;
  const announced = new RegExp(
    `Tagged (?:release candidate|release) \\[\`${escapeRegExp(tag)}\`\\]`,
  );
  return !ctx.resumes.otherReplies.some((reply) => announced.test(reply));
}

/** The newest tag of a line: the commit it names and, when the bot made it, when. */
export interface NewestTag {
  commit: string;
  /** The tagger date of a tag with the bot's release message; null for any other tag. */
  botTaggedAt: Date | null;
}

/** Reads the newest tag's object once: its commit, and its date when it is the bot's. */
export async function readNewestTag(ctx: FlowContext, state: LineState): Promise<NewestTag | null> {
  if (!state.newest) return null;
  const ref = state.tagOf(state.newest);
  if (ref.objectType !== "tag") return { commit: ref.objectSha, botTaggedAt: null };
  const { data } = await ctx.github.rest.git.getTag({ ...ctx.repo, tag_sha: ref.objectSha });
  const strings = versionStrings(ctx.config, state.newest.version);
  const ours = data.message?.trim() === tagMessage(ctx.config, strings);
  const date = ours && data.tagger?.date ? new Date(data.tagger.date) : null;
  return {
    commit: data.object.sha,
    botTaggedAt: date && !Number.isNaN(date.getTime()) ? date : null,
  };
}

/**
 * A run interrupted after tagging leaves work undone (the GitHub release) or only its answer
 * unsent. When the newest tag of the line is on the branch head, this finishes the first and,
 * for a tag that is this request's own work, answers as the uninterrupted run would have;
 * otherwise (null) the caller refuses, as nothing changed since that tag.
 */
export async function finishInterruptedRelease(
  ctx: FlowContext,
  state: LineState,
  taggedCommit: string,
  botTaggedAt: Date | null = null,
): Promise<Outcome | null> {
  // A release workflow's tag is its own, and so is its release: nothing of the bot's to finish.
  if (!state.newest || ctx.config.release.tagging === "workflow") return null;
  const strings = versionStrings(ctx.config, state.newest.version);
  const notes = ctx.config.release.notes;
  const found = notes ? await releaseOfTag(ctx, strings.tag) : null;
  const releaseUrl = found?.url ?? null;
  if (ctx.config.dryRun && notes && !releaseUrl) {
    return outcome(
      "planned",
      `${DRY_RUN_LEAD} \`${strings.tag}\` is tagged on ${commitLink(ctx, taggedCommit)} without its GitHub release (an interrupted run); the bot would publish it.`,
    );
  }
  if (sameRequest(ctx, strings.tag, botTaggedAt)) {
    const made =
      notes && !found
        ? await ensureTagRelease(ctx, {
            version: strings.version,
            tag: strings.tag,
            prerelease:
              semver.prerelease(strings.version) !== null && ctx.config.release.prerelease,
            previousTag: previousTag(ctx, state, state.newest.version),
            knownAbsent: true,
          })
        : found;
    const told = await retold(
      ctx,
      state.branch,
      strings,
      taggedCommit,
      made?.url ?? null,
      made?.draft,
    );
    return withCharts(told, await chartsOfTag(ctx, tagged(strings, taggedCommit)));
  }
  if (!notes || releaseUrl) return chartsLeftUndone(ctx, strings, taggedCommit);
  // The tag may be anyone's: publish it as the bot's release only when it carries the version.
  const notCarried = await readBackTree(ctx, taggedCommit, strings);
  if (notCarried.length > 0) {
    return outcome(
      "failed",
      `Did not publish a GitHub release for ${tagLink(ctx, strings.tag)}, which is tagged on ${commitLink(ctx, taggedCommit)} of ${branchLink(ctx, state.branch)} without one: that commit does not carry \`${strings.version}\` in every managed version field: ${notCarried.join("; ")}. Delete the tag if it is wrong, then run the command again.`,
    );
  }
  const release = await ensureTagRelease(ctx, {
    version: strings.version,
    tag: strings.tag,
    prerelease: semver.prerelease(strings.version) !== null && ctx.config.release.prerelease,
    previousTag: previousTag(ctx, state, state.newest.version),
    knownAbsent: true,
    ...(await changelogNotes(ctx, taggedCommit, strings)),
  });
  const where = `which an interrupted run had tagged on ${commitLink(ctx, taggedCommit)} of ${branchLink(ctx, state.branch)} but not published`;
  const done = outcome(
    "done",
    release.draft
      ? `Drafted the [GitHub release](${release.url}) of ${tagLink(ctx, strings.tag)}, ${where}; ${publishHint(ctx, strings.version, taggedCommit)}.`
      : `Published the [GitHub release](${release.url}) of ${tagLink(ctx, strings.tag)}, ${where}.`,
  );
  return withCharts(done, await chartsOfTag(ctx, tagged(strings, taggedCommit)));
}

function tagged(strings: VersionStrings, commitSha: string): TaggedCommit {
  return { tag: strings.tag, commitSha, again: rerunCommand(strings.version) };
}

/**
 * A tag whose release is there, from an earlier run: its charts, when that run could not
 * publish them (or was interrupted), are finished now; null when they were all there already.
 */
async function chartsLeftUndone(
  ctx: FlowContext,
  strings: VersionStrings,
  taggedCommit: string,
): Promise<Outcome | null> {
  const charts = await chartsOfTag(ctx, tagged(strings, taggedCommit));
  if (charts === null || (charts.complete && !charts.wrote)) return null;
  const lead = `${tagLink(ctx, strings.tag)} was tagged on ${commitLink(ctx, taggedCommit)} by an earlier run.`;
  return withCharts(outcome("done", lead), charts);
}
