import type { Config } from "../config.js";
import type { GitHub, RepoId } from "./types.js";

const RANK: Record<string, number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

export interface RepositoryRole {
  /** The user's role as GitHub names it, for the refusal message. */
  name: string;
  rank: number;
}

/**
 * The user's role on the repository, from GitHub's collaborator permission API. `role_name`
 * tells maintain and triage apart, which the legacy `permission` field folds into write and
 * read; a custom organisation role carries its base role in `permission`.
 */
export async function fetchRepositoryRole(
  github: GitHub,
  repo: RepoId,
  username: string,
): Promise<RepositoryRole> {
  const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
  const name = (data.role_name || data.permission || "none").toLowerCase();
  return { name, rank: Math.max(RANK[name] ?? 0, RANK[data.permission.toLowerCase()] ?? 0) };
}

/** Whether a role reaches the configured minimum for commands that write. */
export function roleAllows(
  role: RepositoryRole,
  minimum: Config["commands"]["permission"],
): boolean {
  return role.rank >= RANK[minimum];
}
