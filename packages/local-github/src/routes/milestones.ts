/** Milestones: create, list, get (`ops/milestones.ts`), and `milestone` of `PATCH /issues/{n}`. */
import { requireIssue } from "../ops/issues.js";
import {
  createMilestone,
  listMilestones,
  milestoneJson,
  requireMilestone,
  setIssueMilestone,
} from "../ops/milestones.js";
import { intParam, paginate, type RequestContext, type RouteTable, route } from "../router.js";

const R = "/repos/{owner}/{repo}";

function createAMilestone(c: RequestContext) {
  const repo = c.repo();
  const created = createMilestone(c.op, repo, c.body);
  return { status: 201, body: milestoneJson(c.world, repo, created) };
}

function listTheMilestones(c: RequestContext) {
  const repo = c.repo();
  const list = listMilestones(repo, c.query.get("state") ?? "open");
  return paginate(c, list, (m) => milestoneJson(c.world, repo, m));
}

function getAMilestone(c: RequestContext) {
  const repo = c.repo();
  const found = requireMilestone(repo, intParam(c.params.number));
  return { status: 200, body: milestoneJson(c.world, repo, found) };
}

export const milestoneRoutes: RouteTable = [
  route("POST", `${R}/milestones`, createAMilestone, {
    docs: "issues/milestones#create-a-milestone",
    auth: "authenticated",
  }),
  route("GET", `${R}/milestones`, listTheMilestones, { docs: "issues/milestones#list-milestones" }),
  route("GET", `${R}/milestones/{number}`, getAMilestone, {
    docs: "issues/milestones#get-a-milestone",
  }),
];

/** `milestone` of `PATCH /issues/{n}`, applied before the route's other changes. */
export function applyMilestone(c: RequestContext): void {
  if (!("milestone" in c.body)) return;
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "triage");
  setIssueMilestone(repo, requireIssue(repo, intParam(c.params.number)), c.body.milestone);
}
