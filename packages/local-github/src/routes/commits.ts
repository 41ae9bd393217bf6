/** Commits: the list of a ref's history, one commit, the comparison of two, the merges API. */
import type { ParsedCommit } from "../git.js";
import type { RepoRecord } from "../model.js";
import { mergeBranches } from "../ops/merges.js";
import { resolveCommitish } from "../ops/refs.js";
import {
  linkHeader,
  pageParams,
  paginateCounted,
  type RequestContext,
  type RouteTable,
  requireString,
  route,
} from "../router.js";
import { diffEntry, repoApi, repoHtml, restCommit } from "../shapes.js";
import { HttpError } from "../util.js";

const R = "/repos/{owner}/{repo}";

/** A comparison without `per_page` or `page` lists the newest 250 commits. */
export const UNPAGED_COMPARE_COMMITS = 250;
/** A comparison lists at most 300 changed files, on its first page. */
export const MAX_COMPARE_FILES = 300;
/** A commit's files: 300 a page, 3,000 in all. */
export const FILES_PER_COMMIT_PAGE = 300;
export const MAX_COMMIT_FILES = 3000;

async function commitList(c: RequestContext, repo: RepoRecord, shas: string[]) {
  const parsed = await repo.git.readCommits(shas);
  return shas.map((s) => restCommit(c.world, repo, parsed.get(s) as ParsedCommit));
}

async function listCommits(c: RequestContext) {
  const repo = c.repo();
  const ref = c.query.get("sha") ?? repo.defaultBranch;
  const sha = await resolveCommitish(repo, ref);
  if (!sha) {
    if (!(await repo.git.readRef(`refs/heads/${repo.defaultBranch}`)) && !c.query.get("sha")) {
      throw new HttpError(409, "Git Repository is empty.");
    }
    throw new HttpError(404, `No commit found for SHA: ${ref}`);
  }
  const filters: string[] = [];
  const since = c.query.get("since");
  const until = c.query.get("until");
  if (since) filters.push(`--since=${since}`);
  if (until) filters.push(`--until=${until}`);
  const path = c.query.get("path");
  const paths = path ? ["--", path] : [];
  // The page's commits are walked to (`--skip`, `--max-count`), the rest only counted, for
  // the `Link` header's `last`: a page of a 100,000-commit history stays cheap.
  const { perPage, page } = pageParams(c.query);
  const [shas, total] = await Promise.all([
    repo.git.revList([
      `--skip=${(page - 1) * perPage}`,
      `--max-count=${perPage}`,
      ...filters,
      sha,
      ...paths,
    ]),
    repo.git.countCommits([...filters, sha, ...paths]),
  ]);
  return paginateCounted(c, shas, total, (items) => commitList(c, repo, items));
}

/**
 * A commit with its files: 300 files a page (the `Link` header names the others), 3,000 in all
 * ("Get a commit": https://docs.github.com/en/rest/commits/commits#get-a-commit).
 */
async function getACommit(c: RequestContext) {
  const repo = c.repo();
  const ref = c.params.ref as string;
  const sha = await resolveCommitish(repo, ref);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  if (c.format === "sha")
    return { status: 200, text: sha, contentType: "application/vnd.github.sha" };
  const parsed = (await repo.git.readCommit(sha)) as ParsedCommit;
  const parent = parsed.parents[0] ?? null;
  if (c.format === "diff")
    return {
      status: 200,
      text: await repo.git.diffText(parent, sha),
      contentType: "application/vnd.github.diff; charset=utf-8",
    };
  if (c.format === "patch") {
    return {
      status: 200,
      text: await repo.git.formatPatch(parent ? ["-1", sha] : ["--root", "-1", sha]),
      contentType: "application/vnd.github.patch; charset=utf-8",
    };
  }
  const files = (await repo.git.diff(parent, sha)).slice(0, MAX_COMMIT_FILES);
  const { perPage, page } = pageParams(c.query, FILES_PER_COMMIT_PAGE);
  const link = linkHeader(c, page, perPage, files.length);
  const pageFiles = files.slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    body: restCommit(c.world, repo, parsed, pageFiles),
    ...(link ? { headers: { link } } : {}),
  };
}

/** `base...head` (three dots) or `base..head`. */
function splitBasehead(spec: string): [string, string] {
  const three = spec.indexOf("...");
  return three >= 0
    ? [spec.slice(0, three), spec.slice(three + 3)]
    : (spec.split("..", 2) as [string, string]);
}

function comparisonStatus(ahead: number, behind: number): string {
  if (ahead === 0 && behind === 0) return "identical";
  if (behind === 0) return "ahead";
  return ahead === 0 ? "behind" : "diverged";
}

/**
 * Which of the commits after the merge base a comparison lists ("Compare two commits",
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits): without `per_page` or
 * `page`, the newest 250 (the last one is the head); with either, `per_page` of them a page,
 * oldest first, the `Link` header naming the other pages. Files come on the first page only,
 * at most 300.
 */
function comparedPage(c: RequestContext, ahead: string[]) {
  const { perPage, page, paged } = pageParams(c.query);
  if (!paged) return { commits: ahead.slice(-UNPAGED_COMPARE_COMMITS), files: true };
  const link = linkHeader(c, page, perPage, ahead.length);
  return {
    commits: ahead.slice((page - 1) * perPage, page * perPage),
    files: page === 1,
    ...(link ? { link } : {}),
  };
}

async function compareTwoCommits(c: RequestContext) {
  const repo = c.repo();
  const w = c.world;
  const spec = c.params.basehead as string;
  const [baseName, headName] = splitBasehead(spec);
  const base = baseName ? await resolveCommitish(repo, baseName) : null;
  const head = headName ? await resolveCommitish(repo, headName) : null;
  if (!base || !head) throw new HttpError(404, "Not Found");
  const git = repo.git;
  const mergeBase = await git.mergeBase(base, head);
  if (!mergeBase)
    throw new HttpError(404, `No common ancestor between ${baseName} and ${headName}.`);
  if (c.format === "diff")
    return {
      status: 200,
      text: await git.diffText(mergeBase, head),
      contentType: "application/vnd.github.diff; charset=utf-8",
    };
  const ahead = await git.revList(["--reverse", "--topo-order", head, `^${base}`]);
  const behindBy = await git.countCommits([base, `^${head}`]);
  const listed = comparedPage(c, ahead);
  const parsed = await git.readCommits([base, mergeBase, ...listed.commits]);
  const files = listed.files ? (await git.diff(mergeBase, head)).slice(0, MAX_COMPARE_FILES) : [];
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  return {
    status: 200,
    body: {
      url: `${api}/compare/${spec}`,
      html_url: `${html}/compare/${spec}`,
      permalink_url: `${html}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
      diff_url: `${html}/compare/${spec}.diff`,
      patch_url: `${html}/compare/${spec}.patch`,
      base_commit: restCommit(w, repo, parsed.get(base) as ParsedCommit),
      merge_base_commit: restCommit(w, repo, parsed.get(mergeBase) as ParsedCommit),
      status: comparisonStatus(ahead.length, behindBy),
      ahead_by: ahead.length,
      behind_by: behindBy,
      total_commits: ahead.length,
      commits: listed.commits.map((s) => restCommit(w, repo, parsed.get(s) as ParsedCommit)),
      files: files.map((f) => diffEntry(w, repo, f, head)),
    },
    ...(listed.link ? { headers: { link: listed.link } } : {}),
  };
}

async function mergeABranch(c: RequestContext) {
  const repo = c.repo();
  c.world.requireRole(repo, c.actor, "write");
  const base = requireString(c.body, "base");
  const head = requireString(c.body, "head");
  const message = typeof c.body.commit_message === "string" ? c.body.commit_message : undefined;
  const result = await mergeBranches(c.op, repo, {
    base,
    head,
    ...(message !== undefined ? { commitMessage: message } : {}),
  });
  if (result.status === 204) return { status: 204 };
  const parsed = (await repo.git.readCommit(result.sha)) as ParsedCommit;
  const files = await repo.git.diff(parsed.parents[0] ?? null, result.sha);
  const body = restCommit(c.world, repo, parsed, files);
  return { status: 201, body, headers: { location: String(body.url) } };
}

export const commitRoutes: RouteTable = [
  route("GET", `${R}/commits`, listCommits, { docs: "commits/commits#list-commits" }),
  route("GET", `${R}/commits/{ref+}`, getACommit, { docs: "commits/commits#get-a-commit" }),
  route("GET", `${R}/compare/{basehead+}`, compareTwoCommits, {
    docs: "commits/commits#compare-two-commits",
  }),
  route("POST", `${R}/merges`, mergeABranch, { docs: "branches/branches#merge-a-branch" }),
];
