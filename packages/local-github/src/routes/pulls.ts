import type { ParsedCommit } from "../git.js";
import { currentHeadSha, type PullWithIssue, pullCommits, pullJson } from "../ops/pull-shape.js";
import {
  createPull,
  type MergeMethod,
  mergePull,
  requirePull,
  testMerge,
  updatePull,
} from "../ops/pulls.js";
import { intParam, paginateAsync, type RequestContext, type RouteTable, route } from "../router.js";
import { diffEntry, restCommit } from "../shapes.js";
import { HttpError } from "../util.js";

const R = "/repos/{owner}/{repo}";

async function listPullRequests(c: RequestContext) {
  const repo = c.repo();
  const state = c.query.get("state") ?? "open";
  const head = c.query.get("head");
  const base = c.query.get("base");
  const direction = c.query.get("direction") ?? "desc";
  let pulls = [...repo.issues.values()].filter((i): i is PullWithIssue => i.pull !== null);
  if (state !== "all") pulls = pulls.filter((p) => p.state === state);
  if (head) {
    const colon = head.indexOf(":");
    const owner = colon >= 0 ? head.slice(0, colon) : repo.owner.login;
    const ref = colon >= 0 ? head.slice(colon + 1) : head;
    pulls =
      owner.toLowerCase() === repo.owner.login.toLowerCase()
        ? pulls.filter((p) => p.pull.headRef === ref)
        : [];
  }
  if (base) pulls = pulls.filter((p) => p.pull.baseRef === base);
  const sort = c.query.get("sort") ?? "created";
  pulls.sort((a, b) => {
    const key = sort === "updated" ? "updatedAt" : "createdAt";
    return a[key].localeCompare(b[key]) || a.number - b.number;
  });
  if (direction === "desc") pulls.reverse();
  return paginateAsync(c, pulls, (page) =>
    Promise.all(page.map((p) => pullJson(c.world, repo, p, { shape: "simple" }))),
  );
}

async function createAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const b = c.body;
  const pull = await createPull(c.op, repo, {
    title: typeof b.title === "string" ? b.title : "",
    body: typeof b.body === "string" ? b.body : null,
    head: typeof b.head === "string" ? b.head : "",
    base: typeof b.base === "string" ? b.base : "",
    draft: b.draft === true,
    ...(typeof b.maintainer_can_modify === "boolean"
      ? { maintainer_can_modify: b.maintainer_can_modify }
      : {}),
  });
  const body = await pullJson(c.world, repo, pull, { shape: "full", mergeable: null });
  return { status: 201, body, headers: { location: String(body.url) } };
}

async function getAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const pull = requirePull(repo, intParam(c.params.number));
  if (c.format === "diff" || c.format === "patch") {
    const { commits, mergeBase } = await pullCommits(repo, pull);
    const head = await currentHeadSha(repo, pull);
    const text =
      c.format === "diff"
        ? await repo.git.diffText(mergeBase, head)
        : commits.length > 0 && mergeBase
          ? await repo.git.formatPatch([`${mergeBase}..${head}`])
          : "";
    return {
      status: 200,
      text,
      contentType: `application/vnd.github.${c.format}; charset=utf-8`,
    };
  }
  const mergeable = await testMerge(c.world, repo, pull);
  return {
    status: 200,
    body: await pullJson(c.world, repo, pull, { shape: "full", mergeable }),
  };
}

async function updateAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const b = c.body;
  const changes: Parameters<typeof updatePull>[3] = {};
  if (typeof b.title === "string") changes.title = b.title;
  if (typeof b.body === "string" || b.body === null) changes.body = b.body as string | null;
  if (b.state === "open" || b.state === "closed") changes.state = b.state;
  if (typeof b.base === "string") changes.base = b.base;
  const pull = await updatePull(c.op, repo, intParam(c.params.number), changes);
  const mergeable = await testMerge(c.world, repo, pull);
  return {
    status: 200,
    body: await pullJson(c.world, repo, pull, { shape: "full", mergeable }),
  };
}

async function listCommitsOnAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const pull = requirePull(repo, intParam(c.params.number));
  const { commits } = await pullCommits(repo, pull);
  return paginateAsync(c, commits.slice(0, 250), async (page) => {
    const parsed = await repo.git.readCommits(page);
    return page.map((s) => restCommit(c.world, repo, parsed.get(s) as ParsedCommit));
  });
}

async function listPullRequestsFiles(c: RequestContext) {
  const repo = c.repo();
  const pull = requirePull(repo, intParam(c.params.number));
  const { mergeBase } = await pullCommits(repo, pull);
  const head = await currentHeadSha(repo, pull);
  const files = await repo.git.diff(mergeBase, head);
  return paginateAsync(c, files.slice(0, 3000), async (page) =>
    page.map((f) => diffEntry(c.world, repo, f, head)),
  );
}

function checkIfAPullRequestHasBeenMerged(c: RequestContext) {
  const pull = requirePull(c.repo(), intParam(c.params.number));
  if (!pull.pull.merged) throw new HttpError(404, "Not Found");
  return { status: 204 };
}

async function mergeAPullRequest(c: RequestContext) {
  const repo = c.repo();
  const b = c.body;
  const options: Parameters<typeof mergePull>[3] = {};
  if (b.merge_method !== undefined) options.merge_method = b.merge_method as MergeMethod;
  if (typeof b.commit_title === "string") options.commit_title = b.commit_title;
  if (typeof b.commit_message === "string") options.commit_message = b.commit_message;
  if (typeof b.sha === "string") options.sha = b.sha;
  const result = await mergePull(c.op, repo, intParam(c.params.number), options);
  return { status: 200, body: result };
}

export const pullRoutes: RouteTable = [
  route("GET", `${R}/pulls`, listPullRequests, { docs: "pulls/pulls#list-pull-requests" }),
  route("POST", `${R}/pulls`, createAPullRequest, {
    docs: "pulls/pulls#create-a-pull-request",
    auth: "authenticated",
  }),
  route("GET", `${R}/pulls/{number}`, getAPullRequest, { docs: "pulls/pulls#get-a-pull-request" }),
  route("PATCH", `${R}/pulls/{number}`, updateAPullRequest, {
    docs: "pulls/pulls#update-a-pull-request",
    auth: "authenticated",
  }),
  route("GET", `${R}/pulls/{number}/commits`, listCommitsOnAPullRequest, {
    docs: "pulls/pulls#list-commits-on-a-pull-request",
  }),
  route("GET", `${R}/pulls/{number}/files`, listPullRequestsFiles, {
    docs: "pulls/pulls#list-pull-requests-files",
  }),
  route("GET", `${R}/pulls/{number}/merge`, checkIfAPullRequestHasBeenMerged, {
    docs: "pulls/pulls#check-if-a-pull-request-has-been-merged",
  }),
  route("PUT", `${R}/pulls/{number}/merge`, mergeAPullRequest, {
    docs: "pulls/pulls#merge-a-pull-request",
    auth: "authenticated",
  }),
];
