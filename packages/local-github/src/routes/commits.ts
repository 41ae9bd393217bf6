/** Commits: the list of a ref's history, one commit, the comparison of two, the merges API. */
import type { ParsedCommit } from "../git.js";
import type { RepoRecord } from "../model.js";
import { mergeBranches } from "../ops/merges.js";
import { resolveCommitish } from "../ops/refs.js";
import {
  pageParams,
  paginateOpenEnded,
  type RequestContext,
  type RouteTable,
  requireString,
  route,
} from "../router.js";
import { diffEntry, repoApi, repoHtml, restCommit } from "../shapes.js";
import { HttpError } from "../util.js";

const R = "/repos/{owner}/{repo}";

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
  // Walk only as far as this page needs (plus one, to know a next page exists): listing
  // the first page of a 100,000-commit history costs what it costs on a small one.
  const { perPage, page } = pageParams(c.query);
  const args = [`--max-count=${page * perPage + 1}`, sha];
  const since = c.query.get("since");
  const until = c.query.get("until");
  if (since) args.push(`--since=${since}`);
  if (until) args.push(`--until=${until}`);
  const path = c.query.get("path");
  if (path) args.push("--", path);
  const shas = await repo.git.revList(args);
  return paginateOpenEnded(c, shas, (items) => commitList(c, repo, items));
}

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
  const files = await repo.git.diff(parent, sha);
  return { status: 200, body: restCommit(c.world, repo, parsed, files) };
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
  const parsed = await git.readCommits([base, mergeBase, ...ahead.slice(0, 250)]);
  const files = await git.diff(mergeBase, head);
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
      commits: ahead.slice(0, 250).map((s) => restCommit(w, repo, parsed.get(s) as ParsedCommit)),
      files: files.map((f) => diffEntry(w, repo, f, head)),
    },
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
