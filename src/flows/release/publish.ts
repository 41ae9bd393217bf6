/**
 * Publishing a draft GitHub release once its assets are in (`release.publish: draft`): by
 * `/publish X.Y.Z`, or when a successful run of the `release.publishAfter` workflow on the tag's
 * commit reports in. With immutable releases on, publishing locks the tag and the assets, so
 * nothing is published before the assets are attached. Publishing twice answers the same.
 */
import type { SemVer } from "semver";
import { releaseWriteRefusal } from "../../core/release/publishing.js";
import { parseTag } from "../../core/version/numbering.js";
import { type VersionStrings, versionStrings } from "../../core/version/spellings.js";
import { isRequestFailure, requestMessage } from "../../github/errors.js";
import {
  findTagRelease,
  newestReleases,
  publishDraft,
  releaseOfTagIn,
  type TagRelease,
} from "../../github/release-drafts.js";
import { getTag, tagCommit } from "../../github/tags.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { tagLink } from "../links.js";
import {
  chartsAfterPublishing,
  chartsBeforePublishing,
  chartsOfTag,
  publishesCharts,
  withCharts,
} from "./charts.js";
import { rerunCommand } from "./tag-release.js";

/** How many drafts of the newest releases a workflow run's commit is compared with. */
export const MAX_DRAFTS_CHECKED = 5;

/** `/publish X.Y.Z`: the draft release of the version's tag, published. */
export async function publishCommand(ctx: FlowContext, version: SemVer): Promise<Outcome> {
  const strings = versionStrings(ctx.config, version.version);
  const release = await findTagRelease(ctx.github, ctx.repo, strings.tag);
  const again = `/publish ${strings.version}`;
  if (release && !release.draft) {
    // Published already; its charts, when an earlier run could not list them, are finished now.
    const ref = publishesCharts(ctx) ? await getTag(ctx.github, ctx.repo, strings.tag) : null;
    const commitSha = ref ? await tagCommit(ctx.github, ctx.repo, ref) : null;
    const charts = commitSha
      ? await chartsOfTag(ctx, { tag: strings.tag, commitSha, again })
      : null;
    return withCharts(outcome("done", publishedMessage(ctx, release)), charts);
  }
  const tag = await getTag(ctx.github, ctx.repo, strings.tag);
  if (!release) return outcome("refused", noDraft(ctx, strings, tag !== null));
  if (!tag) {
    return outcome(
      "refused",
      `The draft release of \`${strings.tag}\` has no tag \`${strings.tag}\` yet, and publishing it would make GitHub tag the head of its target branch; release-bot publishes drafts of tags it cut. Cut it with \`${rerunCommand(strings.version)}\`.`,
    );
  }
  if (ctx.config.dryRun) {
    return outcome(
      "planned",
      `Dry run, nothing was written. The bot would publish the [draft release](${release.url}) of ${tagLink(ctx, strings.tag)}.`,
    );
  }
  const commitSha = publishesCharts(ctx) ? await tagCommit(ctx.github, ctx.repo, tag) : null;
  return publishing(ctx, release, again, commitSha);
}

/**
 * A run of the `publishAfter` workflow succeeded on `headSha`: the drafts among the newest
 * releases whose tag names that commit are published (the run's own tag first).
 */
export async function publishAfterRun(
  ctx: FlowContext,
  run: { headSha: string; headBranch: string; url: string },
): Promise<Outcome> {
  const releases = await newestReleases(ctx.github, ctx.repo);
  const format = ctx.config.tags.format;
  const drafts = [...new Set(releases.map((r) => r.tag))]
    .filter((tag) => parseTag(format, tag) !== null)
    .map((tag) => releaseOfTagIn(releases, tag))
    .filter((r): r is TagRelease => r?.draft === true)
    .sort((a, b) => Number(b.tag === run.headBranch) - Number(a.tag === run.headBranch))
    .slice(0, MAX_DRAFTS_CHECKED);
  const results: Outcome[] = [];
  for (const draft of drafts) {
    const ref = await getTag(ctx.github, ctx.repo, draft.tag);
    if (!ref || (await tagCommit(ctx.github, ctx.repo, ref)) !== run.headSha) continue;
    results.push(
      await publishing(ctx, draft, `/publish ${versionOf(ctx, draft.tag)}`, run.headSha),
    );
  }
  if (results.length === 0) {
    return outcome(
      "unchanged",
      `no draft release of a tag on ${run.headSha.slice(0, 7)} to publish after ${run.url}`,
    );
  }
  const failed = results.find((r) => r.status !== "done");
  return outcome(failed?.status ?? "done", results.map((r) => r.message).join(" "));
}

/**
 * Publishes the draft and reads it back; GitHub's refusal becomes the reply. With charts
 * published, they are attached first (a published immutable release takes no asset) and listed
 * in the Helm repository after.
 */
async function publishing(
  ctx: FlowContext,
  draft: TagRelease,
  again: string,
  commitSha: string | null,
): Promise<Outcome> {
  const charts = commitSha ? await chartsBeforePublishing(ctx, draft, commitSha) : null;
  if (charts?.ok === false) {
    return outcome(
      "failed",
      `Did not publish the [draft release](${draft.url}) of ${tagLink(ctx, draft.tag)}: its chart is not attached, ${charts.why}. Comment \`${again}\` again once that is fixed.`,
    );
  }
  let published: TagRelease;
  try {
    published = await publishDraft(ctx.github, ctx.repo, draft);
  } catch (error) {
    const why = isRequestFailure(error)
      ? releaseWriteRefusal(error.status, requestMessage(error))
      : null;
    if (why === null) throw error;
    return outcome(
      "failed",
      `Did not publish the [draft release](${draft.url}) of ${tagLink(ctx, draft.tag)}: ${why}. Once that is granted, comment \`${again}\` again.`,
    );
  }
  if (published.draft) {
    return outcome(
      "failed",
      `GitHub still shows the release of ${tagLink(ctx, draft.tag)} as a [draft](${published.url}) after publishing it; comment \`${again}\` again.`,
    );
  }
  ctx.log.info({ tag: draft.tag, release: published.id }, "published draft release");
  const listed = charts ? await chartsAfterPublishing(ctx, published, charts.charts, again) : null;
  return withCharts(outcome("done", publishedMessage(ctx, published)), listed);
}

/** The same words whichever run published it, and when it is found published already. */
function publishedMessage(ctx: FlowContext, release: TagRelease): string {
  const locked = release.immutable
    ? " It is immutable: GitHub locks its tag and assets for good."
    : "";
  return `The GitHub release of ${tagLink(ctx, release.tag)} is published: [${release.tag}](${release.url}).${locked}`;
}

function noDraft(ctx: FlowContext, strings: VersionStrings, tagged: boolean): string {
  const rerun = `\`${rerunCommand(strings.version)}\``;
  return tagged
    ? `There is no draft release of ${tagLink(ctx, strings.tag)} to publish: the tag has no GitHub release at all; comment ${rerun} to create it.`
    : `There is no draft release of \`${strings.tag}\` to publish, and no such tag: cut it first with ${rerun}.`;
}

function versionOf(ctx: FlowContext, tag: string): string {
  return parseTag(ctx.config.tags.format, tag)?.version ?? tag;
}
