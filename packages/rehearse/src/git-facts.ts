/**
 * Facts read with git from the local GitHub's repository: the version fields at a commit, a
 * commit's files, and whether a pick's tree is what `git cherry-pick -x` would make.
 */
import type { SandboxRepo } from "@release-bot/local-github";
import type { Config } from "../../../src/config.js";
import { readFields } from "../../../src/core/checks/version-consistency.js";
import { selectVersionFiles } from "../../../src/core/files/targets.js";
import type { CommitChange } from "./report.js";

/** Every managed version field at a commit, keyed `<path>:<field>`, as the configuration selects them. */
export async function versionFieldsAt(
  repo: SandboxRepo,
  config: Config,
  commit: string,
): Promise<Record<string, string>> {
  const { targets } = selectVersionFiles(config, await repo.listFiles(commit));
  const versions: Record<string, string> = {};
  for (const target of targets) {
    const text = (await repo.readFile(commit, target.path)) ?? "";
    for (const field of readFields(config, target, text)) {
      versions[`${field.path}:${field.field}`] = field.value;
    }
  }
  return versions;
}

const PICKED_FROM = /^\(cherry picked from commit ([0-9a-f]{40})\)$/gm;

/** A commit as the report lists it, with the pick comparison when its message names picks. */
export async function describeCommit(
  repo: SandboxRepo,
  sha: string,
  branch: string,
): Promise<CommitChange> {
  const commit = await repo.readCommit(sha);
  if (!commit) throw new Error(`commit ${sha} vanished from the local GitHub`);
  const files = (
    await repo.git(
      "diff-tree",
      "-r",
      "-m",
      "--first-parent",
      "--root",
      "--name-only",
      "--no-commit-id",
      sha,
    )
  )
    .split("\n")
    .filter(Boolean);
  const change: CommitChange = {
    sha,
    branch,
    message: commit.message,
    parents: commit.parents,
    files: [...new Set(files)],
  };
  const of = [...commit.message.matchAll(PICKED_FROM)].map((m) => m[1] as string);
  const parent = commit.parents[0];
  if (of.length > 0 && parent !== undefined) {
    const expected = await cherryPickTree(repo, parent, of);
    change.pick = { of, sameTreeAsGitCherryPick: expected === commit.tree };
  }
  return change;
}

/**
 * The tree `git cherry-pick -x <picks>` makes on `onto`, or null when it conflicts. git 2.39
 * has no `merge-tree --merge-base`, so each pick merges two throwaway commits whose only merge
 * base carries the picked commit's parent tree: cherry-pick's three-way merge exactly.
 */
async function cherryPickTree(
  repo: SandboxRepo,
  onto: string,
  picks: readonly string[],
): Promise<string | null> {
  let tree = await treeOf(repo, onto);
  for (const pick of picks) {
    const base = await treeOf(repo, `${pick}^`);
    const baseCommit = await throwaway(repo, base, []);
    const ours = await throwaway(repo, tree, [baseCommit]);
    const theirs = await throwaway(repo, await treeOf(repo, pick), [baseCommit]);
    try {
      tree = (await repo.git("merge-tree", "--write-tree", ours, theirs)).split("\n", 1)[0] ?? "";
    } catch {
      return null; // a conflict: git cherry-pick would stop too
    }
  }
  return tree;
}

async function treeOf(repo: SandboxRepo, rev: string): Promise<string> {
  return (await repo.git("rev-parse", `${rev}^{tree}`)).trim();
}

async function throwaway(repo: SandboxRepo, tree: string, parents: string[]): Promise<string> {
  const args = ["commit-tree", tree, "-m", "rehearsal", ...parents.flatMap((p) => ["-p", p])];
  const identity = ["-c", "user.name=rehearsal", "-c", "user.email=rehearsal@localhost"];
  return (await repo.git(...identity, ...args)).trim();
}
