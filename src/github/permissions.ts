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

export interface PermissionCheck {
  allowed: boolean;
  /** The user's role as GitHub names it, for the refusal message. */
  role: string;
}

/**
 * Whether the user may run commands that write, from GitHub's collaborator permission API.
 * `role_name` tells maintain and triage apart, which the legacy `permission` field folds into
 * write and read; a custom organisation role carries its base role in `permission`.
 */
export async function checkCommandPermission(
  github: GitHub,
  repo: RepoId,
  username: string,
  minimum: Config["commands"]["permission"],
): Promise<PermissionCheck> {
  const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
  const role = (data.role_name || data.permission || "none").toLowerCase();
  const rank = Math.max(RANK[role] ?? 0, RANK[data.permission.toLowerCase()] ?? 0);
  return { allowed: rank >= RANK[minimum], role };
}
