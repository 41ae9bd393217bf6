/** The reply of a run that tagged a release, told again by any run that finds the tag made. */
import semver from "semver";
import { notChangedSentence, parsePlacesSection } from "../../core/files/places-report.js";
import { releaseCommitSubject } from "../../core/release/commit.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import type { FlowContext, Outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import { publishHint } from "./tag-release.js";

export interface TaggedReply {
  branch: string;
  strings: VersionStrings;
  commitSha: string;
  /** Files the bump commit changed; empty when the branch already carried the version. */
  changedPaths: readonly string[];
  releaseUrl: string | null;
  /** The release is a draft, waiting to be published (`release.publish: draft`). */
  draft?: boolean | undefined;
}

/** The reply of a run that tagged a release (and published it, when `releaseUrl` is given). */
export function taggedMessage(ctx: FlowContext, request: TaggedReply): string {
  const { strings } = request;
  const what = semver.prerelease(strings.version) !== null ? "release candidate" : "release";
  const where = `on ${commitLink(ctx, request.commitSha)} of ${branchLink(ctx, request.branch)}`;
  const files =
    request.changedPaths.length > 0
      ? `, after setting \`${strings.version}\` in ${request.changedPaths.map((p) => `\`${p}\``).join(", ")}`
      : "";
  const notes = !request.releaseUrl
    ? ""
    : request.draft
      ? ` ([draft GitHub release](${request.releaseUrl})); ${publishHint(ctx, strings.version, request.commitSha)}`
      : ` ([GitHub release](${request.releaseUrl}))`;
  return `Tagged ${what} ${tagLink(ctx, strings.tag)} ${where}${files}${notes}.`;
}

/**
 * The answer of the run that made the tag, for a run that finds its work already done (a
 * redelivery, or the other of two deliveries racing for the same release), read back from the
 * tagged commit: the same words whichever run did the work.
 */
export async function retold(
  ctx: FlowContext,
  branch: string,
  strings: VersionStrings,
  commitSha: string,
  releaseUrl: string | null,
  draft = false,
): Promise<Outcome> {
  const { data } = await ctx.github.rest.git.getCommit({ ...ctx.repo, commit_sha: commitSha });
  const [subject = "", ...body] = data.message.split("\n");
  // The bot's own bump commit lists the files it set, in the order its reply named them.
  // Otherwise the tag went on a head that already carried the version, and no files were named.
  const ours = subject === releaseCommitSubject(strings.tag);
  const changedPaths = ours ? body.flatMap((line) => /^- (.+)$/.exec(line)?.slice(1) ?? []) : [];
  // The places the bump left unchanged, as that run's reply named them.
  const places = ours ? notChangedSentence(parsePlacesSection(data.message)) : "";
  const message = taggedMessage(ctx, {
    branch,
    strings,
    commitSha,
    changedPaths,
    releaseUrl,
    draft,
  });
  return { status: "done", message: places ? `${message}\n\n${places}` : message };
}
