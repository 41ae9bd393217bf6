import { actorUser, emit, type OpContext } from "../context.js";
import type { ParsedCommit } from "../git.js";
import type { RepoRecord } from "../model.js";
import { identDate, repoHtml } from "../shapes.js";
import { EMPTY_TREE, ZERO_SHA } from "../util.js";
import type { World } from "../world.js";
import { type PullWithIssue, pullCommits, pullJson } from "./pull-shape.js";

export interface RefChange {
  ref: string;
  before: string | null;
  after: string | null;
  forced: boolean;
}

function shortRef(ref: string): { name: string; type: "branch" | "tag" | null } {
  if (ref.startsWith("refs/heads/")) return { name: ref.slice(11), type: "branch" };
  if (ref.startsWith("refs/tags/")) return { name: ref.slice(10), type: "tag" };
  return { name: ref, type: null };
}

/**
 * Everything GitHub does after a ref moves: `create`/`delete` and `push` webhooks, and for
 * branches, `synchronize` (or closing) of the open pull requests that use the branch.
 */
export async function afterRefChange(
  ctx: OpContext,
  repo: RepoRecord,
  change: RefChange,
): Promise<void> {
  const { name, type } = shortRef(change.ref);
  if (type === null) return;
  const w = ctx.world;
  repo.pushedAt = w.now();
  repo.rules.lastRefWriteMs = w.clock().getTime();
  if (change.before === null && change.after !== null) {
    emit(ctx, repo, "create", {
      ref: name,
      ref_type: type,
      master_branch: repo.defaultBranch,
      description: repo.description,
      pusher_type: "user",
    });
  }
  if (change.after === null) {
    emit(ctx, repo, "delete", { ref: name, ref_type: type, pusher_type: "user" });
  }
  if (w.pushEvents) await emitPush(ctx, repo, change);
  if (type === "branch") await updatePullsForBranch(ctx, repo, name, change);
}

async function emitPush(ctx: OpContext, repo: RepoRecord, change: RefChange): Promise<void> {
  const w = ctx.world;
  const git = repo.git;
  const html = repoHtml(w, repo);
  const isTag = change.ref.startsWith("refs/tags/");
  let commitShas: string[] = [];
  if (change.after && !isTag) {
    if (change.before) {
      commitShas = await git.revList([
        "--reverse",
        "--topo-order",
        "--max-count=20",
        change.after,
        `^${change.before}`,
      ]);
    } else {
      // commits new to the repository: on no other branch
      commitShas = await git.revList([
        "--reverse",
        "--topo-order",
        "--max-count=20",
        change.after,
        "--not",
        `--exclude=${change.ref}`,
        "--branches",
      ]);
    }
  }
  const headSha = change.after ? await git.revParse(change.after, "commit") : null;
  const commits = await git.readCommits(headSha ? [...commitShas, headSha] : commitShas);
  const memo = new Map<string, Promise<Record<string, unknown>>>();
  const pushCommit = (c: ParsedCommit) => {
    let json = memo.get(c.sha);
    if (!json) {
      json = pushCommitJson(w, repo, c);
      memo.set(c.sha, json);
    }
    return json;
  };
  const list = [];
  for (const sha of commitShas) {
    const c = commits.get(sha);
    if (c) list.push(await pushCommit(c));
  }
  const head = headSha ? commits.get(headSha) : undefined;
  const short = (sha: string | null) => (sha ?? ZERO_SHA).slice(0, 12);
  const pusher = actorUser(ctx);
  emit(ctx, repo, "push", {
    ref: change.ref,
    before: change.before ?? ZERO_SHA,
    after: change.after ?? ZERO_SHA,
    pusher: { name: pusher.login, email: pusher.email },
    created: change.before === null,
    deleted: change.after === null,
    forced: change.forced,
    base_ref: null,
    compare:
      change.before === null
        ? `${html}/compare/${shortRef(change.ref).name}`
        : `${html}/compare/${short(change.before)}...${short(change.after)}`,
    commits: list,
    head_commit: head ? await pushCommit(head) : null,
  });
}

async function pushCommitJson(
  w: World,
  repo: RepoRecord,
  c: ParsedCommit,
): Promise<Record<string, unknown>> {
  const { added, removed, modified } = await repo.git.nameStatus(c.parents[0] ?? EMPTY_TREE, c.sha);
  const person = (ident: ParsedCommit["author"]) => {
    const u = w.userByEmail(ident.email);
    return u
      ? { name: ident.name, email: ident.email, username: u.login }
      : { name: ident.name, email: ident.email };
  };
  return {
    id: c.sha,
    tree_id: c.tree,
    distinct: true,
    message: c.message,
    timestamp: identDate(c.committer),
    url: `${repoHtml(w, repo)}/commit/${c.sha}`,
    author: person(c.author),
    committer: person(c.committer),
    added,
    removed,
    modified,
  };
}

async function updatePullsForBranch(
  ctx: OpContext,
  repo: RepoRecord,
  branch: string,
  change: RefChange,
) {
  const w = ctx.world;
  for (const issue of repo.issues.values()) {
    const pr = issue.pull;
    if (!pr || issue.state !== "open") continue;
    const withPull = issue as PullWithIssue;
    if (change.after === null && (pr.headRef === branch || pr.baseRef === branch)) {
      // GitHub closes an open PR whose head or base branch is deleted.
      pr.frozen = await pullCommits(repo, withPull).catch(() => ({
        commits: [],
        mergeBase: pr.baseSha,
      }));
      issue.state = "closed";
      issue.closedAt = w.now();
      issue.updatedAt = issue.closedAt;
      emit(ctx, repo, "pull_request", {
        action: "closed",
        number: issue.number,
        pull_request: await pullJson(w, repo, withPull, { shape: "webhook" }),
      });
      continue;
    }
    if (pr.headRef === branch && change.after !== null && change.before !== null) {
      const before = pr.headSha;
      pr.headSha = change.after;
      issue.updatedAt = w.now();
      await repo.git.updateRef(`refs/pull/${issue.number}/head`, change.after, undefined);
      emit(ctx, repo, "pull_request", {
        action: "synchronize",
        number: issue.number,
        before,
        after: change.after,
        pull_request: await pullJson(w, repo, withPull, { shape: "webhook" }),
      });
    }
  }
}
