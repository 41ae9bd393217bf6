import { hasStatus } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

/** What the bot must do differently on a branch, from its rulesets. */
export interface BranchRules {
  /** "Require signed commits": commits must carry no custom author or committer. */
  signed: boolean;
}

/**
 * The active rules on a branch (`GET /repos/{o}/{r}/rules/branches/{branch}`, Metadata read).
 * Classic branch protection is not listed there; `commits.signed` covers it. A server without
 * the endpoint (404) has no rulesets.
 */
export async function readBranchRules(
  github: GitHub,
  repo: RepoId,
  branch: string,
): Promise<BranchRules> {
  try {
    const { data } = await github.rest.repos.getBranchRules({ ...repo, branch, per_page: 100 });
    return { signed: data.some((rule) => rule.type === "required_signatures") };
  } catch (error) {
    if (hasStatus(error, 404)) return { signed: false };
    throw error;
  }
}
