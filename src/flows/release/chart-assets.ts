/**
 * A tag's charts on its GitHub release: each `.tgz` uploaded once. An asset of that name already
 * there (a redelivery, a second replica, an answer lost after the upload) is compared: the same
 * digest, or the same archive inside another gzip, is kept as it is; anything else is left alone
 * and reported. A half-finished upload holding the name is deleted and the upload made again.
 */
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { PackagedChart } from "../../core/charts/package.js";
import { isRequestFailure } from "../../github/errors.js";
import {
  deleteReleaseAsset,
  downloadReleaseAsset,
  listReleaseAssets,
  type ReleaseAsset,
  type Upload,
  uploadReleaseAsset,
} from "../../github/release-assets.js";
import type { TagRelease } from "../../github/release-drafts.js";
import type { FlowContext } from "../context.js";

/** How many times an upload is tried (a lost answer or a broken upload costs one). */
export const MAX_UPLOADS = 2;

export interface AttachedChart {
  chart: PackagedChart;
  asset: ReleaseAsset;
  /** sha256 of the asset's bytes (the packaged chart's, or the kept asset's). */
  digest: string;
}

export type Attachment =
  | { ok: true; charts: AttachedChart[]; uploaded: string[] }
  | { ok: false; problem: string };

/** Puts every chart on the release, or says what stopped it. */
export async function attachCharts(
  ctx: FlowContext,
  release: TagRelease,
  charts: readonly PackagedChart[],
): Promise<Attachment> {
  let assets = await listReleaseAssets(ctx.github, ctx.repo, release.id);
  const attached: AttachedChart[] = [];
  const uploaded: string[] = [];
  for (const chart of charts) {
    const result = await attachOne(ctx, release, chart, assets);
    if (!result.ok) return result;
    attached.push(result.attached);
    if (result.uploaded) {
      uploaded.push(chart.fileName);
      assets = [...assets, result.attached.asset];
    }
  }
  return { ok: true, charts: attached, uploaded };
}

type One =
  | { ok: true; attached: AttachedChart; uploaded: boolean }
  | { ok: false; problem: string };

async function attachOne(
  ctx: FlowContext,
  release: TagRelease,
  chart: PackagedChart,
  listed: readonly ReleaseAsset[],
): Promise<One> {
  let assets = listed;
  for (let attempt = 1; attempt <= MAX_UPLOADS; attempt++) {
    const existing = assets.find((asset) => asset.name === chart.fileName);
    if (existing?.state === "uploaded") return keepExisting(ctx, chart, existing);
    if (release.immutable && !release.draft) {
      return {
        ok: false,
        problem: `the release of \`${release.tag}\` is published and immutable, so GitHub takes no asset on it; with \`release.publish: draft\` the bot attaches charts before publishing`,
      };
    }
    if (existing) await deleteReleaseAsset(ctx.github, ctx.repo, existing.id);
    const upload = await uploadOrLost(ctx, release, chart);
    if (upload.status === "uploaded") return readBack(chart, upload.asset);
    if (upload.status === "refused") {
      return {
        ok: false,
        problem: `GitHub refused \`${chart.fileName}\` on the release of \`${release.tag}\` (${upload.httpStatus}: ${upload.message})`,
      };
    }
    // Taken meanwhile, or the answer was lost: see what the release holds now.
    assets = await listReleaseAssets(ctx.github, ctx.repo, release.id);
  }
  return {
    ok: false,
    problem: `\`${chart.fileName}\` did not stay on the release of \`${release.tag}\` after ${MAX_UPLOADS} uploads`,
  };
}

/** An upload whose answer was lost (a 5xx) reads as "exists": the caller looks. */
async function uploadOrLost(
  ctx: FlowContext,
  release: TagRelease,
  chart: PackagedChart,
): Promise<Upload> {
  if (release.uploadUrl === null)
    throw new Error(`the release of ${release.tag} has no upload_url`);
  try {
    return await uploadReleaseAsset(ctx.github, ctx.repo, {
      uploadUrl: release.uploadUrl,
      name: chart.fileName,
      bytes: chart.tgz,
      contentType: "application/gzip",
    });
  } catch (error) {
    if (isRequestFailure(error) && error.status >= 500) {
      ctx.log.warn({ asset: chart.fileName, status: error.status }, "upload answer lost; looking");
      return { status: "exists" };
    }
    throw error;
  }
}

/** The uploaded asset as GitHub stored it must be the chart's bytes. */
function readBack(chart: PackagedChart, asset: ReleaseAsset): One {
  const digest = `sha256:${chart.digest}`;
  if (asset.size !== chart.tgz.length || (asset.digest !== null && asset.digest !== digest)) {
    return {
      ok: false,
      problem: `GitHub stored \`${asset.name}\` as ${asset.size} bytes (${asset.digest ?? "no digest"}), not the ${chart.tgz.length} bytes (${digest}) uploaded`,
    };
  }
  return { ok: true, attached: { chart, asset, digest: chart.digest }, uploaded: true };
}

/** An asset of the chart's name already there: kept when it holds the same archive. */
async function keepExisting(
  ctx: FlowContext,
  chart: PackagedChart,
  asset: ReleaseAsset,
): Promise<One> {
  if (asset.digest === `sha256:${chart.digest}`) {
    return { ok: true, attached: { chart, asset, digest: chart.digest }, uploaded: false };
  }
  const bytes = await downloadReleaseAsset(ctx.github, ctx.repo, asset.id);
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (digest === chart.digest || sameArchive(bytes, chart.tar)) {
    return { ok: true, attached: { chart, asset, digest }, uploaded: false };
  }
  return {
    ok: false,
    problem: `the release already has a \`${chart.fileName}\` that is not the chart at the tag (sha256 ${digest}), and the bot leaves it; if a workflow attaches the chart, set \`charts.publish: false\`, otherwise delete that asset`,
  };
}

/** The same tar inside another gzip (another zlib packs the same files differently). */
function sameArchive(gzipped: Buffer, tar: Buffer): boolean {
  try {
    return gunzipSync(gzipped).equals(tar);
  } catch {
    return false;
  }
}
