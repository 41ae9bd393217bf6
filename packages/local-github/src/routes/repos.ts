/** The repository itself, its branches and tags, a collaborator's permission, users. */
import type { UserRecord } from "../model.js";
import { paginateAsync, type RequestContext, type RouteTable, route } from "../router.js";
import { isProtected } from "../rules/branch-rules.js";
import { repoApi, repoHtml, repository, restCommit, user } from "../shapes.js";
import { HttpError, nodeId, type Role } from "../util.js";
import type { World } from "../world.js";

const R = "/repos/{owner}/{repo}";

const PERMISSION_OF_ROLE: Record<Role, string> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
};

/** A path with each segment percent-encoded, as GitHub writes it in URLs. */
export function encPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function getARepository(c: RequestContext) {
  return { status: 200, body: repository(c.world, c.repo(), "full") };
}

async function listBranches(c: RequestContext) {
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
}

async function getABranch(c: RequestContext) {
  const repo = c.repo();
  const name = c.params.branch as string;
  const sha = await repo.git.readRef(`refs/heads/${name}`);
  if (!sha) throw new HttpError(404, "Branch not found");
  const parsed = await repo.git.readCommit(sha);
  if (!parsed) throw new HttpError(404, "Not Found");
  const api = repoApi(c.world, repo);
  return {
    status: 200,
    body: {
      name,
      commit: restCommit(c.world, repo, parsed),
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
}

async function listRepositoryTags(c: RequestContext) {
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
}

function getRepositoryPermissionsForAUser(c: RequestContext) {
  const repo = c.repo();
  const w = c.world;
  const u = w.user(c.params.username as string);
  const role = w.roleOf(repo, u);
  const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(role);
  return {
    status: 200,
    body: {
      permission: PERMISSION_OF_ROLE[role],
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
}

function getAUser(c: RequestContext) {
  const u = c.world.findUser(c.params.username as string);
  if (!u) throw new HttpError(404, "Not Found");
  return { status: 200, body: publicUser(c.world, u) };
}

/**
 * The token's own user. GitHub answers installation tokens (an App's, a workflow's
 * GITHUB_TOKEN) 403: they act as no user.
 */
function getTheAuthenticatedUser(c: RequestContext) {
  if (c.actor.kind !== "user" || !c.actor.user) {
    throw new HttpError(403, "Resource not accessible by integration");
  }
  return { status: 200, body: publicUser(c.world, c.actor.user) };
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

export const repoRoutes: RouteTable = [
  route("GET", R, getARepository, { docs: "repos/repos#get-a-repository" }),
  route("GET", `${R}/branches`, listBranches, { docs: "branches/branches#list-branches" }),
  route("GET", `${R}/branches/{branch+}`, getABranch, { docs: "branches/branches#get-a-branch" }),
  route("GET", `${R}/tags`, listRepositoryTags, { docs: "repos/repos#list-repository-tags" }),
  route("GET", `${R}/collaborators/{username}/permission`, getRepositoryPermissionsForAUser, {
    docs: "collaborators/collaborators#get-repository-permissions-for-a-user",
  }),
  route("GET", "/users/{username}", getAUser),
  route("GET", "/user", getTheAuthenticatedUser, {
    docs: "users/users#get-the-authenticated-user",
    auth: "authenticated",
  }),
];
