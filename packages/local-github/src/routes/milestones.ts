import { requireIssue } from "../ops/issues.js";
import {
  createMilestone,
  listMilestones,
  milestoneJson,
  requireMilestone,
  setIssueMilestone,
} from "../ops/milestones.js";
import { intParam, paginate, type RequestContext, type Router } from "../router.js";

/** Milestones: create, list, get (`ops/milestones.ts`). */
export function milestoneRoutes(router: Router): void {
  const R = "/repos/{owner}/{repo}";

  router.post(
    `${R}/milestones`,
    (c) => {
      const repo = c.repo();
      const created = createMilestone(c.op, repo, c.body);
      return { status: 201, body: milestoneJson(c.world, repo, created) };
    },
    { docs: "issues/milestones#create-a-milestone", auth: "authenticated" },
  );

  router.get(
    `${R}/milestones`,
    (c) => {
      const repo = c.repo();
      const list = listMilestones(repo, c.query.get("state") ?? "open");
      return paginate(c, list, (m) => milestoneJson(c.world, repo, m));
    },
    { docs: "issues/milestones#list-milestones" },
  );

  router.get(
    `${R}/milestones/{number}`,
    (c) => {
      const repo = c.repo();
      const found = requireMilestone(repo, intParam(c.params.number));
      return { status: 200, body: milestoneJson(c.world, repo, found) };
    },
    { docs: "issues/milestones#get-a-milestone" },
  );
}

/** `milestone` of `PATCH /issues/{n}`, applied before the route's other changes. */
export function applyMilestone(c: RequestContext): void {
  if (!("milestone" in c.body)) return;
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "triage");
  setIssueMilestone(repo, requireIssue(repo, intParam(c.params.number)), c.body.milestone);
}
