/** Review requests of a pull request (`ops/reviewers.ts`); team reviewers are not modelled. */
import { pullJson } from "../ops/pull-shape.js";
import { requirePull } from "../ops/pulls.js";
import { removeRequestedReviewers, requestReviewers } from "../ops/reviewers.js";
import { intParam, type RequestContext, type RouteTable, route } from "../router.js";
import { userByLogin } from "../shapes.js";

const R = "/repos/{owner}/{repo}/pulls/{number}/requested_reviewers";

function logins(c: RequestContext): string[] {
  const value = c.body.reviewers;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

async function requestReviewersForAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const pull = requirePull(repo, intParam(c.params.number));
  requestReviewers(c.op, repo, pull, logins(c));
  return { status: 201, body: await pullJson(c.world, repo, pull, { shape: "simple" }) };
}

function getAllRequestedReviewers(c: RequestContext) {
  const pull = requirePull(c.repo(), intParam(c.params.number));
  const users = (pull.pull.requestedReviewers ?? []).map((l) => userByLogin(c.world, l));
  return { status: 200, body: { users, teams: [] } };
}

async function removeRequestedReviewersFromAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const pull = requirePull(repo, intParam(c.params.number));
  removeRequestedReviewers(c.op, repo, pull, logins(c));
  return { status: 200, body: await pullJson(c.world, repo, pull, { shape: "simple" }) };
}

export const reviewerRoutes: RouteTable = [
  route("POST", R, requestReviewersForAPullRequest, {
    docs: "pulls/review-requests#request-reviewers-for-a-pull-request",
    auth: "authenticated",
  }),
  route("GET", R, getAllRequestedReviewers, {
    docs: "pulls/review-requests#get-all-requested-reviewers-for-a-pull-request",
  }),
  route("DELETE", R, removeRequestedReviewersFromAPullRequest, {
    docs: "pulls/review-requests#remove-requested-reviewers-from-a-pull-request",
    auth: "authenticated",
  }),
];
