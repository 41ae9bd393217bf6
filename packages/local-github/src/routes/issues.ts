import type { ReactionRecord } from "../model.js";
import {
  addAssignees,
  addLabels,
  addReaction,
  createComment,
  createIssue,
  createLabel,
  deleteComment,
  findLabel,
  removeAssignees,
  removeLabel,
  requireComment,
  requireIssue,
  setLabels,
  updateComment,
  updateIssue,
} from "../ops/issues.js";
import { intParam, paginate, type RequestContext, type RouteTable, route } from "../router.js";
import { comment, issue as issueJson, label, labelEvent, labelsOf, reaction } from "../shapes.js";
import { HttpError, validationFailed } from "../util.js";
import { applyMilestone } from "./milestones.js";

/** `{labels: [...]}`, a bare array, or `[{name}]`. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : (body as { labels?: unknown })?.labels;
  if (!Array.isArray(list))
    throw validationFailed([{ resource: "Label", code: "invalid", field: "labels" }]);
  return list.map((l) =>
    typeof l === "string" ? l : String((l as { name?: unknown })?.name ?? ""),
  );
}

function stringList(body: Record<string, unknown>, field: string): string[] {
  const value = body[field];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string");
}

function reactionResult(c: RequestContext, reactions: ReactionRecord[]) {
  const content = c.body.content;
  if (typeof content !== "string")
    throw new HttpError(422, `Invalid request.\n\n"content" wasn't supplied.`);
  const { reaction: r, created } = addReaction(c.op, reactions, content);
  return { status: created ? 201 : 200, body: reaction(c.world, r) };
}

const R = "/repos/{owner}/{repo}";

function listRepositoryIssues(c: RequestContext) {
  const repo = c.repo();
  const state = c.query.get("state") ?? "open";
  const wantLabels = (c.query.get("labels") ?? "")
    .split(",")
    .filter(Boolean)
    .map((l) => l.toLowerCase());
  let issues = [...repo.issues.values()];
  if (state !== "all") issues = issues.filter((i) => i.state === state);
  if (wantLabels.length > 0) {
    issues = issues.filter((i) =>
      wantLabels.every((l) => i.labels.some((n) => n.toLowerCase() === l)),
    );
  }
  issues.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number);
  if (c.query.get("direction") === "asc") issues.reverse();
  return paginate(c, issues, (i) => issueJson(c.world, repo, i));
}

async function createAnIssue(c: RequestContext) {
  const repo = c.repo();
  const b = c.body;
  const created = await createIssue(c.op, repo, {
    title: typeof b.title === "string" ? b.title : "",
    body: typeof b.body === "string" ? b.body : null,
    labels: labelNames({ labels: b.labels ?? [] }),
    assignees: [
      ...stringList(b, "assignees"),
      ...(typeof b.assignee === "string" ? [b.assignee] : []),
    ],
  });
  const body = issueJson(c.world, repo, created);
  return { status: 201, body, headers: { location: String(body.url) } };
}

function getAnIssueComment(c: RequestContext) {
  const repo = c.repo();
  return {
    status: 200,
    body: comment(c.world, repo, requireComment(repo, intParam(c.params.id))),
  };
}

async function updateAnIssueComment(c: RequestContext) {
  const repo = c.repo();
  const record = await updateComment(c.op, repo, intParam(c.params.id), c.body.body as string);
  return { status: 200, body: comment(c.world, repo, record) };
}

async function deleteAnIssueComment(c: RequestContext) {
  await deleteComment(c.op, c.repo(), intParam(c.params.id));
  return { status: 204 };
}

function listReactionsForAnIssueComment(c: RequestContext) {
  const repo = c.repo();
  const record = requireComment(repo, intParam(c.params.id));
  const content = c.query.get("content");
  const list = content ? record.reactions.filter((r) => r.content === content) : record.reactions;
  return paginate(c, list, (r) => reaction(c.world, r));
}

function createReactionForAnIssueComment(c: RequestContext) {
  return reactionResult(c, requireComment(c.repo(), intParam(c.params.id)).reactions);
}

function getAnIssue(c: RequestContext) {
  const repo = c.repo();
  return {
    status: 200,
    body: issueJson(c.world, repo, requireIssue(repo, intParam(c.params.number))),
  };
}

async function updateAnIssue(c: RequestContext) {
  const repo = c.repo();
  const b = c.body;
  const changes: Parameters<typeof updateIssue>[3] = {};
  if (typeof b.title === "string") changes.title = b.title;
  if (typeof b.body === "string" || b.body === null) changes.body = b.body as string | null;
  if (b.state === "open" || b.state === "closed") changes.state = b.state;
  if (typeof b.state_reason === "string") changes.state_reason = b.state_reason as "completed";
  if (Array.isArray(b.labels)) changes.labels = labelNames({ labels: b.labels });
  if (Array.isArray(b.assignees)) changes.assignees = stringList(b, "assignees");
  applyMilestone(c);
  const updated = await updateIssue(c.op, repo, intParam(c.params.number), changes);
  return { status: 200, body: issueJson(c.world, repo, updated) };
}

function listIssueComments(c: RequestContext) {
  const repo = c.repo();
  const issue = requireIssue(repo, intParam(c.params.number));
  const since = c.query.get("since");
  let list = issue.commentIds.map((id) => requireComment(repo, id));
  if (since) list = list.filter((cm) => cm.updatedAt >= since);
  return paginate(c, list, (cm) => comment(c.world, repo, cm));
}

async function createAnIssueComment(c: RequestContext) {
  const repo = c.repo();
  const record = await createComment(c.op, repo, intParam(c.params.number), c.body.body as string);
  const body = comment(c.world, repo, record);
  return { status: 201, body, headers: { location: String(body.url) } };
}

function listIssueEvents(c: RequestContext) {
  const repo = c.repo();
  const issue = requireIssue(repo, intParam(c.params.number));
  return paginate(c, issue.labelEvents, (e) => labelEvent(c.world, repo, e));
}

function listLabelsForAnIssue(c: RequestContext) {
  const repo = c.repo();
  const issue = requireIssue(repo, intParam(c.params.number));
  return paginate(c, labelsOf(c.world, repo, issue.labels));
}

async function addLabelsToAnIssue(c: RequestContext) {
  const repo = c.repo();
  const updated = await addLabels(c.op, repo, intParam(c.params.number), labelNames(c.rawBody));
  return { status: 200, body: labelsOf(c.world, repo, updated.labels) };
}

async function setLabelsForAnIssue(c: RequestContext) {
  const repo = c.repo();
  const updated = await setLabels(c.op, repo, intParam(c.params.number), labelNames(c.rawBody));
  return { status: 200, body: labelsOf(c.world, repo, updated.labels) };
}

async function removeALabelFromAnIssue(c: RequestContext) {
  const repo = c.repo();
  const updated = await removeLabel(c.op, repo, intParam(c.params.number), c.params.name as string);
  return { status: 200, body: labelsOf(c.world, repo, updated.labels) };
}

async function addAssigneesToAnIssue(c: RequestContext) {
  const repo = c.repo();
  const updated = await addAssignees(
    c.op,
    repo,
    intParam(c.params.number),
    stringList(c.body, "assignees"),
  );
  return { status: 201, body: issueJson(c.world, repo, updated) };
}

async function removeAssigneesFromAnIssue(c: RequestContext) {
  const repo = c.repo();
  const updated = await removeAssignees(
    c.op,
    repo,
    intParam(c.params.number),
    stringList(c.body, "assignees"),
  );
  return { status: 200, body: issueJson(c.world, repo, updated) };
}

function createReactionForAnIssue(c: RequestContext) {
  return reactionResult(c, requireIssue(c.repo(), intParam(c.params.number)).reactions);
}

function listLabelsForARepository(c: RequestContext) {
  const repo = c.repo();
  return paginate(c, [...repo.labels.values()], (l) => label(c.world, repo, l));
}

function createALabel(c: RequestContext) {
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "write");
  const b = c.body;
  const created = createLabel(c.op, repo, {
    name: typeof b.name === "string" ? b.name : "",
    ...(typeof b.color === "string" ? { color: b.color } : {}),
    ...(typeof b.description === "string" ? { description: b.description } : {}),
  });
  const body = label(c.world, repo, created);
  return { status: 201, body, headers: { location: String(body.url) } };
}

function getALabel(c: RequestContext) {
  const repo = c.repo();
  const found = findLabel(repo, c.params.name as string);
  if (!found) throw new HttpError(404, "Not Found");
  return { status: 200, body: label(c.world, repo, found) };
}

export const issueRoutes: RouteTable = [
  route("GET", `${R}/issues`, listRepositoryIssues, {
    docs: "issues/issues#list-repository-issues",
  }),
  route("POST", `${R}/issues`, createAnIssue, {
    docs: "issues/issues#create-an-issue",
    auth: "authenticated",
  }),
  route("GET", `${R}/issues/comments/{id}`, getAnIssueComment, {
    docs: "issues/comments#get-an-issue-comment",
  }),
  route("PATCH", `${R}/issues/comments/{id}`, updateAnIssueComment, {
    docs: "issues/comments#update-an-issue-comment",
    auth: "authenticated",
  }),
  route("DELETE", `${R}/issues/comments/{id}`, deleteAnIssueComment, {
    docs: "issues/comments#delete-an-issue-comment",
    auth: "authenticated",
  }),
  route("GET", `${R}/issues/comments/{id}/reactions`, listReactionsForAnIssueComment, {
    docs: "reactions/reactions#list-reactions-for-an-issue-comment",
  }),
  route("POST", `${R}/issues/comments/{id}/reactions`, createReactionForAnIssueComment, {
    docs: "reactions/reactions#create-reaction-for-an-issue-comment",
    auth: "authenticated",
  }),
  route("GET", `${R}/issues/{number}`, getAnIssue, { docs: "issues/issues#get-an-issue" }),
  route("PATCH", `${R}/issues/{number}`, updateAnIssue, {
    docs: "issues/issues#update-an-issue",
    auth: "authenticated",
  }),
  route("GET", `${R}/issues/{number}/comments`, listIssueComments, {
    docs: "issues/comments#list-issue-comments",
  }),
  route("POST", `${R}/issues/{number}/comments`, createAnIssueComment, {
    docs: "issues/comments#create-an-issue-comment",
    auth: "authenticated",
  }),
  route("GET", `${R}/issues/{number}/events`, listIssueEvents, {
    docs: "issues/events#list-issue-events",
  }),
  route("GET", `${R}/issues/{number}/labels`, listLabelsForAnIssue, {
    docs: "issues/labels#list-labels-for-an-issue",
  }),
  route("POST", `${R}/issues/{number}/labels`, addLabelsToAnIssue, {
    docs: "issues/labels#add-labels-to-an-issue",
    auth: "authenticated",
  }),
  route("PUT", `${R}/issues/{number}/labels`, setLabelsForAnIssue, {
    docs: "issues/labels#set-labels-for-an-issue",
    auth: "authenticated",
  }),
  route("DELETE", `${R}/issues/{number}/labels/{name+}`, removeALabelFromAnIssue, {
    docs: "issues/labels#remove-a-label-from-an-issue",
    auth: "authenticated",
  }),
  route("POST", `${R}/issues/{number}/assignees`, addAssigneesToAnIssue, {
    docs: "issues/assignees#add-assignees-to-an-issue",
    auth: "authenticated",
  }),
  route("DELETE", `${R}/issues/{number}/assignees`, removeAssigneesFromAnIssue, {
    docs: "issues/assignees#remove-assignees-from-an-issue",
    auth: "authenticated",
  }),
  route("POST", `${R}/issues/{number}/reactions`, createReactionForAnIssue, {
    docs: "reactions/reactions#create-reaction-for-an-issue",
    auth: "authenticated",
  }),
  route("GET", `${R}/labels`, listLabelsForARepository, {
    docs: "issues/labels#list-labels-for-a-repository",
  }),
  route("POST", `${R}/labels`, createALabel, {
    docs: "issues/labels#create-a-label",
    auth: "authenticated",
  }),
  route("GET", `${R}/labels/{name+}`, getALabel, { docs: "issues/labels#get-a-label" }),
];
