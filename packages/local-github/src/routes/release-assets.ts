/**
 * Release assets, release deletion and the immutable releases setting: one function per route
 * (the operations are `ops/release-assets.ts`, the rules `rules/immutable-releases.ts`).
 */
import {
  deleteAsset,
  deleteRelease,
  requireAsset,
  updateAsset,
  uploadAsset,
} from "../ops/release-assets.js";
import { requireRelease } from "../ops/releases.js";
import { intParam, paginate, type RequestContext, type Router } from "../router.js";
import { releaseAsset } from "../shapes-releases.js";
import { HttpError, validationFailed } from "../util.js";

const R = "/repos/{owner}/{repo}";

export function releaseAssetRoutes(router: Router): void {
  uploadReleaseAssetRoute(router);
  listReleaseAssetsRoute(router);
  getReleaseAssetRoute(router);
  updateReleaseAssetRoute(router);
  deleteReleaseAssetRoute(router);
  deleteReleaseRoute(router);
  immutableReleasesRoutes(router);
}

/** `POST {upload_url}`: the raw bytes, `?name=` (required) and `&label=`, the type in `Content-Type`. */
function uploadReleaseAssetRoute(router: Router): void {
  router.post(
    `/uploads${R}/releases/{id}/assets`,
    (c) => {
      const repo = c.repo();
      const name = c.query.get("name");
      if (!name) {
        throw validationFailed([
          { resource: "ReleaseAsset", code: "missing_field", field: "name" },
        ]);
      }
      const { release, asset } = uploadAsset(c.op, repo, intParam(c.params.id), {
        name,
        label: c.query.get("label"),
        contentType: header(c, "content-type") ?? "application/octet-stream",
        bytes: c.bytes,
      });
      return { status: 201, body: releaseAsset(c.world, repo, release, asset) };
    },
    { docs: "releases/assets#upload-a-release-asset", auth: "authenticated", body: "binary" },
  );
}

function listReleaseAssetsRoute(router: Router): void {
  router.get(
    `${R}/releases/{id}/assets`,
    (c) => {
      const repo = c.repo();
      const release = requireRelease(repo, intParam(c.params.id));
      return paginate(c, release.assets, (asset) => releaseAsset(c.world, repo, release, asset));
    },
    { docs: "releases/assets#list-release-assets" },
  );
}

/** JSON, or the bytes with `Accept: application/octet-stream` (GitHub may also redirect: 302). */
function getReleaseAssetRoute(router: Router): void {
  router.get(
    `${R}/releases/assets/{asset_id}`,
    (c) => {
      const repo = c.repo();
      const { release, asset } = requireAsset(repo, intParam(c.params.asset_id));
      if (/application\/octet-stream/.test(header(c, "accept") ?? "")) {
        asset.downloadCount += 1;
        return { status: 200, text: asset.bytes, contentType: "application/octet-stream" };
      }
      return { status: 200, body: releaseAsset(c.world, repo, release, asset) };
    },
    { docs: "releases/assets#get-a-release-asset" },
  );
}

function updateReleaseAssetRoute(router: Router): void {
  router.patch(
    `${R}/releases/assets/{asset_id}`,
    (c) => {
      const repo = c.repo();
      const changes: { name?: string; label?: string | null } = {};
      if (typeof c.body.name === "string") changes.name = c.body.name;
      if (typeof c.body.label === "string" || c.body.label === null) {
        changes.label = c.body.label as string | null;
      }
      const { release, asset } = updateAsset(c.op, repo, intParam(c.params.asset_id), changes);
      return { status: 200, body: releaseAsset(c.world, repo, release, asset) };
    },
    { docs: "releases/assets#update-a-release-asset", auth: "authenticated" },
  );
}

function deleteReleaseAssetRoute(router: Router): void {
  router.delete(
    `${R}/releases/assets/{asset_id}`,
    (c) => {
      deleteAsset(c.op, c.repo(), intParam(c.params.asset_id));
      return { status: 204 };
    },
    { docs: "releases/assets#delete-a-release-asset", auth: "authenticated" },
  );
}

function deleteReleaseRoute(router: Router): void {
  router.delete(
    `${R}/releases/{id}`,
    (c) => {
      deleteRelease(c.op, c.repo(), intParam(c.params.id));
      return { status: 204 };
    },
    { docs: "releases/releases#delete-a-release", auth: "authenticated" },
  );
}

/**
 * The repository's immutable releases setting: `GET` 200 `{ enabled: true, enforced_by_owner }`
 * or 404 when off, `PUT` on, `DELETE` off; admins only (the App: `administration`).
 */
function immutableReleasesRoutes(router: Router): void {
  const path = `${R}/immutable-releases`;
  router.get(
    path,
    (c) => {
      const repo = c.repo();
      c.world.requireRole(repo, c.actor, "admin");
      if (!repo.rules.immutableReleases) throw new HttpError(404, "Not Found");
      return { status: 200, body: { enabled: true, enforced_by_owner: false } };
    },
    {
      docs: "repos/repos#check-if-immutable-releases-are-enabled-for-a-repository",
      auth: "authenticated",
    },
  );
  for (const [method, enabled] of [
    ["put", true],
    ["delete", false],
  ] as const) {
    router[method](
      path,
      (c) => {
        const repo = c.repo();
        c.world.requireRole(repo, c.actor, "admin");
        repo.rules.immutableReleases = enabled;
        return { status: 204 };
      },
      {
        docs: `repos/repos#${enabled ? "enable" : "disable"}-immutable-releases`,
        auth: "authenticated",
      },
    );
  }
}

function header(c: RequestContext, name: string): string | undefined {
  const value = c.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
