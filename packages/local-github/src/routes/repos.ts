import type { ParsedCommit } from "../git.js";
import type { RepoRecord, UserRecord } from "../model.js";
import { mergeBranches } from "../ops/merges.js";
import { resolveCommitish } from "../ops/refs.js";
import {
  pageParams,
  paginateAsync,
  paginateOpenEnded,
  type RequestContext,
  type Router,
  requireString,
} from "../router.js";
import { isProtected } from "../rules/branch-rules.js";
import { diffEntry, repoApi, repoHtml, repository, restCommit, user } from "../shapes.js";
import { base64Wrapped, HttpError, nodeId, type Role } from "../util.js";
import type { World } from "../world.js";

const PERMISSION_OF_ROLE: Record<Role, string> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
};

function encPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function contentEntry(
  w: World,
  repo: RepoRecord,
  ref: string,
  path: string,
  type: string,
  sha: string,
  size: number,
) {
  const api = repoApi(w, repo);
  const html = repoHtml(w, repo);
  const self = `${api}/contents/${encPath(path)}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = type === "dir" ? `${api}/git/trees/${sha}` : `${api}/git/blobs/${sha}`;
  const htmlUrl = `${html}/${type === "dir" ? "tree" : "blob"}/${ref}/${encPath(path)}`;
  return {
    name: path.slice(path.lastIndexOf("/") + 1),
    path,
    sha,
    size,
    url: self,
    html_url: htmlUrl,
    git_url: gitUrl,
    download_url:
      type === "file"
        ? `${w.htmlUrl.replace("://", "://raw.")}/${repo.fullName}/${ref}/${encPath(path)}`
        : null,
    type,
    _links: { self, git: gitUrl, html: htmlUrl },
  };
}

async function branchCommitJson(c: RequestContext, repo: RepoRecord, sha: string) {
  const parsed = await repo.git.readCommit(sha);
  if (!parsed) throw new HttpError(404, "Not Found");
  return restCommit(c.world, repo, parsed);
}

async function commitList(c: RequestContext, repo: RepoRecord, shas: string[]) {
  const parsed = await repo.git.readCommits(shas);
  return shas.map((s) => restCommit(c.world, repo, parsed.get(s) as ParsedCommit));
}

export function repoRoutes(router: Router): void {
  const R = "/repos/{owner}/{repo}";

  router.get(R, (c) => ({ status: 200, body: repository(c.world, c.repo(), "full") }), {
    docs: "repos/repos#get-a-repository",
  });

  router.get(`${R}/contents/{path+}`, async (c) => contents(c, c.params.path as string), {
    docs: "repos/contents#get-repository-content",
  });
  router.get(`${R}/contents`, async (c) => contents(c, ""), {
    docs: "repos/contents#get-repository-content",
  });

  router.get(
    `${R}/branches`,
    async (c) => {
      const repo = c.repo();
      const refs = await repo.git.forEachRef("refs/heads/");
      const api = repoApi(c.world, repo);
      const wantProtected = c.query.get("protected");
      const named = refs.map((r) => ({ ...r, name: r.ref.slice("refs/heads/".length) }));
      const list =
        wantProtected === null
          ? named
          : named.filter((r) => isProtected(repo, r.name) === (wantProtected === "true"));
      return paginateAsync(c, list, async (page) =>
        page.map((r) => ({
          name: r.name,
          commit: { sha: r.sha, url: `${api}/commits/${r.sha}` },
          protected: isProtected(repo, r.name),
        })),
      );
    },
    { docs: "branches/branches#list-branches" },
  );

  router.get(
    `${R}/branches/{branch+}`,
    async (c) => {
      const repo = c.repo();
      const name = c.params.branch as string;
      const sha = await repo.git.readRef(`refs/heads/${name}`);
      if (!sha) throw new HttpError(404, "Branch not found");
      const api = repoApi(c.world, repo);
      return {
        status: 200,
        body: {
          name,
          commit: await branchCommitJson(c, repo, sha),
          _links: {
            self: `${api}/branches/${encPath(name)}`,
            html: `${repoHtml(c.world, repo)}/tree/${encPath(name)}`,
          },
          protected: isProtected(repo, name),
          protection: {
            enabled: isProtected(repo, name),
            required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
          },
          protection_url: `${api}/branches/${encPath(name)}/protection`,
        },
      };
    },
    { docs: "branches/branches#get-a-branch" },
  );

  router.get(
    `${R}/tags`,
    async (c) => {
      const repo = c.repo();
      const refs = await repo.git.forEachRef("refs/tags/");
      const api = repoApi(c.world, repo);
      const tags: Array<{ name: string; sha: string }> = [];
      for (const r of refs) {
        const sha = r.type === "commit" ? r.sha : await repo.git.revParse(r.sha, "commit");
        if (sha) tags.push({ name: r.ref.slice("refs/tags/".length), sha });
      }
      tags.sort((a, b) => b.name.localeCompare(a.name, "en", { numeric: true }));
      return paginateAsync(c, tags, async (page) =>
        page.map((t) => ({
          name: t.name,
          commit: { sha: t.sha, url: `${api}/commits/${t.sha}` },
          zipball_url: `${api}/zipball/refs/tags/${encPath(t.name)}`,
          tarball_url: `${api}/tarball/refs/tags/${encPath(t.name)}`,
          node_id: nodeId("REF", parseInt(t.sha.slice(0, 8), 16)),
        })),
      );
    },
    { docs: "repos/repos#list-repository-tags" },
  );

  router.get(
    `${R}/commits`,
    async (c) => {
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
    },
    { docs: "commits/commits#list-commits" },
  );

  router.get(
    `${R}/commits/{ref+}`,
    async (c) => {
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
    },
    { docs: "commits/commits#get-a-commit" },
  );

  router.get(
    `${R}/compare/{basehead+}`,
    async (c) => {
      const repo = c.repo();
      const w = c.world;
      const spec = c.params.basehead as string;
      const three = spec.indexOf("...");
      const [baseName, headName] =
        three >= 0
          ? [spec.slice(0, three), spec.slice(three + 3)]
          : (spec.split("..", 2) as [string, string]);
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
      const status =
        ahead.length === 0 && behindBy === 0
          ? "identical"
          : behindBy === 0
            ? "ahead"
            : ahead.length === 0
              ? "behind"
              : "diverged";
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
          status,
          ahead_by: ahead.length,
          behind_by: behindBy,
          total_commits: ahead.length,
          commits: ahead
            .slice(0, 250)
            .map((s) => restCommit(w, repo, parsed.get(s) as ParsedCommit)),
          files: files.map((f) => diffEntry(w, repo, f, head)),
        },
      };
    },
    { docs: "commits/commits#compare-two-commits" },
  );

  router.post(
    `${R}/merges`,
    async (c) => {
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
    },
    { docs: "branches/branches#merge-a-branch" },
  );

  router.get(
    `${R}/collaborators/{username}/permission`,
    (c) => {
      const repo = c.repo();
      const w = c.world;
      const u = w.user(c.params.username as string);
      const role = w.roleOf(repo, u);
      const permission = PERMISSION_OF_ROLE[role];
      const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(role);
      return {
        status: 200,
        body: {
          permission,
          role_name: role,
          user: {
            ...user(w, u),
            permissions: {
              pull: rank >= 1,
              triage: rank >= 2,
              push: rank >= 3,
              maintain: rank >= 4,
              admin: rank >= 5,
            },
            role_name: role,
          },
        },
      };
    },
    { docs: "collaborators/collaborators#get-repository-permissions-for-a-user" },
  );

  router.get("/users/{username}", (c) => {
    const u = c.world.findUser(c.params.username as string);
    if (!u) throw new HttpError(404, "Not Found");
    return { status: 200, body: publicUser(c.world, u) };
  });

  // The token's own user. GitHub answers installation tokens (an App's, a workflow's
  // GITHUB_TOKEN) 403: they act as no user.
  router.get(
    "/user",
    (c) => {
      if (c.actor.kind !== "user" || !c.actor.user) {
        throw new HttpError(403, "Resource not accessible by integration");
      }
      return { status: 200, body: publicUser(c.world, c.actor.user) };
    },
    { docs: "users/users#get-the-authenticated-user", auth: "authenticated" },
  );
}

function publicUser(w: World, u: UserRecord) {
  const now = w.now();
  return {
    ...user(w, u),
    name: u.name,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: now,
    updated_at: now,
  };
}

async function contents(c: RequestContext, path: string) {
  const repo = c.repo();
  const git = repo.git;
  const ref = c.query.get("ref") ?? repo.defaultBranch;
  const commit = await resolveCommitish(repo, ref);
  if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
  const cleanPath = path.replace(/^\/+|\/+$/g, "");
  const spec = cleanPath ? `${commit}:${cleanPath}` : `${commit}^{tree}`;
  const sha = await git.revParse(spec);
  if (!sha) throw new HttpError(404, "Not Found");
  const type = await git.objectType(sha);
  const w = c.world;
  if (type === "tree") {
    const entries = await git.lsTree(sha, { long: true });
    return {
      status: 200,
      body: entries.map((e) =>
        contentEntry(
          w,
          repo,
          ref,
          cleanPath ? `${cleanPath}/${e.name}` : e.name,
          e.type === "tree"
            ? "dir"
            : e.type === "commit"
              ? "submodule"
              : e.mode === "120000"
                ? "symlink"
                : "file",
          e.sha,
          e.size ?? 0,
        ),
      ),
    };
  }
  const obj = await git.readObject(sha);
  if (obj?.type !== "blob") throw new HttpError(404, "Not Found");
  if (c.format === "raw")
    return { status: 200, text: obj.data, contentType: "text/plain; charset=utf-8" };
  return {
    status: 200,
    body: {
      ...contentEntry(w, repo, ref, cleanPath, "file", sha, obj.data.length),
      content: base64Wrapped(obj.data),
      encoding: "base64",
    },
  };
}
