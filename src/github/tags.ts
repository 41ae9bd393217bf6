import { createRef } from "./branches.js";
import { hasStatus } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

export interface TagRef {
  /** Tag name without `refs/tags/`. */
  name: string;
  /** What the ref points to: an annotated tag object or, for a lightweight tag, the commit. */
  objectSha: string;
  objectType: string;
}

/** Every tag whose name starts with the prefix (one call: GitHub's matching-refs). */
export async function listTags(github: GitHub, repo: RepoId, prefix: string): Promise<TagRef[]> {
  const refs = await github.paginate(github.rest.git.listMatchingRefs, {
    ...repo,
    ref: `tags/${prefix}`,
    per_page: 100,
  });
  return refs.map((ref) => ({
    name: ref.ref.replace(/^refs\/tags\//, ""),
    objectSha: ref.object.sha,
    objectType: ref.object.type,
  }));
}

/** The commit a tag names, following an annotated tag object. */
export async function tagCommit(github: GitHub, repo: RepoId, tag: TagRef): Promise<string> {
  if (tag.objectType !== "tag") return tag.objectSha;
  const { data } = await github.rest.git.getTag({ ...repo, tag_sha: tag.objectSha });
  return data.object.sha;
}

/** The tag of this name, or null. */
export async function getTag(github: GitHub, repo: RepoId, name: string): Promise<TagRef | null> {
  try {
    const { data } = await github.rest.git.getRef({ ...repo, ref: `tags/${name}` });
    return { name, objectSha: data.object.sha, objectType: data.object.type };
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}

export type TagOutcome =
  | { status: "created" }
  | { status: "exists" }
  | { status: "conflict"; existingCommit: string };

/**
 * Creates an annotated tag on a commit. The ref is the lock: when it already exists on the
 * same commit another delivery won; on another commit the caller must say so. No read comes
 * first: callers chose the name from a tag listing, and a lost race costs one dangling tag
 * object, which GitHub collects.
 */
export async function createAnnotatedTag(
  github: GitHub,
  repo: RepoId,
  options: { name: string; commitSha: string; message: string },
): Promise<TagOutcome> {
  const { data: tagObject } = await github.rest.git.createTag({
    ...repo,
    tag: options.name,
    message: options.message,
    object: options.commitSha,
    type: "commit",
  });
  const created = await createRef(github, repo, `refs/tags/${options.name}`, tagObject.sha);
  if (created.status === "created") return { status: "created" };
  const raced = await getTag(github, repo, options.name);
  if (!raced) throw new Error(`tag ${options.name} exists and vanished before it could be read`);
  return sameCommit(github, repo, raced, options.commitSha);
}

async function sameCommit(
  github: GitHub,
  repo: RepoId,
  tag: TagRef,
  commitSha: string,
): Promise<TagOutcome> {
  const existingCommit = await tagCommit(github, repo, tag);
  return existingCommit === commitSha
    ? { status: "exists" }
    : { status: "conflict", existingCommit };
}
