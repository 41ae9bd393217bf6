import type { Actor, RepoRecord, UserRecord } from "./model.js";
import { organization, repository, user } from "./shapes.js";
import { HttpError } from "./util.js";
import type { World } from "./world.js";

type Json = Record<string, unknown>;

/** A webhook event produced by an operation, delivered after the operation's response. */
export interface SandboxEvent {
  name: string;
  payload: Json;
}

/** What every operation gets: the world, who acts, and where its webhook events go. */
export interface OpContext {
  world: World;
  actor: Actor;
  emit(event: SandboxEvent): void;
}

export function actorUser(ctx: OpContext): UserRecord {
  if (!ctx.actor.user) throw new HttpError(401, "Requires authentication");
  return ctx.actor.user;
}

/**
 * A webhook payload: the event's own fields, then `repository`, `organization` (org-owned
 * repos), `sender` and `installation`, as GitHub orders them.
 */
export function envelope(ctx: OpContext, repo: RepoRecord, fields: Json): Json {
  const w = ctx.world;
  const payload: Json = { ...fields, repository: repository(w, repo, "webhook") };
  if (repo.owner.type === "Organization") payload.organization = organization(w, repo.owner);
  payload.sender = user(w, actorUser(ctx));
  payload.installation = { id: w.installationId, node_id: installationNodeId(w) };
  return payload;
}

export function installationNodeId(w: World): string {
  return `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${Buffer.from(String(w.installationId)).toString("base64")}`;
}

export function emit(ctx: OpContext, repo: RepoRecord, name: string, fields: Json): void {
  ctx.emit({ name, payload: envelope(ctx, repo, fields) });
}
