/**
 * The rules a repository of the local GitHub enforces, all off by default so a test opts in to
 * exactly the ones it is about (`sandbox.setRules(repo, {...})`, `repo.protect(...)`).
 */

/** The rules a ruleset or a classic protection rule can hold, by GitHub's rule names. */
export interface BranchRuleSet {
  /** Rulesets: "Block force pushes" (`non_fast_forward`). Classic: on unless `allowForcePushes`. */
  nonFastForward?: boolean;
  /** Rulesets: "Restrict deletions" (`deletion`). Classic: on unless `allowDeletions`. */
  deletion?: boolean;
  /** "Require a pull request before merging" (`pull_request`). */
  pullRequest?: boolean;
  /** "Require signed commits" (`required_signatures`). */
  requiredSignatures?: boolean;
  /** "Require linear history" (`required_linear_history`). */
  requiredLinearHistory?: boolean;
}

export interface RulesetSpec extends BranchRuleSet {
  name?: string;
  /** A branch ruleset: fnmatch patterns of branch names (`release-*`, `**`), or `~DEFAULT_BRANCH`, `~ALL`. */
  branches?: string[];
  /** A tag ruleset (target `tag`): fnmatch patterns of tag names (`v*`), or `~ALL`. */
  tags?: string[];
  /** Tag rulesets: "Restrict creations" (`creation`). */
  creation?: boolean;
  /** Tag rulesets: "Restrict updates" (`update`). */
  update?: boolean;
  /** Logins that bypass the ruleset (the App's bot is `release-bot[bot]`). */
  bypass?: string[];
}

export interface ProtectionSpec {
  /** A branch name pattern, as classic branch protection rules take them. */
  pattern: string;
  requirePullRequest?: boolean;
  /**
   * "Require approvals" under "Require a pull request before merging": a push is refused with
   * "At least N approving review(s) is/are required by reviewers with write access."
   */
  requiredApprovingReviews?: number;
  /**
   * "Require status checks to pass before merging": the check names (contexts) that must have
   * succeeded on the pushed commit; a new commit has none, so a push is refused with
   * `Required status check "<name>" is expected.` (or "N of M required status checks are expected.").
   */
  requiredStatusChecks?: string[];
  requireSignedCommits?: boolean;
  requireLinearHistory?: boolean;
  allowForcePushes?: boolean;
  allowDeletions?: boolean;
}

/** What `sandbox.setRules` takes; each field given replaces the repository's current value. */
export interface RulesInput {
  /**
   * The installation token's permissions (`{ contents: "write", ... }`, as `app.yml`'s
   * `default_permissions`): every request by the App's bot is checked against them, and
   * refs that change `.github/workflows/**` need `workflows: write`. Null: not enforced.
   */
  appPermissions?: Record<string, string> | null;
  rulesets?: RulesetSpec[];
  protection?: ProtectionSpec[];
  /** `POST /pulls` answers "No commits between …" for this long after a ref is written. */
  readAfterWriteLagMs?: number;
  /** Rebase merges drop commits that became empty (GitHub does; off keeps them). */
  rebaseDropsEmpty?: boolean;
  /** Assignees must be assignable: an explicit role of triage or more, or the owner; never a bot. */
  assignableOnly?: boolean;
  /** `maintainer_can_modify: true` on a pull request within the repository: 422 `fork_collab`. */
  refuseMaintainerEdits?: boolean;
  /**
   * "Enable release immutability": releases published from now on lock their tag and assets, and
   * the tag name of a deleted one can never be used again (`rules/immutable-releases.ts`).
   */
  immutableReleases?: boolean;
  /**
   * How a release whose commit changes `.github/workflows/` is refused to a token without
   * `workflows: write`: 404 (GitHub's documented answer) or 403 (what "some authentication
   * paths surface").
   */
  workflowReleaseStatus?: 404 | 403;
}

export interface RepoRules extends Required<Omit<RulesInput, "appPermissions">> {
  appPermissions: Record<string, string> | null;
  /** When a ref of the repository was last written (ms), for the read-after-write lag. */
  lastRefWriteMs: number;
}

export function noRules(): RepoRules {
  return {
    appPermissions: null,
    rulesets: [],
    protection: [],
    readAfterWriteLagMs: 0,
    rebaseDropsEmpty: false,
    assignableOnly: false,
    refuseMaintainerEdits: false,
    immutableReleases: false,
    workflowReleaseStatus: 404,
    lastRefWriteMs: 0,
  };
}

export function applyRules(rules: RepoRules, input: RulesInput): void {
  if (input.appPermissions !== undefined) rules.appPermissions = input.appPermissions;
  if (input.rulesets !== undefined) rules.rulesets = input.rulesets;
  if (input.protection !== undefined) rules.protection = input.protection;
  if (input.readAfterWriteLagMs !== undefined)
    rules.readAfterWriteLagMs = input.readAfterWriteLagMs;
  if (input.rebaseDropsEmpty !== undefined) rules.rebaseDropsEmpty = input.rebaseDropsEmpty;
  if (input.assignableOnly !== undefined) rules.assignableOnly = input.assignableOnly;
  if (input.refuseMaintainerEdits !== undefined) {
    rules.refuseMaintainerEdits = input.refuseMaintainerEdits;
  }
  if (input.immutableReleases !== undefined) rules.immutableReleases = input.immutableReleases;
  if (input.workflowReleaseStatus !== undefined) {
    rules.workflowReleaseStatus = input.workflowReleaseStatus;
  }
}

/**
 * fnmatch as rulesets and classic protection use it: `*` any run of characters but `/`, `**`
 * any run including `/`, `?` one character.
 */
export function branchMatches(pattern: string, branch: string, defaultBranch: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return branch === defaultBranch;
  const name = pattern.replace(/^refs\/heads\//, "");
  let source = "";
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    if (ch === "*" && name[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`).test(branch);
}
