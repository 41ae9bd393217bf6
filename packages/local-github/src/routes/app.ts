import { paginate, type RequestContext, type RouteTable, route } from "../router.js";
import { app, repository, user } from "../shapes.js";
import { HttpError } from "../util.js";
import type { World } from "../world.js";

const PERMISSIONS = {
  contents: "write",
  issues: "write",
  metadata: "read",
  pull_requests: "write",
};

export function installationJson(w: World, account: ReturnType<World["user"]> | null) {
  const owner = account ?? w.user(`${w.app.slug}-owner`, { type: "Organization" });
  return {
    id: w.installationId,
    account: user(w, owner),
    repository_selection: "all",
    access_tokens_url: `${w.apiUrl}/app/installations/${w.installationId}/access_tokens`,
    repositories_url: `${w.apiUrl}/installation/repositories`,
    html_url: `${w.htmlUrl}/settings/installations/${w.installationId}`,
    app_id: w.app.id,
    app_slug: w.app.slug,
    target_id: owner.id,
    target_type: owner.type === "Organization" ? "Organization" : "User",
    permissions: PERMISSIONS,
    events: ["create", "delete", "issue_comment", "issues", "pull_request", "push", "release"],
    created_at: w.installationCreatedAt,
    updated_at: w.installationCreatedAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

function getTheAuthenticatedApp(c: RequestContext) {
  return { status: 200, body: app(c.world) };
}

function getAnInstallationForTheAuthenticatedApp(c: RequestContext) {
  if (Number(c.params.id) !== c.world.installationId) throw new HttpError(404, "Not Found");
  return { status: 200, body: installationJson(c.world, null) };
}

function createAnInstallationAccessTokenForAnApp(c: RequestContext) {
  if (Number(c.params.id) !== c.world.installationId) throw new HttpError(404, "Not Found");
  const { token, expiresAt } = c.issueInstallationToken();
  return {
    status: 201,
    body: { token, expires_at: expiresAt, permissions: PERMISSIONS, repository_selection: "all" },
  };
}

function getARepositoryInstallationForTheAuthenticatedApp(c: RequestContext) {
  return { status: 200, body: installationJson(c.world, c.repo().owner) };
}

function getAnOrganizationInstallationForTheAuthenticatedApp(c: RequestContext) {
  const owner = c.world.findUser(c.params.org as string);
  if (!owner) throw new HttpError(404, "Not Found");
  return { status: 200, body: installationJson(c.world, owner) };
}

function listRepositoriesAccessibleToTheAppInstallation(c: RequestContext) {
  const repos = [...c.world.repos.values()];
  const page = paginate(c, repos, (r) => repository(c.world, r, "full"));
  return {
    ...page,
    body: { total_count: repos.length, repository_selection: "all", repositories: page.body },
  };
}

/**
 * The App endpoints. The local GitHub has one App with one installation that covers every
 * repository; the App's own routes take only its JWT (`app-jwt.ts` checks it).
 */
export const appRoutes: RouteTable = [
  route("GET", "/app", getTheAuthenticatedApp, {
    docs: "apps/apps#get-the-authenticated-app",
    auth: "app",
  }),
  route("GET", "/app/installations/{id}", getAnInstallationForTheAuthenticatedApp, {
    docs: "apps/apps#get-an-installation-for-the-authenticated-app",
    auth: "app",
  }),
  route("POST", "/app/installations/{id}/access_tokens", createAnInstallationAccessTokenForAnApp, {
    docs: "apps/apps#create-an-installation-access-token-for-an-app",
    auth: "app",
  }),
  route(
    "GET",
    "/repos/{owner}/{repo}/installation",
    getARepositoryInstallationForTheAuthenticatedApp,
    { docs: "apps/apps#get-a-repository-installation-for-the-authenticated-app", auth: "app" },
  ),
  route("GET", "/orgs/{org}/installation", getAnOrganizationInstallationForTheAuthenticatedApp, {
    docs: "apps/apps#get-an-organization-installation-for-the-authenticated-app",
    auth: "app",
  }),
  route("GET", "/installation/repositories", listRepositoriesAccessibleToTheAppInstallation, {
    docs: "apps/installations#list-repositories-accessible-to-the-app-installation",
  }),
];
