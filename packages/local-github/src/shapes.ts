/**
 * JSON shapes of GitHub's REST resources and webhook objects, built from the sandbox's records.
 * Field sets follow api.github.com's OpenAPI description (checked by src/conformance/openapi.ts)
 * and, for webhook objects, @octokit/webhooks-schemas (which forbids extra properties).
 */
import type { DiffFile, GitIdent, ParsedCommit, ParsedTag } from "./git.js";
import type {
  CommentRecord,
  IssueRecord,
  LabelEventRecord,
  LabelRecord,
  ReactionRecord,
  ReleaseRecord,
  RepoRecord,
  UserRecord,
} from "./model.js";
import { REACTION_CONTENTS } from "./model.js";
import { issueMilestone } from "./ops/milestones.js";
import { verificationOf } from "./rules/signatures.js";
import { releaseAsset, uploadUrl } from "./shapes-releases.js";
import { isoSeconds, nodeId, refNodeId } from "./util.js";
import type { World } from "./world.js";

type Json = Record<string, unknown>;

const enc = (segment: string): string => encodeURIComponent(segment);
/** Encode a ref/path but keep its slashes, as GitHub's URLs do. */
const encPath = (path: string): string => path.split("/").map(enc).join("/");

export const repoApi = (w: World, repo: RepoRecord): string => `${w.apiUrl}/repos/${repo.fullName}`;
export const repoHtml = (w: World, repo: RepoRecord): string => `${w.htmlUrl}/${repo.fullName}`;

export function identDate(ident: GitIdent): string {
  return isoSeconds(new Date(ident.time * 1000));
}

export function user(w: World, u: UserRecord): Json {
  const api = `${w.apiUrl}/users/${enc(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url:
      u.type === "Bot"
        ? `${w.htmlUrl}/apps/${u.login.replace(/\[bot\]$/, "")}`
        : `${w.htmlUrl}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    site_admin: false,
  };
}

export function userByLogin(w: World, login: string | null): Json | null {
  if (!login) return null;
  return user(w, w.user(login));
}

export function organization(w: World, u: UserRecord): Json {
  const api = `${w.apiUrl}/orgs/${enc(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    description: null,
  };
}

export type RepoShape = "full" | "webhook";

/** A repository: "webhook" is the field set webhook payloads (and PR head/base repos) carry. */
export function repository(w: World, repo: RepoRecord, shape: RepoShape = "webhook"): Json {
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const host = new URL(w.htmlUrl).host;
  const openIssues = [...repo.issues.values()].filter((i) => i.state === "open").length;
  const base: Json = {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: user(w, repo.owner),
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
    custom_properties: {},
  };
  if (shape === "webhook") return base;
  return {
    ...base,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    temp_clone_token: "",
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: repo.allowAutoMerge === true,
    delete_branch_on_merge: repo.deleteBranchOnMerge,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_message: "COMMIT_MESSAGES",
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    merge_commit_message: "PR_TITLE",
    merge_commit_title: "MERGE_MESSAGE",
    ...(repo.owner.type === "Organization" ? { organization: user(w, repo.owner) } : {}),
    network_count: 0,
    subscribers_count: 0,
  };
}

export function label(w: World, repo: RepoRecord, l: LabelRecord): Json {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${repoApi(w, repo)}/labels/${enc(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

export function labelsOf(w: World, repo: RepoRecord, names: string[]): Json[] {
  return names
    .map((n) => repo.labels.get(n.toLowerCase()))
    .filter((l): l is LabelRecord => l !== undefined)
    .map((l) => label(w, repo, l));
}

export function reactionRollup(url: string, reactions: ReactionRecord[]): Json {
  const rollup: Json = { url, total_count: reactions.length };
  for (const content of REACTION_CONTENTS) {
    rollup[content] = reactions.filter((r) => r.content === content).length;
  }
  return rollup;
}

export function reaction(w: World, r: ReactionRecord): Json {
  return {
    id: r.id,
    node_id: r.nodeId,
    user: userByLogin(w, r.user),
    content: r.content,
    created_at: r.createdAt,
  };
}

export function app(w: World, shape: "rest" | "webhook" = "rest"): Json {
  const botOwner = w.user(`${w.app.slug}-owner`, { type: "Organization" });
  const result: Json = {
    id: w.app.id,
    slug: w.app.slug,
    node_id: nodeId("A", w.app.id),
    client_id: w.app.clientId,
    owner: user(w, botOwner),
    name: w.app.name,
    description: "release-bot sandbox app",
    external_url: "https://example.invalid/release-bot",
    html_url: `${w.htmlUrl}/apps/${w.app.slug}`,
    created_at: w.app.createdAt,
    updated_at: w.app.createdAt,
    permissions: {
      contents: "write",
      issues: "write",
      metadata: "read",
      pull_requests: "write",
    },
    events: ["create", "delete", "issue_comment", "issues", "pull_request", "push", "release"],
  };
  if (shape === "rest") result.installations_count = 1;
  else delete result.client_id;
  return result;
}

export function issueHtml(w: World, repo: RepoRecord, issue: IssueRecord): string {
  return `${repoHtml(w, repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
}

export function authorAssociation(w: World, repo: RepoRecord, login: string): string {
  const u = w.user(login);
  if (u.type === "Bot") return "NONE";
  if (u.login.toLowerCase() === repo.owner.login.toLowerCase()) return "OWNER";
  const role = w.roleOf(repo, u);
  if (role === "admin" || role === "maintain" || role === "write" || role === "triage") {
    return repo.owner.type === "Organization" ? "MEMBER" : "COLLABORATOR";
  }
  return "NONE";
}

export function issue(
  w: World,
  repo: RepoRecord,
  i: IssueRecord,
  shape: "rest" | "webhook" = "rest",
): Json {
  const api = `${repoApi(w, repo)}/issues/${i.number}`;
  const result: Json = {
    url: api,
    repository_url: repoApi(w, repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: issueHtml(w, repo, i),
    id: i.id,
    node_id: i.nodeId,
    number: i.number,
    title: i.title,
    user: userByLogin(w, i.user),
    labels: labelsOf(w, repo, i.labels),
    state: i.state,
    locked: i.locked,
    assignee: userByLogin(w, i.assignees[0] ?? null),
    assignees: i.assignees.map((a) => userByLogin(w, a)),
    milestone: issueMilestone(w, repo, i),
    comments: i.commentIds.length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: authorAssociation(w, repo, i.user),
    active_lock_reason: null,
    body: i.body,
    reactions: reactionRollup(`${api}/reactions`, i.reactions),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: i.viaApp ? app(w, shape) : null,
    state_reason: i.stateReason,
  };
  if (i.pull) {
    result.draft = i.pull.draft;
    result.pull_request = {
      url: `${repoApi(w, repo)}/pulls/${i.number}`,
      html_url: `${repoHtml(w, repo)}/pull/${i.number}`,
      diff_url: `${repoHtml(w, repo)}/pull/${i.number}.diff`,
      patch_url: `${repoHtml(w, repo)}/pull/${i.number}.patch`,
      merged_at: i.pull.mergedAt,
    };
  }
  if (shape === "rest") result.closed_by = userByLogin(w, i.closedBy);
  return result;
}

export function comment(
  w: World,
  repo: RepoRecord,
  c: CommentRecord,
  shape: "rest" | "webhook" = "rest",
): Json {
  const issueRecord = repo.issues.get(c.issueNumber);
  const api = `${repoApi(w, repo)}/issues/comments/${c.id}`;
  return {
    url: api,
    html_url: `${issueRecord ? issueHtml(w, repo, issueRecord) : repoHtml(w, repo)}#issuecomment-${c.id}`,
    issue_url: `${repoApi(w, repo)}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: c.nodeId,
    user: userByLogin(w, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(w, repo, c.user),
    body: c.body,
    reactions: reactionRollup(`${api}/reactions`, c.reactions),
    performed_via_github_app: c.viaApp ? app(w, shape) : null,
  };
}

export const UNSIGNED = {
  verified: false,
  reason: "unsigned",
  signature: null,
  payload: null,
  verified_at: null,
};

export function gitPerson(ident: GitIdent): Json {
  return { name: ident.name, email: ident.email, date: identDate(ident) };
}

/** `GET/POST /repos/{o}/{r}/git/commits` */
export function gitCommit(w: World, repo: RepoRecord, c: ParsedCommit): Json {
  const api = repoApi(w, repo);
  return {
    sha: c.sha,
    node_id: nodeId("C", parseInt(c.sha.slice(0, 8), 16)),
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${repoHtml(w, repo)}/commit/${c.sha}`,
    author: gitPerson(c.author),
    committer: gitPerson(c.committer),
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${repoHtml(w, repo)}/commit/${p}`,
    })),
    verification: verificationOf(repo, c.sha, identDate(c.committer)),
  };
}

export function gitTag(w: World, repo: RepoRecord, t: ParsedTag): Json {
  const api = repoApi(w, repo);
  const typePath =
    t.objectType === "commit" ? "commits" : t.objectType === "tag" ? "tags" : `${t.objectType}s`;
  return {
    node_id: nodeId("TAG", parseInt(t.sha.slice(0, 8), 16)),
    tag: t.tag,
    sha: t.sha,
    url: `${api}/git/tags/${t.sha}`,
    message: t.message,
    tagger: t.tagger ? gitPerson(t.tagger) : { name: "", email: "", date: isoSeconds(new Date(0)) },
    object: { type: t.objectType, sha: t.object, url: `${api}/git/${typePath}/${t.object}` },
    verification: UNSIGNED,
  };
}

export function gitRef(w: World, repo: RepoRecord, ref: string, sha: string, type: string): Json {
  const api = repoApi(w, repo);
  const typePath = type === "commit" ? "commits" : type === "tag" ? "tags" : `${type}s`;
  return {
    ref,
    node_id: refNodeId(repo, ref),
    url: `${api}/git/${encPath(ref)}`,
    object: { sha, type, url: `${api}/git/${typePath}/${sha}` },
  };
}

function gitHubUserForIdent(w: World, ident: GitIdent): Json | null {
  const u = w.userByEmail(ident.email);
  return u ? user(w, u) : null;
}

/** The commit object of `GET /repos/{o}/{r}/commits/{ref}` (files/stats added when given). */
export function restCommit(
  w: World,
  repo: RepoRecord,
  c: ParsedCommit,
  files?: DiffFile[],
  ref?: string,
): Json {
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const result: Json = {
    sha: c.sha,
    node_id: nodeId("C", parseInt(c.sha.slice(0, 8), 16)),
    commit: {
      author: gitPerson(c.author),
      committer: gitPerson(c.committer),
      message: c.message,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      url: `${api}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: verificationOf(repo, c.sha, identDate(c.committer)),
    },
    url: `${api}/commits/${c.sha}`,
    html_url: `${html}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    author: gitHubUserForIdent(w, c.author),
    committer: gitHubUserForIdent(w, c.committer),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/commits/${p}`,
      html_url: `${html}/commit/${p}`,
    })),
  };
  if (files) {
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    result.stats = { total: additions + deletions, additions, deletions };
    result.files = files.map((f) => diffEntry(w, repo, f, ref ?? c.sha));
  }
  return result;
}

export function diffEntry(w: World, repo: RepoRecord, f: DiffFile, ref: string): Json {
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const entry: Json = {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${html}/blob/${ref}/${encPath(f.filename)}`,
    raw_url: `${html}/raw/${ref}/${encPath(f.filename)}`,
    contents_url: `${api}/contents/${encPath(f.filename)}?ref=${ref}`,
  };
  if (f.patch !== undefined) entry.patch = f.patch;
  if (f.previousFilename !== undefined) entry.previous_filename = f.previousFilename;
  return entry;
}

export function release(
  w: World,
  repo: RepoRecord,
  r: ReleaseRecord,
  shape: "rest" | "webhook" = "rest",
): Json {
  const api = `${repoApi(w, repo)}/releases/${r.id}`;
  const html = repoHtml(w, repo);
  const tagPath = encPath(r.tagName);
  const result: Json = {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: uploadUrl(w, repo, r),
    html_url: r.draft ? `${html}/releases/tag/untagged-${r.id}` : `${html}/releases/tag/${tagPath}`,
    id: r.id,
    author: userByLogin(w, r.author),
    node_id: r.nodeId,
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: shape === "webhook" ? (r.name ?? "") : r.name,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    assets: r.assets.map((asset) => releaseAsset(w, repo, r, asset, shape)),
    tarball_url: r.draft ? null : `${repoApi(w, repo)}/tarball/${tagPath}`,
    zipball_url: r.draft ? null : `${repoApi(w, repo)}/zipball/${tagPath}`,
    body: shape === "webhook" ? (r.body ?? "") : r.body,
  };
  if (shape === "rest") {
    result.mentions_count = 0;
    result.immutable = r.immutable;
    result.updated_at = r.updatedAt;
  }
  return result;
}

/**
 * A `labeled` or `unlabeled` issue event as the issue events API lists it ("List issue events",
 * https://docs.github.com/en/rest/issues/events#list-issue-events): the actor, the label's name
 * and colour, and the App when its token did it.
 */
export function labelEvent(w: World, repo: RepoRecord, e: LabelEventRecord): Json {
  return {
    id: e.id,
    node_id: nodeId(e.event === "labeled" ? "LE" : "UNLE", e.id),
    url: `${repoApi(w, repo)}/issues/events/${e.id}`,
    actor: user(w, w.user(e.actor)),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: e.createdAt,
    label: { name: e.label.name, color: e.label.color },
    performed_via_github_app: e.viaApp ? app(w) : null,
  };
}
