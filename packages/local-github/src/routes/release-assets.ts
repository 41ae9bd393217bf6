/**
 * Release assets, release deletion and the immutable releases setting: one function per route
 * (the operations are `ops/release-assets.ts`, the rules `rules/immutable-releases.ts`).
 */
import { randomBytes } from "node:crypto";
import {
  deleteAsset,
  deleteRelease,
  requireAsset,
  updateAsset,
  uploadAsset,
} from "../ops/release-assets.js";
import { requireRelease } from "../ops/releases.js";
import { intParam, paginate, type RequestContext, type RouteTable, route } from "../router.js";
import { releaseAsset } from "../shapes-releases.js";
import { HttpError, validationFailed } from "../util.js";

const R = "/repos/{owner}/{repo}";

/**
 * `POST {upload_url}`: the raw bytes, `?name=` (required) and `&label=`, the type in
 * `Content-Type`. The upload host's error bodies carry a `request_id` (recorded in
 * @octokit/fixtures' release-assets-conflict).
 */
function uploadAReleaseAsset(c: RequestContext) {
  try {
    return upload(c);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new HttpError(error.status, error.message, {
      ...(error.errors ? { errors: error.errors } : {}),
      headers: error.headers,
      extra: { ...error.extra, request_id: requestId() },
    });
  }
}

/** A request id in GitHub's form (`0000:00000:0000000:0000000:00000000`, hexadecimal). */
function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString("hex").toUpperCase();
  return `${hex(2)}:${hex(3).slice(0, 5)}:${hex(4).slice(0, 7)}:${hex(4).slice(0, 7)}:${hex(4)}`;
}

function upload(c: RequestContext) {
  const repo = c.repo();
  const name = c.query.get("name");
  if (!name) {
    throw validationFailed([{ resource: "ReleaseAsset", code: "missing_field", field: "name" }]);
  }
  const { release, asset } = uploadAsset(c.op, repo, intParam(c.params.id), {
    name,
    label: c.query.get("label"),
    contentType: header(c, "content-type") ?? "application/octet-stream",
    bytes: c.bytes,
  });
  return { status: 201, body: releaseAsset(c.world, repo, release, asset) };
}

function listReleaseAssets(c: RequestContext) {
  const repo = c.repo();
  const release = requireRelease(repo, intParam(c.params.id));
  return paginate(c, release.assets, (asset) => releaseAsset(c.world, repo, release, asset));
}

/** JSON, or the bytes with `Accept: application/octet-stream` (GitHub may also redirect: 302). */
function getAReleaseAsset(c: RequestContext) {
  const repo = c.repo();
  const { release, asset } = requireAsset(repo, intParam(c.params.asset_id));
  if (/application\/octet-stream/.test(header(c, "accept") ?? "")) {
    asset.downloadCount += 1;
    return { status: 200, text: asset.bytes, contentType: "application/octet-stream" };
  }
  return { status: 200, body: releaseAsset(c.world, repo, release, asset) };
}

function updateAReleaseAsset(c: RequestContext) {
  const repo = c.repo();
  const changes: { name?: string; label?: string | null } = {};
  if (typeof c.body.name === "string") changes.name = c.body.name;
  if (typeof c.body.label === "string" || c.body.label === null) {
    changes.label = c.body.label as string | null;
  }
  const { release, asset } = updateAsset(c.op, repo, intParam(c.params.asset_id), changes);
  return { status: 200, body: releaseAsset(c.world, repo, release, asset) };
}

function deleteAReleaseAsset(c: RequestContext) {
  deleteAsset(c.op, c.repo(), intParam(c.params.asset_id));
  return { status: 204 };
}

function deleteARelease(c: RequestContext) {
  deleteRelease(c.op, c.repo(), intParam(c.params.id));
  return { status: 204 };
}

/** `GET /immutable-releases`: 200 `{ enabled: true, enforced_by_owner }`, or 404 when off; admins only. */
function checkIfImmutableReleasesAreEnabled(c: RequestContext) {
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "admin");
  if (!repo.rules.immutableReleases) throw new HttpError(404, "Not Found");
  return { status: 200, body: { enabled: true, enforced_by_owner: false } };
}

/** `PUT` turns it on, `DELETE` off; admins only (the App: `administration: write`). */
function switchImmutableReleases(enabled: boolean) {
  return (c: RequestContext) => {
    const repo = c.repo();
    c.world.requireRole(repo, c.actor, "admin");
    repo.rules.immutableReleases = enabled;
    return { status: 204 };
  };
}

function header(c: RequestContext, name: string): string | undefined {
  const value = c.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const authenticated = { auth: "authenticated" } as const;

export const releaseAssetRoutes: RouteTable = [
  route("POST", `/uploads${R}/releases/{id}/assets`, uploadAReleaseAsset, {
    docs: "releases/assets#upload-a-release-asset",
    ...authenticated,
    body: "binary",
  }),
  route("GET", `${R}/releases/{id}/assets`, listReleaseAssets, {
    docs: "releases/assets#list-release-assets",
  }),
  route("GET", `${R}/releases/assets/{asset_id}`, getAReleaseAsset, {
    docs: "releases/assets#get-a-release-asset",
  }),
  route("PATCH", `${R}/releases/assets/{asset_id}`, updateAReleaseAsset, {
    docs: "releases/assets#update-a-release-asset",
    ...authenticated,
  }),
  route("DELETE", `${R}/releases/assets/{asset_id}`, deleteAReleaseAsset, {
    docs: "releases/assets#delete-a-release-asset",
    ...authenticated,
  }),
  route("DELETE", `${R}/releases/{id}`, deleteARelease, {
    docs: "releases/releases#delete-a-release",
    ...authenticated,
  }),
  route("GET", `${R}/immutable-releases`, checkIfImmutableReleasesAreEnabled, {
    docs: "repos/repos#check-if-immutable-releases-are-enabled-for-a-repository",
    ...authenticated,
  }),
  route("PUT", `${R}/immutable-releases`, switchImmutableReleases(true), {
    docs: "repos/repos#enable-immutable-releases",
    ...authenticated,
  }),
  route("DELETE", `${R}/immutable-releases`, switchImmutableReleases(false), {
    docs: "repos/repos#disable-immutable-releases",
    ...authenticated,
  }),
];
