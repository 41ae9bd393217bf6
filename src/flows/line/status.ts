import semver, { type SemVer } from "semver";
import { parsePlacesSection } from "../../core/files/places-report.js";
import { pickEntry } from "../../core/line/dashboard-state.js";
import {
  type DraftEntry,
  type LineStatus,
  MAX_LISTED,
  type PickEntry,
  type TagEntry,
} from "../../core/line/status.js";
import { targetState } from "../../core/pick/status.js";
import { parsePickBranchName, requestLabelPrefixes } from "../../core/pick/targets.js";
import {
  formatLine,
  isCandidate,
  parseTag,
  type ReleaseLine,
} from "../../core/version/numbering.js";
import { commitsAfter, pullsInto, pullsLabelled, tagDetails } from "../../github/line-reads.js";
import { readPickStatus } from "../../github/pick/status-comment.js";
import { newestReleases, releaseOfTagIn } from "../../github/release-drafts.js";
import type { FlowContext } from "../context.js";
import { type LineState, readLineState } from "../release/line-state.js";

/**
 * Everything `/status` and a rebuilt dashboard show of a line, read from GitHub: the tags (one
 * listing, then one read per tag for its commit and date), the commits after the newest, the pull
 * requests into the branch, and the pick status of every pull request labelled for the branch or
 * picked onto it. Null when the release branch does not exist.
 */
export async function readLineStatus(
  ctx: FlowContext,
  line: ReleaseLine,
): Promise<LineStatus | null> {
  const state = await readLineState(ctx, line);
  const newestFirst = [...state.versions].reverse().slice(0, MAX_LISTED);
  const [tags, pulls, drafts] = await Promise.all([
    Promise.all(newestFirst.map((version) => tagEntry(ctx, state, version))),
    pullsInto(ctx.github, ctx.repo, state.branch),
    ctx.config.release.publish === "draft" ? lineDrafts(ctx, line) : null,
  ]);
  const newest = tags[0];
  const after = await commitsAfter(
    ctx.github,
    ctx.repo,
    newest?.commit ?? state.branch,
    state.branch,
  );
  if (after === null) return null;
  const originals = new Map<number, string>();
  for (const pr of pulls) {
    const pick = pr.sameRepo
      ? parsePickBranchName(ctx.config.cherryPick.branchName, pr.headRef)
      : null;
    if (pick?.branch === state.branch) originals.set(pick.pr, "");
  }
  for (const prefix of requestLabelPrefixes(ctx.config)) {
    const labelled = await pullsLabelled(ctx.github, ctx.repo, `${prefix}${state.branch}`);
    for (const pr of labelled) originals.set(pr.number, pr.title);
  }
  const numbers = [...originals.keys()].sort((a, b) => b - a).slice(0, MAX_LISTED);
  const picks = await Promise.all(
    numbers.map((n) => readPick(ctx, state.branch, n, originals.get(n) ?? "")),
  );
  // The newest tag's bump commit records the places it left at an older version.
  const places = newest ? parsePlacesSection(after.base.message).slice(0, MAX_LISTED) : [];
  return {
    ...(places.length > 0 ? { places } : {}),
    line: formatLine(line),
    branch: state.branch,
    tags,
    untested: newest ? after.commits.slice(-MAX_LISTED) : [],
    untestedCount: newest ? after.count : 0,
    picks: picks.filter((p): p is PickEntry => p !== null),
    pulls: pulls
      .filter((pr) => pr.state === "open")
      .map((pr) => ({ number: pr.number, title: pr.title })),
    ...(drafts ? { drafts } : {}),
  };
}

/** The line's tags whose GitHub release is still a draft, among the newest releases (one read). */
export async function lineDrafts(ctx: FlowContext, line: ReleaseLine): Promise<DraftEntry[]> {
  const releases = await newestReleases(ctx.github, ctx.repo);
  return [...new Set(releases.map((r) => r.tag))]
    .flatMap((tag) => {
      const version = parseTag(ctx.config.tags.format, tag);
      const release = releaseOfTagIn(releases, tag);
      const ofLine = version?.major === line.major && version.minor === line.minor;
      return ofLine && release?.draft ? [{ tag, version: version.version, url: release.url }] : [];
    })
    .sort((a, b) => semver.rcompare(a.version, b.version));
}

async function tagEntry(ctx: FlowContext, state: LineState, version: SemVer): Promise<TagEntry> {
  const ref = state.tagOf(version);
  const details = await tagDetails(ctx.github, ctx.repo, ref);
  return { name: ref.name, version: version.version, candidate: isCandidate(version), ...details };
}

/** The pick of one pull request onto the branch, from its status comment; null when none. */
async function readPick(
  ctx: FlowContext,
  branch: string,
  number: number,
  knownTitle: string,
): Promise<PickEntry | null> {
  const [title, read] = await Promise.all([
    knownTitle ||
      ctx.github.rest.issues
        .get({ ...ctx.repo, issue_number: number })
        .then(({ data }) => data.title),
    readPickStatus(ctx.github, ctx.repo, number),
  ]);
  const target = targetState(read.status, branch);
  if (target === undefined) return null;
  return pickEntry({ number, title }, target, read.comments[0]?.url);
}
