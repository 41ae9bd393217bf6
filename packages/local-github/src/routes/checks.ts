import {
  type CheckRunChanges,
  createCheckRun,
  requireCheckRun,
  runsForCommit,
  updateCheckRun,
} from "../ops/checks.js";
import { resolveCommitish } from "../ops/refs.js";
import { intParam, paginate, type Router } from "../router.js";
import { checkAnnotation, checkRun } from "../shapes-checks.js";
import { HttpError } from "../util.js";

/** The checks API subset: create, update and read check runs, their annotations, runs of a ref. */
export function checkRoutes(router: Router): void {
  const R = "/repos/{owner}/{repo}";

  router.post(
    `${R}/check-runs`,
    async (c) => {
      const repo = c.repo();
      const created = await createCheckRun(c.op, repo, c.body as CheckRunChanges);
      return { status: 201, body: checkRun(c.world, repo, created) };
    },
    { docs: "checks/runs#create-a-check-run", auth: "authenticated" },
  );

  router.get(
    `${R}/check-runs/{id}`,
    (c) => {
      const repo = c.repo();
      return {
        status: 200,
        body: checkRun(c.world, repo, requireCheckRun(repo, intParam(c.params.id))),
      };
    },
    { docs: "checks/runs#get-a-check-run" },
  );

  router.patch(
    `${R}/check-runs/{id}`,
    (c) => {
      const repo = c.repo();
      const updated = updateCheckRun(c.op, repo, intParam(c.params.id), c.body as CheckRunChanges);
      return { status: 200, body: checkRun(c.world, repo, updated) };
    },
    { docs: "checks/runs#update-a-check-run", auth: "authenticated" },
  );

  router.get(
    `${R}/check-runs/{id}/annotations`,
    (c) => {
      const repo = c.repo();
      const run = requireCheckRun(repo, intParam(c.params.id));
      return paginate(c, run.annotations, (a) => checkAnnotation(c.world, repo, run, a));
    },
    { docs: "checks/runs#list-check-run-annotations" },
  );

  router.get(
    `${R}/commits/{ref}/check-runs`,
    async (c) => {
      const repo = c.repo();
      const sha = await resolveCommitish(repo, c.params.ref ?? "");
      if (!sha) throw new HttpError(422, `No commit found for SHA: ${c.params.ref}`);
      const runs = runsForCommit(repo, sha, c.query.get("check_name"));
      const page = paginate(c, runs, (r) => checkRun(c.world, repo, r));
      return { ...page, body: { total_count: runs.length, check_runs: page.body } };
    },
    { docs: "checks/runs#list-check-runs-for-a-git-reference" },
  );
}
