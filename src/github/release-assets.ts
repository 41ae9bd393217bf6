/**
 * Release assets: listed, uploaded to the release's `upload_url` (a draft takes them until it is
 * published; a published immutable release never does), downloaded, deleted. GitHub keeps one
 * asset per name and release, and answers a second upload of a name 422 `already_exists`.
 */
import { hasStatus, isRequestFailure } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

export interface ReleaseAsset {
  id: number;
  name: string;
  /** `uploaded`, or `starter`/`new` for an upload that never finished (it holds the name). */
  state: string;
  size: number;
  /** `sha256:<hex>` as GitHub computed it; null where GitHub gives none (older servers). */
  digest: string | null;
  /** `browser_download_url`: where clients such as Helm download it. */
  downloadUrl: string;
}

interface AssetJson {
  id: number;
  name: string;
  state: string;
  size: number;
  digest?: string | null;
  browser_download_url: string;
}

const toAsset = (a: AssetJson): ReleaseAsset => ({
  id: a.id,
  name: a.name,
  state: a.state,
  size: a.size,
  digest: a.digest ?? null,
  downloadUrl: a.browser_download_url,
});

/** Every asset of a release. */
export async function listReleaseAssets(
  github: GitHub,
  repo: RepoId,
  releaseId: number,
): Promise<ReleaseAsset[]> {
  const assets = await github.paginate(github.rest.repos.listReleaseAssets, {
    ...repo,
    release_id: releaseId,
    per_page: 100,
  });
  return assets.map((asset) => toAsset(asset as AssetJson));
}

export type Upload =
  | { status: "uploaded"; asset: ReleaseAsset }
  /** The name is taken (another delivery's upload, or this one's whose answer was lost). */
  | { status: "exists" }
  /** GitHub refused: its status and words (an immutable release: 422). */
  | { status: "refused"; httpStatus: number; message: string };

/** Uploads bytes as an asset to the release's `upload_url` (`…/assets{?name,label}`). */
export async function uploadReleaseAsset(
  github: GitHub,
  repo: RepoId,
  upload: { uploadUrl: string; name: string; bytes: Buffer; contentType: string },
): Promise<Upload> {
  try {
    const { data } = await github.rest.repos.uploadReleaseAsset({
      ...repo,
      release_id: 0,
      url: upload.uploadUrl,
      name: upload.name,
      // Octokit sends the bytes as they are; its type says string.
      data: upload.bytes as unknown as string,
      headers: { "content-type": upload.contentType, "content-length": upload.bytes.length },
    });
    return { status: "uploaded", asset: toAsset(data as AssetJson) };
  } catch (error) {
    if (!isRequestFailure(error)) throw error;
    const fields = (error.response?.data as { errors?: Array<{ code?: string }> } | undefined)
      ?.errors;
    if (error.status === 422 && fields?.some((field) => field.code === "already_exists")) {
      return { status: "exists" };
    }
    if (error.status === 422 || error.status === 403) {
      return { status: "refused", httpStatus: error.status, message: error.message };
    }
    throw error;
  }
}

/** The asset's bytes. */
export async function downloadReleaseAsset(
  github: GitHub,
  repo: RepoId,
  assetId: number,
): Promise<Buffer> {
  const { data } = await github.rest.repos.getReleaseAsset({
    ...repo,
    asset_id: assetId,
    headers: { accept: "application/octet-stream" },
  });
  return Buffer.from(data as unknown as ArrayBuffer);
}

/** Deletes an asset; one already gone is fine. */
export async function deleteReleaseAsset(
  github: GitHub,
  repo: RepoId,
  assetId: number,
): Promise<void> {
  try {
    await github.rest.repos.deleteReleaseAsset({ ...repo, asset_id: assetId });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}
