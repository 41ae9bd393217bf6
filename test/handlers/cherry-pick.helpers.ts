/**
 * Nock interceptors and a small world for the cherry-pick handler tests. Each interceptor
 * records the JSON bodies GitHub received, for exact assertions.
 */
import type nock from "nock";
import type { CommitInfo, GitPerson } from "../../src/core/pick/plan.js";
import * as api from "../helpers/endpoints.js";
import { REPO_PATH } from "../helpers/github.js";
import { OWNER, pullRequestPayload } from "../helpers/payloads.js";

export type Body = api.Body;
const enc = encodeURIComponent;
export const sha = api.sha;

function recorder(bodies: Body[]) {
  return (body: Body) => {
    bodies.push(body);
    return true;
  };
}

/** The pull request being picked: #7, merged into master. */
export const PR = 7;
export const TITLE = "Fix the webhook panic on empty specs";
export const BODY =
  "Fixes #3.\r\n\r\n```release-note\r\nThe webhook no longer panics on an empty spec.\r\n```\r\n";
export const AUTHOR = "ana";

export const ana: GitPerson = {
  name: "Ana",
  email: "ana@example.com",
  date: "2025-03-01T10:00:00Z",
};
export const bo: GitPerson = { name: "Bo", email: "bo@example.com", date: "2025-03-02T11:00:00Z" };

/** The app, as GitHub names it on commits it makes without an author. */
export const APP = {
  name: "release-bot[bot]",
  email: "123+release-bot[bot]@users.noreply.github.com",
};

/** Release branch heads. */
export const R15 = { sha: sha("5"), tree: sha("6") };
export const R14 = { sha: sha("4"), tree: sha("3") };

export function commit(
  id: string,
  parents: string[],
  message: string,
  author: GitPerson = ana,
): CommitInfo {
  return { sha: sha(id), parents: parents.map((p) => sha(p)), message, author };
}

/** The squash merge commit of #7 on master, and its parent. */
export const SQUASH_PARENT = sha("f0");
export const SQUASH = commit(
  "e5",
  ["f0"],
  `${TITLE} (#7)\n\nSigned-off-by: Ana <ana@example.com>`,
  { ...ana, date: "2025-03-05T09:00:00Z" },
);

function commitData(c: CommitInfo) {
  return {
    sha: c.sha,
    node_id: "x",
    url: "x",
    html_url: "x",
    parents: c.parents.map((p) => ({ sha: p, url: "x" })),
    commit: {
      message: c.message,
      author: c.author,
      committer: { name: "GitHub", email: "noreply@github.com", date: "2025-03-05T09:00:00Z" },
      tree: { sha: sha("f"), url: "x" },
      url: "x",
      comment_count: 0,
    },
  };
}

/** `pull_request.closed` of #7, merged, with labels. */
export function mergedPayload(
  labels: string[],
  options: { mergeCommitSha?: string; commits?: number; title?: string } = {},
) {
  const payload = pullRequestPayload("closed", {
    number: PR,
    merged: true,
    mergeCommitSha: options.mergeCommitSha ?? SQUASH.sha,
    labels,
    title: options.title ?? TITLE,
    body: BODY,
    author: AUTHOR,
    baseRef: "master",
  });
  payload.pull_request.commits = options.commits ?? 1;
  return payload;
}

/** `pull_request.labeled` of #7 with `label` added (merged or open). */
export function labeledPayload(label: string, options: { merged: boolean; labels?: string[] }) {
  const labels = options.labels ?? ["kind/bug", label];
  const payload = pullRequestPayload("labeled", {
    number: PR,
    ...(options.merged ? { merged: true, mergeCommitSha: SQUASH.sha } : {}),
    labels,
    label,
    title: TITLE,
    body: BODY,
    author: AUTHOR,
    baseRef: "master",
  });
  payload.pull_request.commits = 1;
  return payload;
}

/** The status comments of an issue (none by default). */
export function statusComments(
  scope: nock.Scope,
  issue: number,
  comments: Array<{ id: number; body: string }> = [],
): void {
  api.listComments(scope, issue, comments);
}

/** Pull requests from the pick branch into its target. */
export function pickPulls(
  scope: nock.Scope,
  pickBranch: string,
  base: string,
  pulls: Array<{ number: number; state: "open" | "closed"; merged?: boolean; bare?: boolean }> = [],
): void {
  scope
    .get(`${REPO_PATH}/pulls`)
    .query({ state: "all", head: `${OWNER}:${pickBranch}`, base, per_page: "10" })
    .reply(
      200,
      pulls.map((p) => ({
        number: p.number,
        state: p.state,
        merged_at: p.merged ? "2025-03-06T00:00:00Z" : null,
        // A pick pull request as the bot left it: assigned to the original's author.
        labels: [],
        assignees: p.bare ? [] : [{ login: "octocat" }],
      })),
    );
}

/** A pull request by number (for commands). */
export function getPull(
  scope: nock.Scope,
  options: { state: "open" | "closed"; merged: boolean; labels?: string[]; commits?: number },
): void {
  const payload = mergedPayload(options.labels ?? ["kind/bug"], { commits: options.commits ?? 1 });
  const pr = payload.pull_request;
  pr.state = options.state;
  pr.merged = options.merged;
  pr.merged_at = options.merged ? "2025-03-05T09:00:00Z" : null;
  if (!options.merged) pr.merge_commit_sha = sha("9");
  scope.get(`${REPO_PATH}/pulls/${PR}`).reply(200, pr);
}

/** The base branch's history from `from`, `perPage` commits. */
export function history(
  scope: nock.Scope,
  from: string,
  perPage: number,
  commits: CommitInfo[],
): void {
  scope
    .get(`${REPO_PATH}/commits`)
    .query({ sha: from, per_page: String(perPage) })
    .reply(200, commits.map(commitData));
}

export function pullCommits(scope: nock.Scope, commits: CommitInfo[]): void {
  scope
    .get(`${REPO_PATH}/pulls/${PR}/commits`)
    .query({ per_page: "100" })
    .reply(200, commits.map(commitData));
}

/** POST /git/commits answered with `replySha`, as made by the app. */
export function createCommit(scope: nock.Scope, replySha: string, bodies: Body[] = []): Body[] {
  scope.post(`${REPO_PATH}/git/commits`, recorder(bodies)).reply(201, {
    sha: replySha,
    author: { ...APP, date: "2025-03-06T00:00:00Z" },
    committer: { ...APP, date: "2025-03-06T00:00:00Z" },
    tree: { sha: sha("0") },
    parents: [],
  });
  return bodies;
}

export function createRef(
  scope: nock.Scope,
  reply: { status: number; message?: string } = { status: 201 },
  bodies: Body[] = [],
): Body[] {
  scope
    .post(`${REPO_PATH}/git/refs`, recorder(bodies))
    .reply(reply.status, reply.message ? { message: reply.message } : { ref: "x" });
  return bodies;
}

export function moveRef(scope: nock.Scope, branch: string, bodies: Body[] = []): Body[] {
  scope
    .patch(`${REPO_PATH}/git/refs/${enc(`heads/${branch}`)}`, recorder(bodies))
    .reply(200, { ref: `refs/heads/${branch}` });
  return bodies;
}

export function deleteRef(scope: nock.Scope, branch: string): void {
  scope.delete(`${REPO_PATH}/git/refs/${enc(`heads/${branch}`)}`).reply(204);
}

/** POST /merges: a merge commit on `parent` with `tree`, a conflict (409), or nothing to merge (204). */
export function merge(
  scope: nock.Scope,
  reply: { conflict: true } | { upToDate: true } | { parent: string; tree: string; sha?: string },
  bodies: Body[] = [],
): Body[] {
  const interceptor = scope.post(`${REPO_PATH}/merges`, recorder(bodies));
  if ("conflict" in reply) interceptor.reply(409, { message: "Merge conflict" });
  else if ("upToDate" in reply) interceptor.reply(204);
  else {
    interceptor.reply(201, {
      sha: reply.sha ?? sha("e"),
      parents: [{ sha: reply.parent }, { sha: sha("c") }],
      commit: { tree: { sha: reply.tree }, message: "merge" },
    });
  }
  return bodies;
}

/** The pick branch as GET /branches returns it: its head commit's message and date. */
export function getPickBranch(
  scope: nock.Scope,
  branch: string,
  head: { sha: string; message: string; date: string },
): void {
  scope.get(`${REPO_PATH}/branches/${enc(branch)}`).reply(200, {
    name: branch,
    commit: {
      sha: head.sha,
      commit: {
        message: head.message,
        committer: { ...APP, date: head.date },
        tree: { sha: sha("0") },
      },
      parents: [],
    },
  });
}

export function openPull(
  scope: nock.Scope,
  reply: { number: number } | { status: number; message: string },
  bodies: Body[] = [],
): Body[] {
  const interceptor = scope.post(`${REPO_PATH}/pulls`, recorder(bodies));
  if ("number" in reply) {
    interceptor.reply(201, {
      number: reply.number,
      html_url: `https://github.com/x/y/pull/${reply.number}`,
    });
  } else {
    interceptor.reply(reply.status, { message: reply.message });
  }
  return bodies;
}

export function updateIssue(
  scope: nock.Scope,
  number: number,
  status = 200,
  bodies: Body[] = [],
): Body[] {
  scope
    .patch(`${REPO_PATH}/issues/${number}`, recorder(bodies))
    .reply(status, status === 200 ? { number } : { message: "Validation Failed" });
  return bodies;
}

export function addLabels(scope: nock.Scope, number: number, bodies: Body[] = []): Body[] {
  scope.post(`${REPO_PATH}/issues/${number}/labels`, recorder(bodies)).reply(200, []);
  return bodies;
}

export function removeLabel(scope: nock.Scope, number: number, label: string): void {
  scope.delete(`${REPO_PATH}/issues/${number}/labels/${enc(label)}`).reply(200, []);
}

/**
 * The status comment created, then read back once (a delivery that creates the comment looks for
 * a twin another delivery created at the same moment): `twins` are comments already there.
 */
export function createStatus(
  scope: nock.Scope,
  issue: number,
  twins: Array<{ id: number; body: string }> = [],
): Body[] {
  const bodies = api.postComment(scope, issue);
  scope
    .get(`${REPO_PATH}/issues/${issue}/comments`)
    .query(true)
    .reply(200, () =>
      [...twins, { id: 9000, body: String(bodies[0]?.body) }].map((c) => ({
        ...c,
        html_url: `https://github.com/x/y/issues/${issue}#issuecomment-${c.id}`,
      })),
    );
  return bodies;
}

export function deleteComment(scope: nock.Scope, id: number): void {
  scope.delete(`${REPO_PATH}/issues/comments/${id}`).reply(204);
}

export function updateComment(scope: nock.Scope, id: number, bodies: Body[] = []): Body[] {
  scope
    .patch(`${REPO_PATH}/issues/comments/${id}`, recorder(bodies))
    .reply(200, { id, html_url: `https://github.com/x/y/issues/${PR}#issuecomment-${id}` });
  return bodies;
}

export function releaseBranches(scope: nock.Scope, names: string[]): void {
  scope
    .get(`${REPO_PATH}/git/matching-refs/${enc("heads/release-")}`)
    .query({ per_page: "100" })
    .reply(
      200,
      names.map((name) => ({
        ref: `refs/heads/${name}`,
        object: { sha: sha("1"), type: "commit" },
      })),
    );
}

export function pullFiles(scope: nock.Scope, files: string[]): void {
  scope
    .get(`${REPO_PATH}/pulls/${PR}/files`)
    .query({ per_page: "100" })
    .reply(
      200,
      files.map((filename) => ({ filename, status: "modified" })),
    );
}

export function compare(scope: nock.Scope, base: string, head: string, files: string[]): void {
  scope
    .get(`${REPO_PATH}/compare/${base}...${head}`)
    .query({ per_page: "1" })
    .reply(200, {
      files: files.map((filename) => ({ filename, status: "modified" })),
      commits: [],
    });
}

export interface OnePick {
  scaffold: Body[];
  temporary: Body[];
  merge: Body[];
  commit: Body[];
  pickRef: Body[];
}

/** The temporary branches of picks: `release-bot/tmp/<pick branch>/<nonce>`. */
export const TEMPORARY = (pickBranch: string) =>
  new RegExp(`^refs/heads/release-bot/tmp/${pickBranch.replace(/\./g, "\\.")}/[0-9a-f]{8}$`);

/** DELETE of a temporary branch of this pick (its name ends in a nonce). */
/** The temporary branch read after a lost merge answer: at `sha`, with these parents. */
export function temporaryHead(
  scope: nock.Scope,
  pickBranch: string,
  head: { sha: string; parents: string[] },
): void {
  const prefix = `${REPO_PATH}/branches/${enc(`release-bot/tmp/${pickBranch}/`)}`;
  scope
    .get((path) => path.startsWith(prefix))
    .reply(200, {
      commit: {
        sha: head.sha,
        parents: head.parents.map((parent) => ({ sha: parent })),
        commit: { tree: { sha: head.sha } },
      },
    });
}

export function deleteTemporary(scope: nock.Scope, pickBranch: string): void {
  const prefix = `${REPO_PATH}/git/refs/${enc(`heads/release-bot/tmp/${pickBranch}/`)}`;
  scope.delete((path) => path.startsWith(prefix)).reply(204);
}

/**
 * The six engine calls of a one-commit pick: the sibling commit, the temporary branch at it,
 * the merge, the real commit, the pick branch at it, the temporary branch deleted.
 */
export function pickOneCommit(
  scope: nock.Scope,
  options: { pickBranch: string; scaffold: string; mergeTree: string; real: string },
): OnePick {
  const scaffold = createCommit(scope, options.scaffold);
  const temporary = createRef(scope);
  const merged = merge(scope, { parent: options.scaffold, tree: options.mergeTree });
  const real = createCommit(scope, options.real);
  const pickRef = createRef(scope);
  deleteTemporary(scope, options.pickBranch);
  return { scaffold, temporary, merge: merged, commit: real, pickRef };
}

export interface SquashTarget {
  branch: string;
  head: { sha: string; tree: string };
  pickBranch: string;
  /** Status comments of #7 already there (none by default). */
  comments?: Array<{ id: number; body: string }>;
  /** Pull requests from the pick branch (none by default). */
  pulls?: Array<{ number: number; state: "open" | "closed"; merged?: boolean; bare?: boolean }>;
}

/**
 * The reads a pick of the squash-merged #7 onto `branch` starts with: the status comment, then
 * together the branch head, the pick pull requests and the squash commit.
 */
export function squashPickReads(scope: nock.Scope, target: SquashTarget): void {
  statusComments(scope, PR, target.comments);
  getBranch(scope, target.branch, target.head);
  pickPulls(scope, target.pickBranch, target.branch, target.pulls);
  history(scope, SQUASH.sha, 1, [SQUASH]);
}

/**
 * A pick of the squash-merged #7 that finds its pick branch taken: the reads, the engine's work
 * (sibling `sha("a")`, merge tree `sha("b")`, picked commit `sha("c")`), 422 "Reference already
 * exists" for the pick branch, and the temporary branch deleted. What the branch holds
 * (`getPickBranch`) and what follows are the test's.
 */
export function squashPickBranchTaken(scope: nock.Scope, target: SquashTarget): OnePick {
  squashPickReads(scope, target);
  const scaffold = createCommit(scope, sha("a"));
  const temporary = createRef(scope);
  const merged = merge(scope, { parent: sha("a"), tree: sha("b") });
  const real = createCommit(scope, sha("c"));
  const pickRef = createRef(scope, { status: 422, message: "Reference already exists" });
  deleteTemporary(scope, target.pickBranch);
  return { scaffold, temporary, merge: merged, commit: real, pickRef };
}

/**
 * A squash-merged #7 picked onto `branch` at `head`: the reads a pick starts with, then the
 * engine's six calls (sibling commit `sha("a")`, merge tree `sha("b")`, picked commit
 * `sha("c")`). The pull request and the status that follow are the test's.
 */
export function squashPick(scope: nock.Scope, target: SquashTarget): OnePick {
  squashPickReads(scope, target);
  return pickOneCommit(scope, {
    pickBranch: target.pickBranch,
    scaffold: sha("a"),
    mergeTree: sha("b"),
    real: sha("c"),
  });
}

/** Every request the scope intercepted, as `METHOD path`, in order. */
export function recordRequests(scope: nock.Scope): string[] {
  const seen: string[] = [];
  scope.on("request", (req: { method: string; path: string }) => {
    const path = decodeURIComponent(req.path.split("?")[0] ?? "");
    seen.push(
      `${req.method} ${path.startsWith(`${REPO_PATH}/`) ? path.slice(REPO_PATH.length) : path}`,
    );
  });
  return seen;
}

/** A status comment body with the hidden state of these targets. */
export function statusBody(targets: unknown[]): string {
  return `### Cherry-picks\n\n<!-- release-bot:cherry-pick-state ${JSON.stringify({ targets })} -->\n\n<!-- release-bot:cherry-pick-status -->`;
}

/** A branch head (sha and tree), or 404 with null. */
export const getBranch = api.getBranch;
