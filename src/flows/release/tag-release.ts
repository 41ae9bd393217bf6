/**
 * The GitHub release of a tag the bot cut, published at once (`release.publish: now`) or left
 * as a draft until its assets are in (`draft`): what the cut creates, what a later run finds, and
 * the reply's words for a draft.
 */
import semver from "semver";
import { releaseWriteRefusal } from "../../core/release/publishing.js";
import { formatLine } from "../../core/version/numbering.js";
import { isRequestFailure, requestMessage } from "../../github/errors.js";
import { ensureDraftRelease, findTagRelease } from "../../github/release-drafts.js";
import { ensureRelease, findRelease, type ReleaseOptions } from "../../github/releases.js";
import type { FlowContext } from "../context.js";
import { commitLink } from "../links.js";

/** GitHub refused to create or publish a tag's release (the Workflows permission). */
export class ReleaseRefused extends Error {
  constructor(
    readonly tag: string,
    readonly version: string,
    readonly why: string,
  ) {
    super(`the release of ${tag} was refused: ${why}`);
    this.name = "ReleaseRefused";
  }
}

export interface TagReleaseState {
  url: string;
  /** Still a draft, waiting for `/publish` or the `publishAfter` workflow. */
  draft: boolean;
}

/** Whether releases the bot creates start as drafts. */
export function draftsFirst(ctx: FlowContext): boolean {
  return ctx.config.release.publish === "draft";
}

/** Creates the tag's release as the configuration says, unless it has one. */
export async function ensureTagRelease(
  ctx: FlowContext,
  options: ReleaseOptions & { version: string },
): Promise<TagReleaseState> {
  const { version, ...release } = options;
  try {
    if (draftsFirst(ctx)) return await ensureDraftRelease(ctx.github, ctx.repo, release);
    const made = await ensureRelease(ctx.github, ctx.repo, release);
    return { url: made.url, draft: false };
  } catch (error) {
    const why = isRequestFailure(error)
      ? releaseWriteRefusal(error.status, requestMessage(error))
      : null;
    if (why === null) throw error;
    throw new ReleaseRefused(options.tag, version, why);
  }
}

/** The tag's release: published, or (with drafts first) its draft; null when it has none. */
export async function releaseOfTag(ctx: FlowContext, tag: string): Promise<TagReleaseState | null> {
  if (!draftsFirst(ctx)) {
    const url = await findRelease(ctx.github, ctx.repo, tag);
    return url === null ? null : { url, draft: false };
  }
  const found = await findTagRelease(ctx.github, ctx.repo, tag);
  return found === null ? null : { url: found.url, draft: found.draft };
}

/** What publishes a draft: `/publish X.Y.Z`, and the `publishAfter` workflow when configured. */
export function publishHint(ctx: FlowContext, version: string, commitSha: string): string {
  const command = `\`/publish ${version}\``;
  const workflow = ctx.config.release.publishAfter;
  return workflow === null
    ? `it stays a draft until ${command} once its assets are attached`
    : `it is published when a run of \`${workflow}\` on ${commitLink(ctx, commitSha)} succeeds, or by ${command}`;
}

/** The command that finishes a release of `version` once GitHub lets it: `/rc X.Y` or `/release X.Y`. */
export function rerunCommand(version: string): string {
  const parsed = semver.parse(version);
  const line = parsed ? formatLine({ major: parsed.major, minor: parsed.minor }) : version;
  return `/${parsed && parsed.prerelease.length > 0 ? "rc" : "release"} ${line}`;
}
