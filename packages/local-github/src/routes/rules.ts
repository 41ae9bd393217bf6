import type { Router } from "../router.js";
import { rulesetRulesFor } from "../rules/branch-rules.js";
import type { BranchRuleSet } from "../rules/settings.js";

/** GitHub's rule objects for the rules of one ruleset, as `GET /rules/branches/{branch}` lists them. */
function ruleObjects(fullName: string, rulesetId: number, rules: BranchRuleSet) {
  const source = {
    ruleset_source_type: "Repository",
    ruleset_source: fullName,
    ruleset_id: rulesetId,
  };
  const objects: Array<Record<string, unknown>> = [];
  if (rules.deletion) objects.push({ type: "deletion", ...source });
  if (rules.nonFastForward) objects.push({ type: "non_fast_forward", ...source });
  if (rules.requiredLinearHistory) objects.push({ type: "required_linear_history", ...source });
  if (rules.requiredSignatures) objects.push({ type: "required_signatures", ...source });
  if (rules.pullRequest) {
    objects.push({
      type: "pull_request",
      parameters: {
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_approving_review_count: 0,
        required_review_thread_resolution: false,
        allowed_merge_methods: ["merge", "squash", "rebase"],
      },
      ...source,
    });
  }
  return objects;
}

/**
 * `GET /repos/{o}/{r}/rules/branches/{branch}` ("Get rules for a branch",
 * https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch): the rules of every
 * active ruleset on the branch, whoever asks (bypass lists do not hide rules). Classic branch
 * protection is not listed, as on GitHub.
 */
export function ruleRoutes(router: Router): void {
  router.get(
    "/repos/{owner}/{repo}/rules/branches/{branch+}",
    (c) => {
      const repo = c.repo();
      const rulesets = rulesetRulesFor(repo, c.params.branch as string, null);
      const body = rulesets.flatMap((r) => ruleObjects(repo.fullName, r.rulesetId, r.rules));
      return { status: 200, body };
    },
    { docs: "repos/rules#get-rules-for-a-branch" },
  );
}
