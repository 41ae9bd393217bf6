/**
 * Typed nock interceptors for releases as drafts, their publication and GitHub's immutable
 * releases setting; each returns the request bodies it received.
 */
import type nock from "nock";
import { REPO_PATH } from "./github.js";

type Body = Record<string, unknown>;

const enc = encodeURIComponent;
export const releaseUrl = (tag: string) =>
  `https://github.com/Codertocat/Hello-World/releases/tag/${tag}`;
export const draftUrl = (id: number) =>
  `https://github.com/Codertocat/Hello-World/releases/tag/untagged-${id}`;

export interface ReleaseReply {
  id: number;
  tag: string;
  draft?: boolean;
  prerelease?: boolean;
  immutable?: boolean;
}

export function releaseJson(r: ReleaseReply): Body {
  const draft = r.draft ?? false;
  return {
    id: r.id,
    tag_name: r.tag,
    html_url: draft ? draftUrl(r.id) : releaseUrl(r.tag),
    draft,
    prerelease: r.prerelease ?? false,
    immutable: r.immutable ?? false,
  };
}

/** `GET /releases?per_page=100`: the newest releases, drafts included. */
export function listReleases(scope: nock.Scope, releases: ReleaseReply[]): void {
  scope.get(`${REPO_PATH}/releases?per_page=100`).reply(200, releases.map(releaseJson));
}

/** `GET /releases/tags/{tag}`: the published release, or 404. */
export function releaseByTag(scope: nock.Scope, tag: string, release: ReleaseReply | null): void {
  const path = `${REPO_PATH}/releases/tags/${enc(tag)}`;
  if (release) scope.get(path).reply(200, releaseJson(release));
  else scope.get(path).reply(404, { message: "Not Found" });
}

/** `POST /releases`: the created release (`reply`), or GitHub's refusal. */
export function postRelease(
  scope: nock.Scope,
  reply: ReleaseReply | { status: number; message: string },
): Body[] {
  const bodies: Body[] = [];
  const interceptor = scope.post(`${REPO_PATH}/releases`, (body: Body) => {
    bodies.push(body);
    return true;
  });
  if ("status" in reply) interceptor.reply(reply.status, { message: reply.message });
  else interceptor.reply(201, releaseJson(reply));
  return bodies;
}

/** `PATCH /releases/{id}`, then (on success) the read-back `GET /releases/{id}`. */
export function publishRelease(
  scope: nock.Scope,
  id: number,
  reply: ReleaseReply | { status: number; message: string },
): Body[] {
  const bodies: Body[] = [];
  const interceptor = scope.patch(`${REPO_PATH}/releases/${id}`, (body: Body) => {
    bodies.push(body);
    return true;
  });
  if ("status" in reply) {
    interceptor.reply(reply.status, { message: reply.message });
    return bodies;
  }
  interceptor.reply(200, releaseJson(reply));
  scope.get(`${REPO_PATH}/releases/${id}`).reply(200, releaseJson(reply));
  return bodies;
}

/** `DELETE /releases/{id}`. */
export function deleteRelease(scope: nock.Scope, id: number, status = 204): void {
  scope.delete(`${REPO_PATH}/releases/${id}`).reply(status);
}

/** `GET /immutable-releases`: 200 enabled, 404 off, 403 (the App lacks Administration). */
export function immutableReleases(scope: nock.Scope, status: 200 | 403 | 404): void {
  const path = `${REPO_PATH}/immutable-releases`;
  if (status === 200) scope.get(path).reply(200, { enabled: true, enforced_by_owner: false });
  else
    scope.get(path).reply(status, {
      message: status === 404 ? "Not Found" : "Resource not accessible by integration",
    });
}

/** `GET /rulesets?targets=tag`: none. */
export function noTagRulesets(scope: nock.Scope): void {
  scope.get(`${REPO_PATH}/rulesets`).query({ targets: "tag", per_page: "100" }).reply(200, []);
}
