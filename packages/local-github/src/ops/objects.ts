import type { Git, GitObjectType, TreeEntry } from "../git.js";
import { validationFailed } from "../util.js";

/** One change to a tree at a (possibly nested) path; `sha: null` deletes the path. */
export interface TreeChange {
  path: string;
  mode: string;
  type: GitObjectType;
  sha: string | null;
}

const MODES: Record<string, GitObjectType> = {
  "100644": "blob",
  "100755": "blob",
  "120000": "blob",
  "040000": "tree",
  "160000": "commit",
};

export function typeForMode(mode: string): GitObjectType | undefined {
  return MODES[mode];
}

export function isValidPath(path: string): boolean {
  if (!path || path.startsWith("/") || path.endsWith("/")) return false;
  return path
    .split("/")
    .every((part) => part !== "" && part !== "." && part !== ".." && part !== ".git");
}

/**
 * Apply changes to a tree (null = the empty tree) and write the new trees bottom-up with
 * `git mktree`; only the directories on changed paths are rewritten.
 */
export async function buildTree(
  git: Git,
  base: string | null,
  changes: TreeChange[],
): Promise<string> {
  const result = await buildLevel(
    git,
    base,
    changes.map((c) => ({ ...c })),
  );
  return result ?? git.mktree([]);
}

async function buildLevel(
  git: Git,
  base: string | null,
  changes: TreeChange[],
): Promise<string | null> {
  const entries = new Map<string, TreeEntry>();
  if (base) {
    for (const entry of await git.lsTree(base)) entries.set(entry.name, entry);
  }
  const nested = new Map<string, TreeChange[]>();
  for (const change of changes) {
    const slash = change.path.indexOf("/");
    if (slash < 0) {
      if (change.sha === null) entries.delete(change.path);
      else
        entries.set(change.path, {
          mode: change.mode,
          type: change.type,
          sha: change.sha,
          name: change.path,
        });
      continue;
    }
    const dir = change.path.slice(0, slash);
    const list = nested.get(dir) ?? [];
    list.push({ ...change, path: change.path.slice(slash + 1) });
    nested.set(dir, list);
  }
  for (const [dir, subChanges] of nested) {
    const existing = entries.get(dir);
    const subBase = existing?.type === "tree" ? existing.sha : null;
    // Deleting inside a directory that does not exist changes nothing.
    if (!subBase && subChanges.every((c) => c.sha === null)) continue;
    const sub = await buildLevel(git, subBase, subChanges);
    if (sub === null) entries.delete(dir);
    else entries.set(dir, { mode: "040000", type: "tree", sha: sub, name: dir });
  }
  if (entries.size === 0) return null;
  return git.mktree([...entries.values()]);
}

/** A tree from a map of path -> content (null deletes), on top of a base tree. */
export async function treeFromFiles(
  git: Git,
  base: string | null,
  files: Record<string, string | Buffer | null>,
): Promise<string> {
  const changes: TreeChange[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (!isValidPath(path)) throw new Error(`invalid path ${JSON.stringify(path)}`);
    if (content === null) {
      changes.push({ path, mode: "100644", type: "blob", sha: null });
      continue;
    }
    const sha = await git.hashObject("blob", content);
    changes.push({ path, mode: "100644", type: "blob", sha });
  }
  return buildTree(git, base, changes);
}

/** Validate the shas a tree request refers to; 422 like GitHub when one is missing or of the wrong type. */
export async function checkTreeShas(git: Git, changes: TreeChange[]): Promise<void> {
  const shas = changes
    .filter((c) => c.sha !== null && c.type !== "commit")
    .map((c) => c.sha as string);
  const objects = await git.readObjects(shas);
  for (const change of changes) {
    if (change.sha === null || change.type === "commit") continue;
    const obj = objects.get(change.sha);
    if (!obj || obj.type !== change.type) {
      throw validationFailed(
        [
          {
            resource: "Tree",
            field: "sha",
            code: "invalid",
            message: `tree.sha ${change.sha} is not a valid ${change.type}`,
          },
        ],
        `GitRPC::BadObjectState`,
      );
    }
  }
}
