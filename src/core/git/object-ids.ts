/**
 * Git object ids computed locally, so that a commit GitHub made can be checked against the bytes
 * the bot meant it to hold without reading them back: git names a blob by the SHA-1 of
 * `blob <size>\0<content>` and a tree by the SHA-1 of its entries, so two trees with the same id
 * hold the same bytes at the same paths. Pure.
 */
import { createHash } from "node:crypto";

/** An entry of a recursive tree listing (`GET git/trees/{sha}?recursive=1`). */
export interface ListedEntry {
  path: string;
  /** `100644`, `100755`, `120000` (symlink), `040000` (tree), `160000` (submodule). */
  mode: string;
  sha: string;
}

/** A file the commit writes: its path, new text and mode. */
export interface WrittenFile {
  path: string;
  content: string;
  mode: "100644" | "100755";
}

function gitObjectId(type: string, body: Buffer): string {
  const header = Buffer.from(`${type} ${body.length}\0`);
  return createHash("sha1").update(header).update(body).digest("hex");
}

/** The id git gives a file holding `content` (UTF-8). */
export function blobId(content: string): string {
  // Buffer.from takes a string as UTF-8.
  return gitObjectId("blob", Buffer.from(content));
}

const TREE_MODE = "040000";

/** Git orders a tree's entries by name, a directory's name as if it ended in "/". */
function sortKey(name: string, mode: string): Buffer {
  return Buffer.from(mode === TREE_MODE ? `${name}/` : name);
}

/** The id of a tree holding these entries (name, mode, id), in git's order and encoding. */
export function treeId(
  entries: ReadonlyArray<{ name: string; mode: string; sha: string }>,
): string {
  const sorted = [...entries].sort((a, b) =>
    Buffer.compare(sortKey(a.name, a.mode), sortKey(b.name, b.mode)),
  );
  const body = Buffer.concat(
    sorted.flatMap((entry) => [
      // Git writes a tree's mode without its leading zero.
      Buffer.from(`${entry.mode === TREE_MODE ? "40000" : entry.mode} ${entry.name}\0`),
      Buffer.from(entry.sha, "hex"),
    ]),
  );
  return gitObjectId("tree", body);
}

interface Directory {
  entries: Map<string, { mode: string; sha: string }>;
  /** Sub-directories by name, made for the listed files and the written ones. */
  children: Map<string, Directory>;
  /** A file was written at or below this directory: its id must be computed again. */
  touched: boolean;
}

const directory = (): Directory => ({ entries: new Map(), children: new Map(), touched: false });

function dirAt(root: Directory, parts: readonly string[]): Directory {
  let dir = root;
  for (const part of parts) {
    let child = dir.children.get(part);
    if (!child) {
      child = directory();
      dir.children.set(part, child);
    }
    dir = child;
  }
  return dir;
}

function idOf(dir: Directory, listed: string | undefined): string {
  if (!dir.touched && listed !== undefined) return listed;
  for (const [name, child] of dir.children) {
    dir.entries.set(name, { mode: TREE_MODE, sha: idOf(child, dir.entries.get(name)?.sha) });
  }
  return treeId([...dir.entries].map(([name, entry]) => ({ name, ...entry })));
}

/**
 * The root tree id after writing `files` over a tree given by its complete recursive listing
 * (`rootId` its id): what GitHub's tree for the same change must be. A file written where the
 * listing has a directory or a submodule, or a path through a file, cannot be computed: null.
 */
export function treeIdAfter(
  listing: readonly ListedEntry[],
  rootId: string,
  files: readonly WrittenFile[],
): string | null {
  const root = directory();
  for (const entry of listing) {
    const parts = entry.path.split("/");
    const name = parts.pop() as string;
    dirAt(root, parts).entries.set(name, { mode: entry.mode, sha: entry.sha });
  }
  for (const file of files) {
    const parts = file.path.split("/");
    const name = parts.pop() as string;
    let dir = root;
    dir.touched = true;
    for (const part of parts) {
      const through = dir.entries.get(part);
      if (through !== undefined && through.mode !== TREE_MODE) return null;
      dir = dirAt(dir, [part]);
      dir.touched = true;
    }
    const existing = dir.entries.get(name);
    if (existing?.mode === TREE_MODE || existing?.mode === "160000") return null;
    dir.entries.set(name, { mode: file.mode, sha: blobId(file.content) });
  }
  return idOf(root, root.touched ? undefined : rootId);
}
