import { actorUser, type OpContext } from "../context.js";
import type { GitIdent, ParsedCommit } from "../git.js";
import type { IssueRecord, RepoRecord } from "../model.js";
import { checkMaintainerEdits } from "../rules/maintainer-edits.js";
import { withinReadAfterWriteLag } from "../rules/read-after-write.js";
import { markSigned } from "../rules/signatures.js";
import { HttpError, nodeId, validationFailed } from "../util.js";
import type { World } from "../world.js";
import { closeIssue, emitIssueEvent, newIssueRecord, reopenIssue } from "./issues.js";
import { currentBaseSha, currentHeadSha, type PullWithIssue, pullCommits } from "./pull-shape.js";
import { advanceBranch, deleteRef } from "./refs.js";

export type MergeMethod = "merge" | "squash" | "rebase";

export function requirePull(repo: RepoRecord, number: number): PullWithIssue {
  const issue = repo.issues.get(number);
  if (!issue?.pull) throw new HttpError(404, "Not Found");
  return issue as PullWithIssue;
}

/** Parse `head` as GitHub does: `branch` or `owner:branch` (only same-repo heads are served). */
function parseHead(repo: RepoRecord, head: string): string | null {
  const colon = head.indexOf(":");
  if (colon < 0) return head;
  const owner = head.slice(0, colon);
  if (owner.toLowerCase() !== repo.owner.login.toLowerCase()) return null;
  return head.slice(colon + 1);
}

export async function createPull(
  ctx: OpContext,
  repo: RepoRecord,
  options: {
    title?: string;
    body?: string | null;
    head: string;
    base: string;
    draft?: boolean;
    maintainer_can_modify?: boolean;
  },
): Promise<PullWithIssue> {
  const author = actorUser(ctx);
  const git = repo.git;
  const w = ctx.world;
  if (!options.title)
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "title" }]);
  if (!options.head)
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "head" }]);
  if (!options.base)
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "base" }]);
  const headRef = parseHead(repo, options.head);
  const headSha = headRef ? await git.readRef(`refs/heads/${headRef}`) : null;
  const baseSha = await git.readRef(`refs/heads/${options.base}`);
  const invalid = [];
  if (!baseSha) invalid.push({ resource: "PullRequest", field: "base", code: "invalid" });
  if (!headSha || !headRef)
    invalid.push({ resource: "PullRequest", field: "head", code: "invalid" });
  if (invalid.length > 0 || !headRef || !headSha || !baseSha) throw validationFailed(invalid);
  refuseDuplicate(repo, headRef, options.base);
  checkMaintainerEdits(repo, options.maintainer_can_modify, ctx.actor.script === true);
  if (
    (await git.isAncestor(headSha, baseSha)) ||
    (!ctx.actor.script && withinReadAfterWriteLag(repo, ctx.world.clock().getTime()))
  ) {
    throw validationFailed([
      {
        resource: "PullRequest",
        code: "custom",
        message: `No commits between ${options.base} and ${headRef}`,
      },
    ]);
  }
  // Again after the last await, so two requests at once cannot both open one.
  refuseDuplicate(repo, headRef, options.base);
  const issue = newIssueRecord(ctx, repo, {
    title: options.title,
    body: options.body ?? null,
    user: author.login,
  });
  const id = w.nextId("pull");
  issue.pull = {
    id,
    nodeId: nodeId("PR", id),
    headRef,
    baseRef: options.base,
    headSha,
    baseSha,
    draft: options.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    maintainerCanModify: false,
    frozen: null,
  };
  await git.updateRef(`refs/pull/${issue.number}/head`, headSha, undefined);
  await emitIssueEvent(ctx, repo, issue, "opened");
  return issue as PullWithIssue;
}

/** 422 when an open pull request from `head` into `base` exists. */
function refuseDuplicate(repo: RepoRecord, head: string, base: string): void {
  for (const other of repo.issues.values()) {
    const pull = other.pull;
    if (pull && other.state === "open" && pull.headRef === head && pull.baseRef === base) {
      throw validationFailed([
        {
          resource: "PullRequest",
          code: "custom",
          message: `A pull request already exists for ${repo.owner.login}:${head}.`,
        },
      ]);
    }
  }
}

export async function updatePull(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  changes: { title?: string; body?: string | null; state?: "open" | "closed"; base?: string },
): Promise<PullWithIssue> {
  const issue = requirePull(repo, number);
  const author = actorUser(ctx);
  const w = ctx.world;
  if (author.login !== issue.user) w.requireRole(repo, ctx.actor, "write");
  const edits: Record<string, unknown> = {};
  if (changes.title !== undefined && changes.title !== issue.title) {
    edits.title = { from: issue.title };
    issue.title = changes.title;
  }
  if (changes.body !== undefined && changes.body !== issue.body) {
    edits.body = { from: issue.body ?? "" };
    issue.body = changes.body;
  }
  if (changes.base !== undefined && changes.base !== issue.pull.baseRef) {
    if (issue.state !== "open") {
      throw validationFailed([
        {
          resource: "PullRequest",
          code: "custom",
          message: "Cannot change the base branch of a closed pull request.",
        },
      ]);
    }
    const sha = await repo.git.readRef(`refs/heads/${changes.base}`);
    if (!sha) throw validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
    edits.base = { ref: { from: issue.pull.baseRef }, sha: { from: issue.pull.baseSha } };
    issue.pull.baseRef = changes.base;
    issue.pull.baseSha = sha;
  }
  if (Object.keys(edits).length > 0) {
    issue.updatedAt = w.now();
    await emitIssueEvent(ctx, repo, issue, "edited", { changes: edits });
  }
  if (changes.state && changes.state !== issue.state) {
    if (changes.state === "closed") await closeIssue(ctx, repo, issue);
    else await reopenIssue(ctx, repo, issue);
  }
  return issue;
}

const testMerges = new WeakMap<
  IssueRecord,
  { key: string; mergeable: boolean; sha: string | null }
>();

/**
 * Mergeability of an open PR, computed like GitHub's test merge: a real merge of head into base,
 * written as `refs/pull/N/merge`; its sha is the open PR's `merge_commit_sha`.
 */
export async function testMerge(
  w: World,
  repo: RepoRecord,
  issue: PullWithIssue,
): Promise<boolean | null> {
  if (issue.state !== "open") return null;
  const head = await currentHeadSha(repo, issue);
  const base = await currentBaseSha(repo, issue);
  const key = `${base}:${head}`;
  const cached = testMerges.get(issue);
  if (cached?.key === key) {
    issue.pull.mergeCommitSha = cached.sha;
    return cached.mergeable;
  }
  const merged = await repo.git.mergeTree(base, head);
  let sha: string | null = null;
  if (merged.clean && merged.tree) {
    const ident = w.webFlowIdent();
    sha = await repo.git.commitTree({
      tree: merged.tree,
      parents: [base, head],
      message: `Merge ${head} into ${base}`,
      author: ident,
      committer: ident,
    });
    await repo.git.updateRef(`refs/pull/${issue.number}/merge`, sha, undefined);
  }
  testMerges.set(issue, { key, mergeable: merged.clean, sha });
  issue.pull.mergeCommitSha = sha;
  return merged.clean;
}

export interface MergePullResult {
  sha: string;
  merged: true;
  message: string;
}

/**
 * `PUT /pulls/{n}/merge`, all three methods as GitHub does them:
 * - merge: a merge commit (parents: base head, PR head), author = merger, committer = GitHub;
 * - squash: one commit on the base head with the PR's combined change, "<title> (#n)",
 *   Co-authored-by trailers for the other commit authors;
 * - rebase: every PR commit replayed onto base, keeping its author and message, committer
 *   GitHub; merge_commit_sha is the last replayed commit.
 */
export async function mergePull(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  options: {
    merge_method?: MergeMethod;
    commit_title?: string;
    commit_message?: string;
    sha?: string;
  },
): Promise<MergePullResult> {
  const issue = requirePull(repo, number);
  const w = ctx.world;
  w.requireRole(repo, ctx.actor, "write");
  const merger = actorUser(ctx);
  const method = options.merge_method ?? "merge";
  if (!["merge", "squash", "rebase"].includes(method)) {
    throw validationFailed([{ resource: "PullRequest", field: "merge_method", code: "invalid" }]);
  }
  if (issue.pull.merged || issue.state !== "open")
    throw new HttpError(405, "Pull Request is not mergeable");
  // https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/proposing-changes-to-your-work-with-pull-requests/about-pull-requests#draft-pull-requests
  if (issue.pull.draft) throw new HttpError(405, "Pull Request is still a draft");
  const git = repo.git;
  for (let attempt = 0; attempt < 10; attempt++) {
    const headSha = await git.readRef(`refs/heads/${issue.pull.headRef}`);
    const baseSha = await git.readRef(`refs/heads/${issue.pull.baseRef}`);
    if (!headSha || !baseSha) throw new HttpError(405, "Pull Request is not mergeable");
    if (options.sha && options.sha !== headSha) {
      throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
    }
    issue.pull.headSha = headSha;
    const { commits, mergeBase } = await pullCommits(repo, issue);
    const now = w.clock();
    let newSha: string;
    if (method === "rebase") {
      newSha = await rebaseCommits(w, repo, baseSha, commits, now);
      if (newSha === baseSha) throw new HttpError(405, "Pull Request is not mergeable");
    } else {
      const merged = await git.mergeTree(baseSha, headSha);
      if (!merged.clean || !merged.tree) throw new HttpError(405, "Pull Request is not mergeable");
      if (method === "merge") {
        const title =
          options.commit_title ??
          `Merge pull request #${number} from ${repo.owner.login}/${issue.pull.headRef}`;
        const body = options.commit_message ?? issue.title;
        newSha = await git.commitTree({
          tree: merged.tree,
          parents: [baseSha, headSha],
          message: body ? `${title}\n\n${body}` : title,
          author: w.ident(merger, now),
          committer: w.webFlowIdent(now),
        });
      } else {
        const parsed = await git.readCommits(commits);
        const title = options.commit_title ?? `${issue.title} (#${number})`;
        const body = options.commit_message ?? squashBody([...parsed.values()], merger.email);
        newSha = await git.commitTree({
          tree: merged.tree,
          parents: [baseSha],
          message: body ? `${title}\n\n${body}` : title,
          author: w.ident(merger, now),
          committer: w.webFlowIdent(now),
        });
      }
    }
    if (!(await advanceBranch(ctx, repo, issue.pull.baseRef, baseSha, newSha))) continue;
    for (const made of await git.revList([newSha, `^${baseSha}`])) {
      if (!commits.includes(made)) markSigned(repo, made);
    }
    const mergedAt = w.now();
    issue.pull.frozen = { commits, mergeBase: mergeBase ?? baseSha };
    issue.pull.merged = true;
    issue.pull.mergedAt = mergedAt;
    issue.pull.mergedBy = merger.login;
    issue.pull.mergeCommitSha = newSha;
    issue.pull.baseSha = baseSha;
    issue.state = "closed";
    issue.closedAt = mergedAt;
    issue.closedBy = merger.login;
    issue.updatedAt = mergedAt;
    await emitIssueEvent(ctx, repo, issue, "closed");
    if (repo.deleteBranchOnMerge) {
      await deleteRef(ctx, repo, `refs/heads/${issue.pull.headRef}`).catch(() => undefined);
    }
    return { sha: newSha, merged: true, message: "Pull Request successfully merged" };
  }
  throw new HttpError(409, "Base branch was modified. Review and try the merge again.");
}

function squashBody(commits: ParsedCommit[], mergerEmail: string): string {
  const messages = commits.map((c) => `* ${c.message}`);
  const coAuthors: string[] = [];
  for (const c of commits) {
    const line = `Co-authored-by: ${c.author.name} <${c.author.email}>`;
    if (c.author.email.toLowerCase() !== mergerEmail.toLowerCase() && !coAuthors.includes(line)) {
      coAuthors.push(line);
    }
  }
  const body = messages.join("\n\n");
  return coAuthors.length > 0 ? `${body}\n\n---------\n\n${coAuthors.join("\n")}` : body;
}

/** Replay commits onto `onto` (cherry-pick each: three-way merge with its parent as base). */
async function rebaseCommits(
  w: World,
  repo: RepoRecord,
  onto: string,
  commits: string[],
  now: Date,
): Promise<string> {
  const git = repo.git;
  const parsed = await git.readCommits(commits);
  let current = onto;
  let currentTree = (await git.readCommit(onto))?.tree;
  if (!currentTree) throw new HttpError(405, "This branch can't be rebased");
  const committer: GitIdent = w.webFlowIdent(now);
  for (const sha of commits) {
    const c = parsed.get(sha);
    if (c?.parents.length !== 1) throw new HttpError(405, "This branch can't be rebased");
    const parent = await git.readCommit(c.parents[0] as string);
    if (!parent) throw new HttpError(405, "This branch can't be rebased");
    const merged = await git.mergeTreesWithBase(parent.tree, currentTree, c.tree);
    if (!merged.clean || !merged.tree) throw new HttpError(405, "This branch can't be rebased");
    // GitHub's rebase drops a commit whose change is already on the base.
    if (repo.rules.rebaseDropsEmpty && merged.tree === currentTree) continue;
    current = await git.commitTree({
      tree: merged.tree,
      parents: [current],
      message: c.message,
      author: c.author,
      committer,
    });
    currentTree = merged.tree;
  }
  return current;
}
