/**
 * Release assets and release deletion ("Release assets",
 * https://docs.github.com/en/rest/releases/assets, and "Delete a release",
 * https://docs.github.com/en/rest/releases/releases#delete-a-release): uploads of raw bytes to a
 * release's `upload_url`, one name per release (422 `already_exists`), GitHub's renaming of
 * names with special characters; immutable releases refuse every change of their assets, and
 * deleting one burns its tag name (`rules/immutable-releases.ts`).
 */
import { createHash } from "node:crypto";
import { actorUser, emit, type OpContext } from "../context.js";
import type { ReleaseAssetRecord, ReleaseRecord, RepoRecord } from "../model.js";
import { burnOnDelete, checkAssetsWritable } from "../rules/immutable-releases.js";
import { release as releaseJson } from "../shapes.js";
import { HttpError, nodeId, validationFailed } from "../util.js";
import { requireRelease } from "./releases.js";

/**
 * The name GitHub stores: characters other than letters, digits, `.`, `-`, `_` and `+` become
 * `.`, and leading or trailing periods go ("GitHub renames asset filenames that have special
 * characters, non-alphanumeric characters, and leading or trailing periods"; the exact mapping is
 * not documented, this one is a best guess).
 */
export function storedAssetName(name: string): string {
  return name.replace(/[^A-Za-z0-9._+-]/g, ".").replace(/^\.+|\.+$/g, "");
}

export function uploadAsset(
  ctx: OpContext,
  repo: RepoRecord,
  releaseId: number,
  upload: { name: string; label: string | null; contentType: string; bytes: Buffer },
): { release: ReleaseRecord; asset: ReleaseAssetRecord } {
  ctx.world.requireRole(repo, ctx.actor, "write");
  const uploader = actorUser(ctx);
  const release = requireRelease(repo, releaseId);
  checkAssetsWritable(release, "upload");
  const name = storedAssetName(upload.name);
  if (name === "") {
    throw validationFailed([{ resource: "ReleaseAsset", code: "missing_field", field: "name" }]);
  }
  if (release.assets.some((asset) => asset.name === name)) {
    throw validationFailed([{ resource: "ReleaseAsset", code: "already_exists", field: "name" }]);
  }
  const id = ctx.world.nextId("asset");
  const now = ctx.world.now();
  const asset: ReleaseAssetRecord = {
    id,
    nodeId: nodeId("RA", id),
    name,
    label: upload.label,
    contentType: upload.contentType,
    bytes: upload.bytes,
    digest: `sha256:${createHash("sha256").update(upload.bytes).digest("hex")}`,
    uploader: uploader.login,
    downloadCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  release.assets.push(asset);
  return { release, asset };
}

/** The asset and the release it belongs to; 404 when there is none. */
export function requireAsset(
  repo: RepoRecord,
  assetId: number,
): { release: ReleaseRecord; asset: ReleaseAssetRecord } {
  for (const release of repo.releases) {
    const asset = release.assets.find((a) => a.id === assetId);
    if (asset) return { release, asset };
  }
  throw new HttpError(404, "Not Found");
}

export function updateAsset(
  ctx: OpContext,
  repo: RepoRecord,
  assetId: number,
  changes: { name?: string; label?: string | null },
): { release: ReleaseRecord; asset: ReleaseAssetRecord } {
  ctx.world.requireRole(repo, ctx.actor, "write");
  const { release, asset } = requireAsset(repo, assetId);
  checkAssetsWritable(release, "update");
  if (changes.name !== undefined) {
    const name = storedAssetName(changes.name);
    if (release.assets.some((a) => a.name === name && a.id !== asset.id)) {
      throw validationFailed([{ resource: "ReleaseAsset", code: "already_exists", field: "name" }]);
    }
    asset.name = name;
  }
  if (changes.label !== undefined) asset.label = changes.label;
  asset.updatedAt = ctx.world.now();
  return { release, asset };
}

export function deleteAsset(ctx: OpContext, repo: RepoRecord, assetId: number): void {
  ctx.world.requireRole(repo, ctx.actor, "write");
  const { release, asset } = requireAsset(repo, assetId);
  checkAssetsWritable(release, "delete");
  release.assets = release.assets.filter((a) => a.id !== asset.id);
}

/** Deletes a release (its tag stays); an immutable one burns its tag name. */
export function deleteRelease(ctx: OpContext, repo: RepoRecord, releaseId: number): void {
  ctx.world.requireRole(repo, ctx.actor, "write");
  const release = requireRelease(repo, releaseId);
  burnOnDelete(repo, release);
  repo.releases = repo.releases.filter((r) => r.id !== release.id);
  emit(ctx, repo, "release", {
    action: "deleted",
    release: releaseJson(ctx.world, repo, release, "webhook"),
  });
}
