import semver from "semver";
import { DRY_RUN_LEAD } from "../core/dry-run-plan.js";
import { releaseCommitSubject } from "../core/release-commit.js";
import { tagMessage } from "../core/tag-message.js";
import { type VersionStrings, versionStrings } from "../core/version-strings.js";
import { ensureRelease, findRelease } from "../github/releases.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { tagAndPublish, taggedMessage } from "./cut-release.js";
import { type LineState, previousTag } from "./line-state.js";
import { commitLink } from "./links.js";

/**
 * Whether the bot's tag is the work of the command being run again (a redelivery, or a replica
 * taking over a failed reply): made after the command was posted, both times GitHub's, to the
 * second. A second `/rc` posted after the first one's tag finds an older tag: nothing changed.
 */
function sameRequest(ctx: FlowContext, botTaggedAt: Date | null): boolean {
  if (!botTaggedAt || !ctx.requestedAt) return false;
  return botTaggedAt.getTime() >= ctx.requestedAt.getTime();
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
  const releaseUrl = notes ? await findRelease(ctx.github, ctx.repo, strings.tag) : null;
  if (ctx.config.dryRun && notes && !releaseUrl) {
    return outcome(
      "planned",
      `${DRY_RUN_LEAD} \`${strings.tag}\` is tagged on ${commitLink(ctx, taggedCommit)} without its GitHub release (an interrupted run); the bot would publish it.`,
    );
  }
  if (sameRequest(ctx, botTaggedAt)) {
    const published =
      notes && !releaseUrl
        ? (
            await ensureRelease(ctx.github, ctx.repo, {
              tag: strings.tag,
              prerelease:
                semver.prerelease(strings.version) !== null && ctx.config.release.prerelease,
              previousTag: previousTag(ctx, state, state.newest.version),
              knownAbsent: true,
            })
          ).url
        : releaseUrl;
    return retold(ctx, state.branch, strings, taggedCommit, published);
  }
  if (!notes || releaseUrl) return null;
  const result = await tagAndPublish(ctx, {
    branch: state.branch,
    strings,
    commitSha: taggedCommit,
    previousTag: previousTag(ctx, state, state.newest.version),
    changedPaths: [],
    releaseKnownAbsent: true,
  });
  return {
    status: result.status === "failed" ? "failed" : "done",
    message: `Published the GitHub release of \`${strings.tag}\`, which an interrupted run had tagged but not published: ${result.message}`,
  };
}

/** The answer of the run that made the tag, for a run that finds its work already done. */
async function retold(
  ctx: FlowContext,
  branch: string,
  strings: VersionStrings,
  commitSha: string,
  releaseUrl: string | null,
): Promise<Outcome> {
  const { data } = await ctx.github.rest.git.getCommit({ ...ctx.repo, commit_sha: commitSha });
  const [subject = "", ...body] = data.message.split("\n");
  // The bot's own bump commit lists the files it set, in the order its reply named them.
  // Otherwise the tag went on a head that already carried the version, and no files were named.
  const changedPaths =
    subject === releaseCommitSubject(strings.tag)
      ? body.flatMap((line) => /^- (.+)$/.exec(line)?.slice(1) ?? [])
      : [];
  return {
    status: "done",
    message: taggedMessage(ctx, { branch, strings, commitSha, changedPaths, releaseUrl }),
  };
}
