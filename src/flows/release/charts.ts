/**
 * Publishing a tag's Helm charts (`charts.publish: gh-pages`): each managed chart packaged from
 * the tagged tree, attached to the tag's GitHub release and listed in the Helm repository's
 * `index.yaml`. With `release.publish: draft` the charts go onto the draft at the tag and into the
 * index when the draft is published (an immutable release takes no asset once published, and the
 * index must not list a download that is not public yet). Every step checks what is there first,
 * so a redelivery, a second replica or a rerun adds nothing twice; a failure never undoes the
 * tag: the reply says what is missing and which command finishes it.
 */
import type { IndexEntry } from "../../core/charts/index-file.js";
import { rfc3339 } from "../../core/charts/index-file.js";
import { type PackagedChart, packageChart } from "../../core/charts/package.js";
import {
  type ChartLink,
  chartsFailed,
  draftCharts,
  keptEntries,
  publishedCharts,
} from "../../core/charts/reply.js";
import { selectVersionFiles } from "../../core/files/targets.js";
import { listCommitTree, readBlobs, type TreeEntry } from "../../github/chart-sources.js";
import { requestMessage } from "../../github/errors.js";
import { INDEX_FILE } from "../../github/helm-index.js";
import { listReleaseAssets } from "../../github/release-assets.js";
import { findTagRelease, publishedRelease, type TagRelease } from "../../github/release-drafts.js";
import type { FlowContext, Outcome } from "../context.js";
import { type AttachedChart, attachCharts } from "./chart-assets.js";
import { indexCharts } from "./chart-index.js";
import { draftsFirst } from "./tag-release.js";

/** What the reply says about the tag's charts. */
export interface ChartsNote {
  /** Everything the configuration asks for is there (attached, and listed unless a draft). */
  complete: boolean;
  /** One or two sentences for the reply. */
  sentence: string;
  /** This run uploaded or listed something (a rerun that finds all done wrote nothing). */
  wrote: boolean;
}

export interface TaggedCommit {
  tag: string;
  commitSha: string;
  /** The command that finishes what a failure left: `/rc 1.5`, `/release 1.5`, `/publish 1.5.0`. */
  again: string;
}

/** Whether the configuration publishes charts at all (a dry run writes nothing). */
export function publishesCharts(ctx: FlowContext): boolean {
  return ctx.config.charts.publish !== false && !ctx.config.dryRun;
}

/** After the tag and its release: the charts attached and, once published, listed. */
export async function chartsOfTag(
  ctx: FlowContext,
  tagged: TaggedCommit,
): Promise<ChartsNote | null> {
  if (!publishesCharts(ctx)) return null;
  return guarded(ctx, tagged, async () => {
    const packaged = await packageAtCommit(ctx, tagged.commitSha);
    if (!packaged.ok) return failed(packaged.problem, tagged.again);
    const release = await tagRelease(ctx, tagged.tag);
    if (release === null) {
      return failed(`\`${tagged.tag}\` has no GitHub release to attach it to`, tagged.again);
    }
    const attached = await attachCharts(ctx, release, packaged.charts);
    if (!attached.ok) return failed(attached.problem, tagged.again);
    const links = attached.charts.map((a) => link(a.chart, a.asset.downloadUrl));
    if (release.draft) {
      return {
        complete: true,
        sentence: draftCharts(links, ctx.config.charts.indexBranch),
        wrote: attached.uploaded.length > 0,
      };
    }
    const listed = await listCharts(ctx, attached.charts, tagged.again);
    return { ...listed, wrote: listed.wrote || attached.uploaded.length > 0 };
  });
}

/**
 * Before a draft is published: its charts attached (normally done at the tag; a failure then is
 * finished now). Null when charts are not published; a failure keeps the draft unpublished.
 */
export async function chartsBeforePublishing(
  ctx: FlowContext,
  draft: TagRelease,
  commitSha: string,
): Promise<{ ok: true; charts: AttachedChart[] } | { ok: false; why: string } | null> {
  if (!publishesCharts(ctx)) return null;
  try {
    const packaged = await packageAtCommit(ctx, commitSha);
    if (!packaged.ok) return { ok: false, why: packaged.problem };
    const attached = await attachCharts(ctx, draft, packaged.charts);
    return attached.ok
      ? { ok: true, charts: attached.charts }
      : { ok: false, why: attached.problem };
  } catch (error) {
    ctx.log.error({ err: error, tag: draft.tag }, "could not attach charts before publishing");
    return { ok: false, why: `GitHub answered: ${requestMessage(error)}` };
  }
}

/** After a draft is published: its charts listed, at their published download addresses. */
export async function chartsAfterPublishing(
  ctx: FlowContext,
  published: TagRelease,
  charts: readonly AttachedChart[],
  again: string,
): Promise<ChartsNote> {
  return guarded(ctx, { tag: published.tag, commitSha: "", again }, async () => {
    const assets = await listReleaseAssets(ctx.github, ctx.repo, published.id);
    const now = charts.map((a) => ({
      ...a,
      asset: assets.find((asset) => asset.name === a.asset.name) ?? a.asset,
    }));
    return listCharts(ctx, now, again);
  });
}

async function listCharts(
  ctx: FlowContext,
  charts: readonly AttachedChart[],
  again: string,
): Promise<ChartsNote> {
  const created = rfc3339(ctx.delivery.clock.now());
  const entries: IndexEntry[] = charts.map((a) => ({
    metadata: a.chart.metadata,
    digest: a.digest,
    url: a.asset.downloadUrl,
    created,
  }));
  const indexing = await indexCharts(ctx, entries);
  if (!indexing.ok) return failed(indexing.problem, again);
  const branch = ctx.config.charts.indexBranch;
  const place = { branch, url: `${ctx.repoUrl}/blob/${branch}/${INDEX_FILE}` };
  const links = charts.map((a) => link(a.chart, a.asset.downloadUrl));
  return {
    complete: true,
    sentence: `${publishedCharts(links, place, indexing.createdBranch)}${keptEntries(indexing.kept, branch, again)}`,
    wrote: indexing.added.length > 0,
  };
}

/** Waits between reads of a release just created, which a replica may not show yet. */
export const RELEASE_READ_WAITS_MS: readonly number[] = [0, 500, 1500];

/** The tag's release (its draft, with drafts first), read until it shows, within the waits. */
async function tagRelease(ctx: FlowContext, tag: string): Promise<TagRelease | null> {
  for (const wait of RELEASE_READ_WAITS_MS) {
    if (wait > 0) await ctx.delivery.clock.sleep(wait);
    const release = draftsFirst(ctx)
      ? await findTagRelease(ctx.github, ctx.repo, tag)
      : await publishedRelease(ctx.github, ctx.repo, tag);
    if (release !== null) return release;
  }
  return null;
}

type Packaged = { ok: true; charts: PackagedChart[] } | { ok: false; problem: string };

/** Every managed chart of the tagged tree, packaged. */
export async function packageAtCommit(ctx: FlowContext, commitSha: string): Promise<Packaged> {
  const tree = await listCommitTree(ctx.github, ctx.repo, commitSha);
  const files = tree.filter((entry) => entry.type === "blob" && entry.mode !== "120000");
  const selection = selectVersionFiles(
    ctx.config,
    files.map((entry) => entry.path),
  );
  const directories = selection.targets
    .filter((target) => target.kind === "chart")
    .map((target) => directoryOf(target.path));
  if (directories.length === 0) {
    const why = selection.errors[0] ?? "`charts.paths` matches no Chart.yaml";
    return { ok: false, problem: `no chart to package at ${commitSha.slice(0, 7)}: ${why}` };
  }
  const inCharts = new Map<string, TreeEntry>();
  for (const directory of directories) {
    for (const entry of tree.filter((e) => e.path.startsWith(prefixOf(directory)))) {
      if (entry.type !== "blob" || entry.mode === "120000") {
        return {
          ok: false,
          problem: `\`${entry.path}\` is a ${entry.type === "commit" ? "submodule" : "symbolic link"}, and the bot packages regular files only; commit the file itself in the chart`,
        };
      }
      inCharts.set(entry.path, entry);
    }
  }
  const bytes = await readBlobs(ctx.github, ctx.repo, [...inCharts.values()]);
  const charts: PackagedChart[] = [];
  for (const directory of directories) {
    const prefix = prefixOf(directory);
    const own = [...bytes].filter(([path]) => path.startsWith(prefix));
    const result = packageChart(
      new Map(own.map(([path, data]) => [path.slice(prefix.length), data])),
    );
    if (!result.ok)
      return { ok: false, problem: `\`${directory || "."}\` cannot be packaged: ${result.error}` };
    charts.push(result.chart);
  }
  return { ok: true, charts };
}

function directoryOf(chartYaml: string): string {
  const slash = chartYaml.lastIndexOf("/");
  return slash === -1 ? "" : chartYaml.slice(0, slash);
}

function prefixOf(directory: string): string {
  return directory === "" ? "" : `${directory}/`;
}

function link(chart: PackagedChart, url: string): ChartLink {
  return { fileName: chart.fileName, url };
}

function failed(why: string, again: string): ChartsNote {
  return { complete: false, sentence: chartsFailed(why, again), wrote: false };
}

/** Any error on the way becomes the reply's account of what is missing; the tag stays. */
async function guarded(
  ctx: FlowContext,
  tagged: TaggedCommit,
  run: () => Promise<ChartsNote>,
): Promise<ChartsNote> {
  try {
    return await run();
  } catch (error) {
    ctx.log.error({ err: error, tag: tagged.tag }, "could not publish the charts");
    return failed(`GitHub answered: ${requestMessage(error)}`, tagged.again);
  }
}

/** The reply with the charts' sentence after it; a chart still missing makes it a failure. */
export function withCharts(result: Outcome, note: ChartsNote | null): Outcome {
  if (note === null) return result;
  return {
    status: note.complete ? result.status : "failed",
    message: `${result.message} ${note.sentence}`,
  };
}
