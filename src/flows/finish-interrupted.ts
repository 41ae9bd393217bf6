import { formatTag } from "../core/version.js";
import { versionStrings } from "../core/version-strings.js";
import { findRelease } from "../github/releases.js";
import type { FlowContext, Outcome } from "./context.js";
import { tagAndPublish } from "./cut-release.js";
import { type LineState, previousTag } from "./line-state.js";

/**
 * A run interrupted between tagging and publishing leaves a tag without its GitHub release.
 * When the newest tag of the line is in that state, publishing it is the work left to do: the
 * next run does it instead of refusing or cutting the next version.
 */
export async function finishInterruptedRelease(
  ctx: FlowContext,
  state: LineState,
  taggedCommit: string,
): Promise<Outcome | null> {
  if (!ctx.config.release.notes || !state.newest) return null;
  const tag = formatTag(ctx.config.tags.format, state.newest.version);
  if (await findRelease(ctx.github, ctx.repo, tag)) return null;
  const result = await tagAndPublish(ctx, {
    branch: state.branch,
    strings: versionStrings(ctx.config, state.newest.version),
    commitSha: taggedCommit,
    previousTag: previousTag(ctx, state, state.newest.version),
    changedPaths: [],
    releaseKnownAbsent: true,
  });
  return {
    status: result.status === "failed" ? "failed" : "done",
    message: `Published the GitHub release of \`${tag}\`, which an interrupted run had tagged but not published: ${result.message}`,
  };
}
