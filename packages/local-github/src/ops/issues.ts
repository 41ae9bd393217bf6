import { actorUser, emit, type OpContext } from "../context.js";
import {
  type CommentRecord,
  type IssueRecord,
  type LabelRecord,
  REACTION_CONTENTS,
  type ReactionContent,
  type ReactionRecord,
  type RepoRecord,
} from "../model.js";
import { checkAssignees, isAssignable } from "../rules/assignees.js";
import {
  comment as commentJson,
  issue as issueJson,
  label as labelJson,
  userByLogin,
} from "../shapes.js";
import { HttpError, nodeId, validationFailed } from "../util.js";
import { type PullWithIssue, pullCommits, pullJson } from "./pull-shape.js";

type Json = Record<string, unknown>;

export function requireIssue(repo: RepoRecord, number: number): IssueRecord {
  const issue = repo.issues.get(number);
  if (!issue) throw new HttpError(404, "Not Found");
  return issue;
}

export function findLabel(repo: RepoRecord, name: string): LabelRecord | undefined {
  return repo.labels.get(name.toLowerCase());
}

/** Create a repo label; 422 `already_exists` like GitHub. */
export function createLabel(
  ctx: OpContext,
  repo: RepoRecord,
  options: { name: string; color?: string; description?: string | null },
): LabelRecord {
  if (!options.name)
    throw validationFailed([{ resource: "Label", code: "missing_field", field: "name" }]);
  if (findLabel(repo, options.name)) {
    throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
  }
  const color = (options.color ?? "ededed").replace(/^#/, "").toLowerCase();
  if (!/^[0-9a-f]{6}$/.test(color)) {
    throw validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
  }
  const id = ctx.world.nextId("label");
  const record: LabelRecord = {
    id,
    nodeId: nodeId("LA", id),
    name: options.name,
    color,
    description: options.description ?? null,
    default: false,
  };
  repo.labels.set(options.name.toLowerCase(), record);
  return record;
}

function ensureLabel(ctx: OpContext, repo: RepoRecord, name: string): LabelRecord {
  return findLabel(repo, name) ?? createLabel(ctx, repo, { name });
}

/** Emit `pull_request.<action>` for PRs and `issues.<action>` for issues. */
export async function emitIssueEvent(
  ctx: OpContext,
  repo: RepoRecord,
  issue: IssueRecord,
  action: string,
  extra: Json = {},
): Promise<void> {
  if (issue.pull) {
    emit(ctx, repo, "pull_request", {
      action,
      number: issue.number,
      pull_request: await pullJson(ctx.world, repo, issue as PullWithIssue, { shape: "webhook" }),
      ...extra,
    });
  } else {
    emit(ctx, repo, "issues", {
      action,
      issue: issueJson(ctx.world, repo, issue, "webhook"),
      ...extra,
    });
  }
}

export function newIssueRecord(
  ctx: OpContext,
  repo: RepoRecord,
  options: { title: string; body?: string | null; user: string },
): IssueRecord {
  const w = ctx.world;
  const id = w.nextId("issue");
  const now = w.now();
  const number = repo.nextNumber++;
  const issue: IssueRecord = {
    number,
    id,
    nodeId: nodeId("I", id),
    title: options.title,
    body: options.body ?? null,
    user: options.user,
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    commentIds: [],
    reactions: [],
    viaApp: ctx.actor.kind === "bot",
    pull: null,
    labelEvents: [],
  };
  repo.issues.set(number, issue);
  return issue;
}

export async function createIssue(
  ctx: OpContext,
  repo: RepoRecord,
  options: { title: string; body?: string | null; labels?: string[]; assignees?: string[] },
): Promise<IssueRecord> {
  const author = actorUser(ctx);
  if (!options.title)
    throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
  const issue = newIssueRecord(ctx, repo, {
    title: options.title,
    body: options.body ?? null,
    user: author.login,
  });
  for (const name of options.labels ?? []) {
    const l = ensureLabel(ctx, repo, name);
    if (!issue.labels.some((n) => n.toLowerCase() === l.name.toLowerCase())) {
      issue.labels.push(l.name);
      recordLabelEvent(ctx, issue, "labeled", l);
    }
  }
  checkAssignees(ctx, repo, options.assignees ?? []);
  for (const login of options.assignees ?? []) {
    const u = ctx.world.user(login);
    if (!issue.assignees.includes(u.login)) issue.assignees.push(u.login);
  }
  await emitIssueEvent(ctx, repo, issue, "opened");
  return issue;
}

/** What the issue events API lists of a label change: who made it, and when. */
function recordLabelEvent(
  ctx: OpContext,
  issue: IssueRecord,
  event: "labeled" | "unlabeled",
  l: LabelRecord,
): void {
  issue.labelEvents.push({
    id: ctx.world.nextId("issue-event"),
    event,
    actor: actorUser(ctx).login,
    label: { name: l.name, color: l.color },
    createdAt: ctx.world.now(),
    viaApp: ctx.actor.kind === "bot",
  });
}

/** Add labels (creating unknown ones, as GitHub does); one `labeled` event per new label. */
export async function addLabels(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  names: string[],
): Promise<IssueRecord> {
  const issue = requireIssue(repo, number);
  ctx.world.requireRole(repo, ctx.actor, "triage");
  for (const name of names) {
    if (!name) throw validationFailed([{ resource: "Label", code: "invalid", field: "name" }]);
    const l = ensureLabel(ctx, repo, name);
    if (issue.labels.some((n) => n.toLowerCase() === l.name.toLowerCase())) continue;
    issue.labels.push(l.name);
    issue.updatedAt = ctx.world.now();
    recordLabelEvent(ctx, issue, "labeled", l);
    await emitIssueEvent(ctx, repo, issue, "labeled", { label: labelJson(ctx.world, repo, l) });
  }
  return issue;
}

export async function removeLabel(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  name: string,
): Promise<IssueRecord> {
  const issue = requireIssue(repo, number);
  ctx.world.requireRole(repo, ctx.actor, "triage");
  const index = issue.labels.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new HttpError(404, "Label does not exist");
  const [removed] = issue.labels.splice(index, 1);
  issue.updatedAt = ctx.world.now();
  const l = findLabel(repo, removed ?? name);
  if (l) {
    recordLabelEvent(ctx, issue, "unlabeled", l);
    await emitIssueEvent(ctx, repo, issue, "unlabeled", { label: labelJson(ctx.world, repo, l) });
  }
  return issue;
}

export async function setLabels(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  names: string[],
): Promise<IssueRecord> {
  const issue = requireIssue(repo, number);
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const existing of [...issue.labels]) {
    if (!wanted.has(existing.toLowerCase())) await removeLabel(ctx, repo, number, existing);
  }
  return addLabels(ctx, repo, number, names);
}

export async function addAssignees(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  logins: string[],
): Promise<IssueRecord> {
  const issue = requireIssue(repo, number);
  ctx.world.requireRole(repo, ctx.actor, "triage");
  for (const login of logins) {
    const u = ctx.world.user(login);
    if (u.type === "Organization" || issue.assignees.includes(u.login)) continue;
    if (!isAssignable(ctx, repo, u.login)) continue;
    if (issue.assignees.length >= 10) break;
    issue.assignees.push(u.login);
    issue.updatedAt = ctx.world.now();
    await emitIssueEvent(ctx, repo, issue, "assigned", {
      assignee: userByLogin(ctx.world, u.login),
    });
  }
  return issue;
}

export async function removeAssignees(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  logins: string[],
): Promise<IssueRecord> {
  const issue = requireIssue(repo, number);
  ctx.world.requireRole(repo, ctx.actor, "triage");
  for (const login of logins) {
    const index = issue.assignees.findIndex((a) => a.toLowerCase() === login.toLowerCase());
    if (index < 0) continue;
    const [removed] = issue.assignees.splice(index, 1);
    issue.updatedAt = ctx.world.now();
    await emitIssueEvent(ctx, repo, issue, "unassigned", {
      assignee: userByLogin(ctx.world, removed ?? login),
    });
  }
  return issue;
}

/** `PATCH /issues/{n}`: title, body, state (+state_reason), labels, assignees. */
export async function updateIssue(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  changes: {
    title?: string;
    body?: string | null;
    state?: "open" | "closed";
    state_reason?: "completed" | "not_planned" | "reopened" | null;
    labels?: string[];
    assignees?: string[];
  },
): Promise<IssueRecord> {
  const issue = requireIssue(repo, number);
  const author = actorUser(ctx);
  const w = ctx.world;
  if (author.login !== issue.user) w.requireRole(repo, ctx.actor, "triage");
  if (changes.assignees) checkAssignees(ctx, repo, changes.assignees);
  const edits: Json = {};
  if (changes.title !== undefined && changes.title !== issue.title) {
    edits.title = { from: issue.title };
    issue.title = changes.title;
  }
  if (changes.body !== undefined && changes.body !== issue.body) {
    edits.body = { from: issue.body ?? "" };
    issue.body = changes.body;
  }
  if (Object.keys(edits).length > 0) {
    issue.updatedAt = w.now();
    await emitIssueEvent(ctx, repo, issue, "edited", { changes: edits });
  }
  if (changes.labels) await setLabels(ctx, repo, number, changes.labels);
  if (changes.assignees) {
    const remove = issue.assignees.filter((a) => !changes.assignees?.includes(a));
    await removeAssignees(ctx, repo, number, remove);
    await addAssignees(ctx, repo, number, changes.assignees);
  }
  if (changes.state && changes.state !== issue.state) {
    if (changes.state === "closed")
      await closeIssue(ctx, repo, issue, changes.state_reason ?? "completed");
    else await reopenIssue(ctx, repo, issue);
  }
  return issue;
}

export async function closeIssue(
  ctx: OpContext,
  repo: RepoRecord,
  issue: IssueRecord,
  reason: "completed" | "not_planned" | "reopened" | null = "completed",
): Promise<void> {
  const w = ctx.world;
  if (issue.pull) {
    issue.pull.frozen = await pullCommits(repo, issue as PullWithIssue);
  }
  issue.state = "closed";
  issue.stateReason = issue.pull ? null : reason;
  issue.closedAt = w.now();
  issue.closedBy = actorUser(ctx).login;
  issue.updatedAt = issue.closedAt;
  await emitIssueEvent(ctx, repo, issue, "closed");
}

export async function reopenIssue(
  ctx: OpContext,
  repo: RepoRecord,
  issue: IssueRecord,
): Promise<void> {
  const w = ctx.world;
  if (issue.pull) {
    if (issue.pull.merged)
      throw validationFailed([
        {
          resource: "PullRequest",
          code: "custom",
          message: "state cannot be changed. The pull request has already been merged.",
        },
      ]);
    const head = await repo.git.readRef(`refs/heads/${issue.pull.headRef}`);
    if (!head)
      throw validationFailed([
        {
          resource: "PullRequest",
          code: "custom",
          message: "state cannot be changed. The head branch was deleted.",
        },
      ]);
    issue.pull.frozen = null;
  }
  issue.state = "open";
  issue.stateReason = issue.pull ? null : "reopened";
  issue.closedAt = null;
  issue.closedBy = null;
  issue.updatedAt = w.now();
  await emitIssueEvent(ctx, repo, issue, "reopened");
}

export async function createComment(
  ctx: OpContext,
  repo: RepoRecord,
  number: number,
  body: string,
): Promise<CommentRecord> {
  const issue = requireIssue(repo, number);
  const author = actorUser(ctx);
  if (typeof body !== "string" || body === "") {
    throw validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  }
  if (issue.locked && ctx.actor.kind === "user") ctx.world.requireRole(repo, ctx.actor, "write");
  const w = ctx.world;
  const id = w.nextId("comment");
  const now = w.now();
  const record: CommentRecord = {
    id,
    nodeId: nodeId("IC", id),
    issueNumber: number,
    body,
    user: author.login,
    viaApp: ctx.actor.kind === "bot",
    createdAt: now,
    updatedAt: now,
    reactions: [],
  };
  repo.comments.set(id, record);
  issue.commentIds.push(id);
  issue.updatedAt = now;
  emit(ctx, repo, "issue_comment", {
    action: "created",
    issue: issueJson(w, repo, issue, "webhook"),
    comment: commentJson(w, repo, record, "webhook"),
  });
  return record;
}

export function requireComment(repo: RepoRecord, id: number): CommentRecord {
  const record = repo.comments.get(id);
  if (!record) throw new HttpError(404, "Not Found");
  return record;
}

export async function updateComment(
  ctx: OpContext,
  repo: RepoRecord,
  id: number,
  body: string,
): Promise<CommentRecord> {
  const record = requireComment(repo, id);
  const author = actorUser(ctx);
  if (typeof body !== "string" || body === "") {
    throw validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  }
  if (author.login !== record.user) ctx.world.requireRole(repo, ctx.actor, "write");
  const from = record.body;
  record.body = body;
  record.updatedAt = ctx.world.now();
  const issue = requireIssue(repo, record.issueNumber);
  if (from !== body) {
    emit(ctx, repo, "issue_comment", {
      action: "edited",
      changes: { body: { from } },
      issue: issueJson(ctx.world, repo, issue, "webhook"),
      comment: commentJson(ctx.world, repo, record, "webhook"),
    });
  }
  return record;
}

export async function deleteComment(ctx: OpContext, repo: RepoRecord, id: number): Promise<void> {
  const record = requireComment(repo, id);
  const author = actorUser(ctx);
  if (author.login !== record.user) ctx.world.requireRole(repo, ctx.actor, "write");
  const issue = requireIssue(repo, record.issueNumber);
  repo.comments.delete(id);
  issue.commentIds = issue.commentIds.filter((c) => c !== id);
  emit(ctx, repo, "issue_comment", {
    action: "deleted",
    issue: issueJson(ctx.world, repo, issue, "webhook"),
    comment: commentJson(ctx.world, repo, record, "webhook"),
  });
}

/** Add a reaction; returns `created: false` (GitHub's 200) when this user already reacted so. */
export function addReaction(
  ctx: OpContext,
  reactions: ReactionRecord[],
  content: string,
): { reaction: ReactionRecord; created: boolean } {
  const author = actorUser(ctx);
  if (!REACTION_CONTENTS.includes(content as ReactionContent)) {
    throw validationFailed([{ resource: "Reaction", code: "invalid", field: "content" }]);
  }
  const existing = reactions.find((r) => r.user === author.login && r.content === content);
  if (existing) return { reaction: existing, created: false };
  const id = ctx.world.nextId("reaction");
  const reaction: ReactionRecord = {
    id,
    nodeId: nodeId("REA", id),
    user: author.login,
    content: content as ReactionContent,
    createdAt: ctx.world.now(),
  };
  reactions.push(reaction);
  return { reaction, created: true };
}
