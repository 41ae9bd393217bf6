import type { RepoRecord } from "../model.js";
import { paginate, type RequestContext, type RouteTable, route } from "../router.js";
import { rulesetRulesFor } from "../rules/branch-rules.js";
import type { BranchRuleSet, RulesetSpec } from "../rules/settings.js";
import { HttpError, nodeId } from "../util.js";

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

/** The rule types a ruleset holds, as GitHub names them. */
function ruleTypes(ruleset: RulesetSpec): Array<{ type: string }> {
  const names: Array<[keyof RulesetSpec, string]> = ruleset.tags
    ? [
        ["creation", "creation"],
        ["update", "update"],
        ["deletion", "deletion"],
      ]
    : [
        ["deletion", "deletion"],
        ["nonFastForward", "non_fast_forward"],
        ["requiredLinearHistory", "required_linear_history"],
        ["requiredSignatures", "required_signatures"],
        ["pullRequest", "pull_request"],
      ];
  return names.filter(([field]) => ruleset[field] === true).map(([, type]) => ({ type }));
}

/** A ruleset as `GET /rulesets` (summary) or `GET /rulesets/{id}` (with conditions and rules) shows it. */
function rulesetJson(c: RequestContext, repo: RepoRecord, index: number, full: boolean) {
  const ruleset = repo.rules.rulesets[index] as RulesetSpec;
  const id = index + 1;
  const api = `${c.world.apiUrl}/repos/${repo.fullName}/rulesets/${id}`;
  const target = ruleset.tags ? "tag" : "branch";
  const prefix = ruleset.tags ? "refs/tags/" : "refs/heads/";
  const include = (ruleset.tags ?? ruleset.branches ?? []).map((p) =>
    p.startsWith("~") || p.startsWith("refs/") ? p : `${prefix}${p}`,
  );
  const at = "2024-01-01T00:00:00Z";
  return {
    id,
    name: ruleset.name ?? `ruleset ${id}`,
    target,
    source_type: "Repository",
    source: repo.fullName,
    enforcement: "active",
    node_id: nodeId("RRS", id),
    _links: {
      self: { href: api },
      html: { href: `${c.world.htmlUrl}/${repo.fullName}/rules/${id}` },
    },
    created_at: at,
    updated_at: at,
    ...(full
      ? {
          conditions: { ref_name: { include, exclude: [] } },
          rules: ruleTypes(ruleset),
        }
      : {}),
  };
}

function getAllRepositoryRulesets(c: RequestContext) {
  const repo = c.repo();
  const targets = (c.query.get("targets") ?? "branch,tag,push").split(",");
  const rulesets = repo.rules.rulesets
    .map((_, index) => rulesetJson(c, repo, index, false))
    .filter((r) => targets.includes(r.target));
  return paginate(c, rulesets);
}

function getARepositoryRuleset(c: RequestContext) {
  const repo = c.repo();
  const index = Number(c.params.ruleset_id) - 1;
  if (!Number.isInteger(index) || repo.rules.rulesets[index] === undefined) {
    throw new HttpError(404, "Not Found");
  }
  return { status: 200, body: rulesetJson(c, repo, index, true) };
}

/**
 * `GET /repos/{o}/{r}/rules/branches/{branch}` ("Get rules for a branch",
 * https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch): the rules of every
 * active ruleset on the branch, whoever asks (bypass lists do not hide rules). Classic branch
 * protection is not listed, as on GitHub.
 */
function getRulesForABranch(c: RequestContext) {
  const repo = c.repo();
  const rulesets = rulesetRulesFor(repo, c.params.branch as string, null);
  return paginate(
    c,
    rulesets.flatMap((r) => ruleObjects(repo.fullName, r.rulesetId, r.rules)),
  );
}

export const ruleRoutes: RouteTable = [
  route("GET", "/repos/{owner}/{repo}/rulesets", getAllRepositoryRulesets, {
    docs: "repos/rules#get-all-repository-rulesets",
  }),
  route("GET", "/repos/{owner}/{repo}/rulesets/{ruleset_id}", getARepositoryRuleset, {
    docs: "repos/rules#get-a-repository-ruleset",
  }),
  route("GET", "/repos/{owner}/{repo}/rules/branches/{branch+}", getRulesForABranch, {
    docs: "repos/rules#get-rules-for-a-branch",
  }),
];
