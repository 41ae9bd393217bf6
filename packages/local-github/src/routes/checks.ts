/** The checks API subset: create, update and read check runs, their annotations, runs of a ref. */
import {
  type CheckRunChanges,
  createCheckRun,
  requireCheckRun,
  runsForCommit,
  updateCheckRun,
} from "../ops/checks.js";
import { resolveCommitish } from "../ops/refs.js";
import { intParam, paginate, type RequestContext, type RouteTable, route } from "../router.js";
import { checkAnnotation, checkRun } from "../shapes-checks.js";
import { HttpError } from "../util.js";

const R = "/repos/{owner}/{repo}";

async function createACheckRun(c: RequestContext) {
  const repo = c.repo();
  const created = await createCheckRun(c.op, repo, c.body as CheckRunChanges);
  return { status: 201, body: checkRun(c.world, repo, created) };
}

function getACheckRun(c: RequestContext) {
  const repo = c.repo();
  return {
    status: 200,
    body: checkRun(c.world, repo, requireCheckRun(repo, intParam(c.params.id))),
  };
}

function updateACheckRun(c: RequestContext) {
  const repo = c.repo();
  const updated = updateCheckRun(c.op, repo, intParam(c.params.id), c.body as CheckRunChanges);
  return { status: 200, body: checkRun(c.world, repo, updated) };
}

function listCheckRunAnnotations(c: RequestContext) {
  const repo = c.repo();
  const run = requireCheckRun(repo, intParam(c.params.id));
  return paginate(c, run.annotations, (a) => checkAnnotation(c.world, repo, run, a));
}

async function listCheckRunsForAGitReference(c: RequestContext) {
  const repo = c.repo();
  const sha = await resolveCommitish(repo, c.params.ref ?? "");
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${c.params.ref}`);
  const runs = runsForCommit(repo, sha, c.query.get("check_name"));
  const page = paginate(c, runs, (r) => checkRun(c.world, repo, r));
  return { ...page, body: { total_count: runs.length, check_runs: page.body } };
}

export const checkRoutes: RouteTable = [
  route("POST", `${R}/check-runs`, createACheckRun, {
    docs: "checks/runs#create-a-check-run",
    auth: "authenticated",
  }),
  route("GET", `${R}/check-runs/{id}`, getACheckRun, { docs: "checks/runs#get-a-check-run" }),
  route("PATCH", `${R}/check-runs/{id}`, updateACheckRun, {
    docs: "checks/runs#update-a-check-run",
    auth: "authenticated",
  }),
  route("GET", `${R}/check-runs/{id}/annotations`, listCheckRunAnnotations, {
    docs: "checks/runs#list-check-run-annotations",
  }),
  route("GET", `${R}/commits/{ref}/check-runs`, listCheckRunsForAGitReference, {
    docs: "checks/runs#list-check-runs-for-a-git-reference",
  }),
];
