import { actorUser, emit, type OpContext } from "../context.js";
import type { ReleaseRecord, RepoRecord } from "../model.js";
import {
  checkImmutableEdit,
  checkPublishableTagName,
  lockOnPublish,
} from "../rules/immutable-releases.js";
import { checkReleaseWorkflows } from "../rules/workflows.js";
import { release as releaseJson, repoHtml } from "../shapes.js";
import { HttpError, nodeId, validationFailed } from "../util.js";
import type { World } from "../world.js";
import { createRef, resolveCommitish } from "./refs.js";

/**
 * Published releases have one tag name each; drafts have none of their own yet, so GitHub lets
 * several drafts (and a draft beside the published release) carry the same `tag_name`.
 */
function requireNoPublishedRelease(repo: RepoRecord, tag: string, except?: number): void {
  if (repo.releases.some((r) => r.tagName === tag && !r.draft && r.id !== except)) {
    throw validationFailed([{ resource: "Release", code: "already_exists", field: "tag_name" }]);
  }
}

export interface CreateReleaseOptions {
  tag_name: string;
  target_commitish?: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
  generate_release_notes?: boolean;
  make_latest?: "true" | "false" | "legacy";
}

/** The tag before `tag` on the target's history (`git describe --tags --abbrev=0 --exclude`). */
async function previousTag(repo: RepoRecord, target: string, tag: string): Promise<string | null> {
  const result = await repo.git.exec([
    "describe",
    "--tags",
    "--abbrev=0",
    `--exclude=${tag}`,
    target,
  ]);
  if (result.code !== 0) return null;
  return result.stdout.toString("utf8").trim() || null;
}

/**
 * GitHub's generated notes: "## What's Changed" with one line per PR merged between the
 * previous tag and the target, then the "Full Changelog" link.
 */
export async function generateNotes(
  w: World,
  repo: RepoRecord,
  options: { tag_name: string; target: string; previous_tag_name?: string },
): Promise<{ name: string; body: string }> {
  const previous =
    options.previous_tag_name ?? (await previousTag(repo, options.target, options.tag_name));
  const range = previous ? [options.target, `^${previous}`] : [options.target];
  const shas = new Set(await repo.git.revList(range));
  const lines: string[] = [];
  const pulls = [...repo.issues.values()]
    .filter((i) => i.pull?.merged && i.pull.mergeCommitSha && shas.has(i.pull.mergeCommitSha))
    .sort(
      (a, b) =>
        (b.pull?.mergedAt ?? "").localeCompare(a.pull?.mergedAt ?? "") || b.number - a.number,
    );
  for (const pr of pulls) {
    lines.push(`* ${pr.title} by @${pr.user} in ${repoHtml(w, repo)}/pull/${pr.number}`);
  }
  const parts: string[] = [];
  if (lines.length > 0) parts.push(`## What's Changed\n${lines.join("\n")}`);
  parts.push(
    previous
      ? `**Full Changelog**: ${repoHtml(w, repo)}/compare/${previous}...${options.tag_name}`
      : `**Full Changelog**: ${repoHtml(w, repo)}/commits/${options.tag_name}`,
  );
  return { name: options.tag_name, body: parts.join("\n\n") };
}

export async function createRelease(
  ctx: OpContext,
  repo: RepoRecord,
  options: CreateReleaseOptions,
): Promise<ReleaseRecord> {
  const w = ctx.world;
  w.requireRole(repo, ctx.actor, "write");
  const author = actorUser(ctx);
  if (!options.tag_name)
    throw validationFailed([{ resource: "Release", code: "missing_field", field: "tag_name" }]);
  const draft = options.draft ?? false;
  if (!draft) requireNoPublishedRelease(repo, options.tag_name);
  const targetCommitish = options.target_commitish ?? repo.defaultBranch;
  const tagRef = `refs/tags/${options.tag_name}`;
  const tagSha = await repo.git.revParse(`${tagRef}`, "commit");
  const existingTag = (await repo.git.readRef(tagRef)) !== null;
  const target = existingTag ? tagSha : await resolveCommitish(repo, targetCommitish);
  if (!target)
    throw validationFailed([{ resource: "Release", code: "invalid", field: "target_commitish" }]);
  await checkReleaseWorkflows(ctx, repo, target);
  if (!draft) checkPublishableTagName(repo, options.tag_name, existingTag);
  let name = options.name ?? null;
  let body = options.body ?? null;
  if (options.generate_release_notes) {
    const notes = await generateNotes(w, repo, { tag_name: options.tag_name, target });
    name = name || notes.name;
    body = body ? `${body}\n\n${notes.body}` : notes.body;
  }
  if (!existingTag && !draft) await createRef(ctx, repo, tagRef, target);
  const id = w.nextId("release");
  const now = w.now();
  const record: ReleaseRecord = {
    id,
    nodeId: nodeId("RE", id),
    tagName: options.tag_name,
    targetCommitish,
    name,
    body,
    draft,
    prerelease: options.prerelease ?? false,
    author: author.login,
    createdAt: now,
    publishedAt: draft ? null : now,
    updatedAt: now,
    makeLatest: options.make_latest !== "false",
    immutable: false,
    assets: [],
  };
  if (!draft) lockOnPublish(repo, record);
  repo.releases.push(record);
  emit(ctx, repo, "release", {
    action: "created",
    release: releaseJson(w, repo, record, "webhook"),
  });
  if (!draft) {
    emit(ctx, repo, "release", {
      action: "published",
      release: releaseJson(w, repo, record, "webhook"),
    });
  }
  return record;
}

export function requireRelease(repo: RepoRecord, id: number): ReleaseRecord {
  const record = repo.releases.find((r) => r.id === id);
  if (!record) throw new HttpError(404, "Not Found");
  return record;
}

export async function updateRelease(
  ctx: OpContext,
  repo: RepoRecord,
  id: number,
  changes: Partial<Omit<CreateReleaseOptions, "generate_release_notes">>,
): Promise<ReleaseRecord> {
  const w = ctx.world;
  w.requireRole(repo, ctx.actor, "write");
  const record = requireRelease(repo, id);
  checkImmutableEdit(record, changes);
  const tagName = changes.tag_name ?? record.tagName;
  const publish = changes.draft === false && record.draft;
  if (publish || !record.draft) requireNoPublishedRelease(repo, tagName, id);
  const tagRef = `refs/tags/${tagName}`;
  const tagExists = (await repo.git.readRef(tagRef)) !== null;
  const target = tagExists
    ? await repo.git.revParse(tagRef, "commit")
    : await resolveCommitish(repo, changes.target_commitish ?? record.targetCommitish);
  if (target) await checkReleaseWorkflows(ctx, repo, target);
  if (publish) {
    checkPublishableTagName(repo, tagName, tagExists);
    if (!target)
      throw validationFailed([{ resource: "Release", code: "invalid", field: "target_commitish" }]);
    // The tag first: a refused tag leaves the draft as it was.
    if (!tagExists) await createRef(ctx, repo, tagRef, target);
  }
  record.tagName = tagName;
  if (changes.target_commitish !== undefined) record.targetCommitish = changes.target_commitish;
  if (changes.name !== undefined) record.name = changes.name;
  if (changes.body !== undefined) record.body = changes.body;
  if (changes.prerelease !== undefined) record.prerelease = changes.prerelease;
  if (changes.make_latest !== undefined) record.makeLatest = changes.make_latest !== "false";
  if (changes.draft === true) record.draft = true;
  record.updatedAt = w.now();
  if (publish) {
    record.draft = false;
    record.publishedAt = w.now();
    lockOnPublish(repo, record);
    emit(ctx, repo, "release", {
      action: "published",
      release: releaseJson(w, repo, record, "webhook"),
    });
  } else {
    emit(ctx, repo, "release", {
      action: "edited",
      changes: {},
      release: releaseJson(w, repo, record, "webhook"),
    });
  }
  return record;
}

/** Releases newest first, as GitHub lists them. */
export function sortedReleases(repo: RepoRecord): ReleaseRecord[] {
  return [...repo.releases].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}
