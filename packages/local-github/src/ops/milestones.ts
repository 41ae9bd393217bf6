/**
 * Milestones of a repository, and the milestone of an issue or pull request ("About
 * milestones", https://docs.github.com/en/issues/using-labels-and-milestones-to-track-work/about-milestones;
 * REST: https://docs.github.com/en/rest/issues/milestones). Kept beside each repository in memory.
 */
import { actorUser, type OpContext } from "../context.js";
import type { IssueRecord, RepoRecord } from "../model.js";
import { repoApi, repoHtml, userByLogin } from "../shapes.js";
import { HttpError, nodeId, validationFailed } from "../util.js";
import type { World } from "../world.js";

export interface MilestoneRecord {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  creator: string;
  createdAt: string;
  updatedAt: string;
  dueOn: string | null;
}

const milestonesOf = new WeakMap<RepoRecord, MilestoneRecord[]>();

function milestones(repo: RepoRecord): MilestoneRecord[] {
  let list = milestonesOf.get(repo);
  if (!list) {
    list = [];
    milestonesOf.set(repo, list);
  }
  return list;
}

export function createMilestone(
  ctx: OpContext,
  repo: RepoRecord,
  input: { title?: unknown; description?: unknown; state?: unknown; due_on?: unknown },
): MilestoneRecord {
  const w = ctx.world;
  w.requireRole(repo, ctx.actor, "write");
  if (typeof input.title !== "string" || input.title === "") {
    throw validationFailed([{ resource: "Milestone", code: "missing_field", field: "title" }]);
  }
  const list = milestones(repo);
  if (list.some((m) => m.title === input.title)) {
    throw validationFailed([{ resource: "Milestone", code: "already_exists", field: "title" }]);
  }
  const id = w.nextId("milestone");
  const now = w.now();
  const record: MilestoneRecord = {
    id,
    nodeId: nodeId("MI", id),
    number: list.length + 1,
    title: input.title,
    description: typeof input.description === "string" ? input.description : null,
    state: input.state === "closed" ? "closed" : "open",
    creator: actorUser(ctx).login,
    createdAt: now,
    updatedAt: now,
    dueOn: typeof input.due_on === "string" ? input.due_on : null,
  };
  list.push(record);
  return record;
}

export function listMilestones(repo: RepoRecord, state: string): MilestoneRecord[] {
  return milestones(repo).filter((m) => state === "all" || m.state === state);
}

export function requireMilestone(repo: RepoRecord, number: number): MilestoneRecord {
  const found = milestones(repo).find((m) => m.number === number);
  if (!found) throw new HttpError(404, "Not Found");
  return found;
}

/**
 * `PATCH /issues/{n}` with `milestone`: a number sets it, null clears it; a number no milestone
 * has is GitHub's 422 on the field.
 */
export function setIssueMilestone(repo: RepoRecord, issue: IssueRecord, value: unknown): void {
  if (value === null) {
    issue.milestone = null;
    return;
  }
  const found =
    typeof value === "number" ? milestones(repo).find((m) => m.number === value) : undefined;
  if (!found) {
    throw validationFailed([{ value, resource: "Issue", field: "milestone", code: "invalid" }]);
  }
  issue.milestone = found.number;
}

/** The milestone object of GitHub's issue, pull request and milestone responses. */
export function milestoneJson(
  w: World,
  repo: RepoRecord,
  m: MilestoneRecord,
): Record<string, unknown> {
  const api = `${repoApi(w, repo)}/milestones/${m.number}`;
  const issues = [...repo.issues.values()].filter((i) => i.milestone === m.number);
  return {
    url: api,
    html_url: `${repoHtml(w, repo)}/milestone/${m.number}`,
    labels_url: `${api}/labels`,
    id: m.id,
    node_id: m.nodeId,
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: userByLogin(w, m.creator),
    open_issues: issues.filter((i) => i.state === "open").length,
    closed_issues: issues.filter((i) => i.state === "closed").length,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    closed_at: null,
    due_on: m.dueOn,
  };
}

/** The milestone of an issue, as its JSON shows it (null for none). */
export function issueMilestone(
  w: World,
  repo: RepoRecord,
  issue: IssueRecord,
): Record<string, unknown> | null {
  if (issue.milestone === undefined || issue.milestone === null) return null;
  const found = milestones(repo).find((m) => m.number === issue.milestone);
  return found ? milestoneJson(w, repo, found) : null;
}
