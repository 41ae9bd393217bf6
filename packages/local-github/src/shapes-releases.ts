/**
 * JSON shapes of release assets (api.github.com's `release-asset`; the webhook `release-asset`
 * has no `digest`) and the upload address releases give (`upload_url`).
 */
import type { ReleaseAssetRecord, ReleaseRecord, RepoRecord } from "./model.js";
import { repoApi, repoHtml, userByLogin } from "./shapes.js";
import type { World } from "./world.js";

type Json = Record<string, unknown>;

/**
 * Where assets of a release are uploaded. GitHub gives `https://uploads.github.com/repos/…`; the
 * local GitHub has one host, so it serves uploads under `/uploads` beside its API, as GitHub
 * Enterprise Server does (`https://HOST/api/uploads/repos/…`). Clients use the whole URL, as
 * Octokit's `repos.uploadReleaseAsset({ url: release.upload_url, name, data })` does.
 */
export function uploadUrl(w: World, repo: RepoRecord, release: ReleaseRecord): string {
  return `${w.apiUrl}/uploads/repos/${repo.fullName}/releases/${release.id}/assets{?name,label}`;
}

export function releaseAsset(
  w: World,
  repo: RepoRecord,
  release: ReleaseRecord,
  asset: ReleaseAssetRecord,
  shape: "rest" | "webhook" = "rest",
): Json {
  const download = `${repoHtml(w, repo)}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`;
  return {
    url: `${repoApi(w, repo)}/releases/assets/${asset.id}`,
    id: asset.id,
    node_id: asset.nodeId,
    name: asset.name,
    label: asset.label,
    uploader: userByLogin(w, asset.uploader),
    content_type: asset.contentType,
    state: "uploaded",
    size: asset.bytes.length,
    ...(shape === "rest" ? { digest: asset.digest } : {}),
    download_count: asset.downloadCount,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    browser_download_url: download,
  };
}
