import type { Router } from "../router.js";
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

/**
 * The App endpoints. The sandbox has one App with one installation that covers every repo;
 * any JWT is accepted (signatures are not checked).
 */
export function appRoutes(
  router: Router,
  issueToken: () => { token: string; expiresAt: string },
): void {
  router.get("/app", (c) => ({ status: 200, body: app(c.world) }), {
    docs: "apps/apps#get-the-authenticated-app",
    auth: "app",
  });

  router.get(
    "/app/installations/{id}",
    (c) => {
      if (Number(c.params.id) !== c.world.installationId) throw new HttpError(404, "Not Found");
      return { status: 200, body: installationJson(c.world, null) };
    },
    { docs: "apps/apps#get-an-installation-for-the-authenticated-app", auth: "app" },
  );

  router.post(
    "/app/installations/{id}/access_tokens",
    (c) => {
      if (Number(c.params.id) !== c.world.installationId) throw new HttpError(404, "Not Found");
      const { token, expiresAt } = issueToken();
      return {
        status: 201,
        body: {
          token,
          expires_at: expiresAt,
          permissions: PERMISSIONS,
          repository_selection: "all",
        },
      };
    },
    { docs: "apps/apps#create-an-installation-access-token-for-an-app", auth: "app" },
  );

  router.get(
    "/repos/{owner}/{repo}/installation",
    (c) => ({ status: 200, body: installationJson(c.world, c.repo().owner) }),
    { docs: "apps/apps#get-a-repository-installation-for-the-authenticated-app", auth: "app" },
  );

  router.get(
    "/orgs/{org}/installation",
    (c) => {
      const owner = c.world.findUser(c.params.org as string);
      if (!owner) throw new HttpError(404, "Not Found");
      return { status: 200, body: installationJson(c.world, owner) };
    },
    { docs: "apps/apps#get-an-organization-installation-for-the-authenticated-app", auth: "app" },
  );

  router.get(
    "/installation/repositories",
    (c) => {
      const repos = [...c.world.repos.values()];
      return {
        status: 200,
        body: {
          total_count: repos.length,
          repository_selection: "all",
          repositories: repos.map((r) => repository(c.world, r, "full")),
        },
      };
    },
    { docs: "apps/installations#list-repositories-accessible-to-the-app-installation" },
  );
}
