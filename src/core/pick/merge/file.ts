/**
 * The merge of one path of a cherry-pick, as merge-ort decides it before and around the text
 * merge: a side that did not change the path gives way to the other, a path changed the same
 * way on both sides is that change, a path deleted on one side and changed on the other is a
 * conflict, and binary contents changed on both sides are a conflict. Renames are not followed
 * (a path renamed on one side is a deletion there and an addition on the other): that can call
 * a conflict where git finds none, never the other way round. Pure.
 */
import { type ConflictHunk, type MergeOptions, mergeTexts } from "./merge3.js";

/** A version of a path: its text, `null` when the path does not exist there, or binary. */
export type Version = string | null | { binary: true };

export interface PathVersions {
  path: string;
  base: Version;
  ours: Version;
  theirs: Version;
}

export type PathMerge =
  /** `content` is what the path holds after the merge: `null` deleted, `unchanged` as on our side. */
  | { path: string; clean: true; content: string | null | "unchanged" }
  | {
      path: string;
      clean: false;
      kind: "content" | "modify/delete" | "binary";
      /** The text with conflict markers; null for a binary path (it stays as on our side). */
      content: string | null;
      hunks: ConflictHunk[];
    };

/** Git decides a text is binary when its first 8000 bytes hold a NUL. */
const BINARY_PROBE = 8000;

export function isBinaryText(text: string): boolean {
  return text.slice(0, BINARY_PROBE).includes("\0");
}

export function mergePath(versions: PathVersions, options: MergeOptions): PathMerge {
  const { path } = versions;
  const [base, ours, theirs] = [versions.base, versions.ours, versions.theirs].map(asVersion);
  if (same(ours, theirs) || same(base, theirs)) return { path, clean: true, content: "unchanged" };
  if (same(base, ours)) return { path, clean: true, content: theirs as string | null };
  if (isBinary(base) || isBinary(ours) || isBinary(theirs)) {
    return { path, clean: false, kind: "binary", content: null, hunks: [] };
  }
  const text = (version: Version) => (typeof version === "string" ? version : "");
  const texts = { base: text(base), ours: text(ours), theirs: text(theirs) };
  const merged = mergeTexts(texts.base, texts.ours, texts.theirs, options);
  // Deleted on one side, changed on the other: a conflict however the texts merge.
  if (base !== null && (ours === null || theirs === null)) {
    return {
      path,
      clean: false,
      kind: "modify/delete",
      content: merged.text,
      hunks: merged.conflicts,
    };
  }
  if (merged.clean) return { path, clean: true, content: merged.text };
  return { path, clean: false, kind: "content", content: merged.text, hunks: merged.conflicts };
}

function asVersion(version: Version): string | null | { binary: true } {
  if (typeof version === "string" && isBinaryText(version)) return { binary: true };
  return version;
}

function isBinary(version: Version): boolean {
  return version !== null && typeof version === "object";
}

/** Equal contents; two binary versions are never known to be equal here. */
function same(a: Version, b: Version): boolean {
  if (isBinary(a) || isBinary(b)) return false;
  return a === b;
}

/** Blob ids of a path's versions; null where the path does not exist. */
export interface VersionIds {
  base: string | null;
  ours: string | null;
  theirs: string | null;
}

/**
 * What the blob ids alone decide, before any content is read: our version stays (`ours`), their
 * version is taken (`theirs`), or the texts must be merged (`merge`).
 */
export function decideByIds(ids: VersionIds): "ours" | "theirs" | "merge" {
  if (ids.ours === ids.theirs || ids.base === ids.theirs) return "ours";
  if (ids.base === ids.ours) return "theirs";
  return "merge";
}
