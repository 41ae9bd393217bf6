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
import { intParam, paginate, type RequestContext, type Router } from "../router.js";
import { comment, issue as issueJson, label, labelsOf, reaction } from "../shapes.js";
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

export function issueRoutes(router: Router): void {
  const R = "/repos/{owner}/{repo}";

  router.get(
    `${R}/issues`,
    (c) => {
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
    },
    { docs: "issues/issues#list-repository-issues" },
  );

  router.post(
    `${R}/issues`,
    async (c) => {
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
    },
    { docs: "issues/issues#create-an-issue", auth: "authenticated" },
  );

  router.get(
    `${R}/issues/comments/{id}`,
    (c) => {
      const repo = c.repo();
      return {
        status: 200,
        body: comment(c.world, repo, requireComment(repo, intParam(c.params.id))),
      };
    },
    { docs: "issues/comments#get-an-issue-comment" },
  );

  router.patch(
    `${R}/issues/comments/{id}`,
    async (c) => {
      const repo = c.repo();
      const record = await updateComment(c.op, repo, intParam(c.params.id), c.body.body as string);
      return { status: 200, body: comment(c.world, repo, record) };
    },
    { docs: "issues/comments#update-an-issue-comment", auth: "authenticated" },
  );

  router.delete(
    `${R}/issues/comments/{id}`,
    async (c) => {
      await deleteComment(c.op, c.repo(), intParam(c.params.id));
      return { status: 204 };
    },
    { docs: "issues/comments#delete-an-issue-comment", auth: "authenticated" },
  );

  router.get(
    `${R}/issues/comments/{id}/reactions`,
    (c) => {
      const repo = c.repo();
      const record = requireComment(repo, intParam(c.params.id));
      const content = c.query.get("content");
      const list = content
        ? record.reactions.filter((r) => r.content === content)
        : record.reactions;
      return paginate(c, list, (r) => reaction(c.world, r));
    },
    { docs: "reactions/reactions#list-reactions-for-an-issue-comment" },
  );

  router.post(
    `${R}/issues/comments/{id}/reactions`,
    (c) => reactionResult(c, requireComment(c.repo(), intParam(c.params.id)).reactions),
    { docs: "reactions/reactions#create-reaction-for-an-issue-comment", auth: "authenticated" },
  );

  router.get(
    `${R}/issues/{number}`,
    (c) => {
      const repo = c.repo();
      return {
        status: 200,
        body: issueJson(c.world, repo, requireIssue(repo, intParam(c.params.number))),
      };
    },
    { docs: "issues/issues#get-an-issue" },
  );

  router.patch(
    `${R}/issues/{number}`,
    async (c) => {
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
    },
    { docs: "issues/issues#update-an-issue", auth: "authenticated" },
  );

  router.get(
    `${R}/issues/{number}/comments`,
    (c) => {
      const repo = c.repo();
      const issue = requireIssue(repo, intParam(c.params.number));
      const since = c.query.get("since");
      let list = issue.commentIds.map((id) => requireComment(repo, id));
      if (since) list = list.filter((cm) => cm.updatedAt >= since);
      return paginate(c, list, (cm) => comment(c.world, repo, cm));
    },
    { docs: "issues/comments#list-issue-comments" },
  );

  router.post(
    `${R}/issues/{number}/comments`,
    async (c) => {
      const repo = c.repo();
      const record = await createComment(
        c.op,
        repo,
        intParam(c.params.number),
        c.body.body as string,
      );
      const body = comment(c.world, repo, record);
      return { status: 201, body, headers: { location: String(body.url) } };
    },
    { docs: "issues/comments#create-an-issue-comment", auth: "authenticated" },
  );

  router.get(
    `${R}/issues/{number}/labels`,
    (c) => {
      const repo = c.repo();
      const issue = requireIssue(repo, intParam(c.params.number));
      return paginate(c, labelsOf(c.world, repo, issue.labels));
    },
    { docs: "issues/labels#list-labels-for-an-issue" },
  );

  router.post(
    `${R}/issues/{number}/labels`,
    async (c) => {
      const repo = c.repo();
      const updated = await addLabels(c.op, repo, intParam(c.params.number), labelNames(c.rawBody));
      return { status: 200, body: labelsOf(c.world, repo, updated.labels) };
    },
    { docs: "issues/labels#add-labels-to-an-issue", auth: "authenticated" },
  );

  router.put(
    `${R}/issues/{number}/labels`,
    async (c) => {
      const repo = c.repo();
      const updated = await setLabels(c.op, repo, intParam(c.params.number), labelNames(c.rawBody));
      return { status: 200, body: labelsOf(c.world, repo, updated.labels) };
    },
    { docs: "issues/labels#set-labels-for-an-issue", auth: "authenticated" },
  );

  router.delete(
    `${R}/issues/{number}/labels/{name+}`,
    async (c) => {
      const repo = c.repo();
      const updated = await removeLabel(
        c.op,
        repo,
        intParam(c.params.number),
        c.params.name as string,
      );
      return { status: 200, body: labelsOf(c.world, repo, updated.labels) };
    },
    { docs: "issues/labels#remove-a-label-from-an-issue", auth: "authenticated" },
  );

  router.post(
    `${R}/issues/{number}/assignees`,
    async (c) => {
      const repo = c.repo();
      const updated = await addAssignees(
        c.op,
        repo,
        intParam(c.params.number),
        stringList(c.body, "assignees"),
      );
      return { status: 201, body: issueJson(c.world, repo, updated) };
    },
    { docs: "issues/assignees#add-assignees-to-an-issue", auth: "authenticated" },
  );

  router.delete(
    `${R}/issues/{number}/assignees`,
    async (c) => {
      const repo = c.repo();
      const updated = await removeAssignees(
        c.op,
        repo,
        intParam(c.params.number),
        stringList(c.body, "assignees"),
      );
      return { status: 200, body: issueJson(c.world, repo, updated) };
    },
    { docs: "issues/assignees#remove-assignees-from-an-issue", auth: "authenticated" },
  );

  router.post(
    `${R}/issues/{number}/reactions`,
    (c) => reactionResult(c, requireIssue(c.repo(), intParam(c.params.number)).reactions),
    { docs: "reactions/reactions#create-reaction-for-an-issue", auth: "authenticated" },
  );

  router.get(
    `${R}/labels`,
    (c) => {
      const repo = c.repo();
      return paginate(c, [...repo.labels.values()], (l) => label(c.world, repo, l));
    },
    { docs: "issues/labels#list-labels-for-a-repository" },
  );

  router.post(
    `${R}/labels`,
    (c) => {
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
    },
    { docs: "issues/labels#create-a-label", auth: "authenticated" },
  );

  router.get(
    `${R}/labels/{name+}`,
    (c) => {
      const repo = c.repo();
      const found = findLabel(repo, c.params.name as string);
      if (!found) throw new HttpError(404, "Not Found");
      return { status: 200, body: label(c.world, repo, found) };
    },
    { docs: "issues/labels#get-a-label" },
  );
}
