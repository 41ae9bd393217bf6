/**
 * Rulesets and classic branch protection, checked on every write of a branch that does not
 * come through a pull request merge, as GitHub checks a push:
 * - rulesets ("About rulesets", https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets):
 *   422 "Repository rule violations found" followed by each violated rule's message, the
 *   messages GitHub prints for a push (`GH013`) and the REST API returns;
 * - classic protection ("About protected branches", https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches):
 *   422 with the rule's own message ("Changes must be made through a pull request.",
 *   "Cannot force-push to this protected branch"; the deletion message is a best guess
 *   modelled on the force-push one). With required approvals, "At least 1 approving review is
 *   required by reviewers with write access." instead of the pull request's message; with
 *   required status checks not yet passed on the pushed commit, `Required status check "build"
 *   is expected.` ("2 of 2 required status checks are expected." for several), after the pull
 *   request's message when both apply (GitHub's words in its GH006 push refusals, quoted in
 *   public threads: openwrt/packages#7624, kubeflow/pipelines#4384, supportpal/github-gh-cli#47,
 *   microsoft/vscode-remote-repositories-github#252).
 * - a branch ruleset's "Restrict creations": 422 "Reference update failed" and nothing more to a
 *   branch's creation through the REST API (actions/github-script#455, release-plz/action#518,
 *   github/rest-api-description#4887).
 * Script API actions stage a scenario and are never checked.
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { runsForCommit } from "../ops/checks.js";
import { HttpError } from "../util.js";
import { type BranchRuleSet, branchMatches, type RulesetSpec } from "./settings.js";
import { isSigned } from "./signatures.js";

export const RULE_VIOLATIONS = "Repository rule violations found";

export const RULESET_MESSAGES = {
  deletion: "Cannot delete this branch",
  nonFastForward: "Cannot force-push to this branch",
  pullRequest: "Changes must be made through a pull request.",
  requiredSignatures: "Commits must have verified signatures.",
  requiredLinearHistory: "This branch must not contain merge commits.",
} as const;

export const PROTECTION_MESSAGES = {
  deletion: "Cannot delete this protected branch",
  nonFastForward: "Cannot force-push to this protected branch",
  pullRequest: "Changes must be made through a pull request.",
  requiredSignatures: "Commits must have verified signatures.",
  requiredLinearHistory: "This branch must not contain merge commits.",
} as const;

type RuleName = keyof typeof RULESET_MESSAGES;

/** The bare answer to a branch creation a ruleset restricts. */
export const REFERENCE_UPDATE_FAILED = "Reference update failed";

/** Classic protection's approvals message, as GitHub words it for 1 and for more. */
export function approvingReviewsMessage(count: number): string {
  return count === 1
    ? "At least 1 approving review is required by reviewers with write access."
    : `At least ${count} approving reviews are required by reviewers with write access.`;
}

/** Classic protection's required status checks message, for the checks not passed on a commit. */
export function statusChecksMessage(missing: readonly string[], required: number): string {
  return missing.length === 1 && required === 1
    ? `Required status check "${missing[0]}" is expected.`
    : `${missing.length} of ${required} required status checks are expected.`;
}

export interface BranchWrite {
  ref: string;
  before: string | null;
  after: string | null;
}

/** The rules of every active ruleset on `branch` for this actor (bypass lists applied). */
export function rulesetRulesFor(
  repo: RepoRecord,
  branch: string,
  login: string | null,
): Array<{ rulesetId: number; rules: BranchRuleSet }> {
  return repo.rules.rulesets.flatMap((ruleset, index) => {
    const patterns = ruleset.branches ?? [];
    const applies = patterns.some((p) => branchMatches(p, branch, repo.defaultBranch));
    const bypassed = login !== null && (ruleset.bypass ?? []).includes(login);
    return applies && !bypassed ? [{ rulesetId: index + 1, rules: ruleset }] : [];
  });
}

/**
 * What `GET /branches` shows as `protected`: classic protection or any ruleset on the branch
 * (GitHub reports ruleset-covered branches as protected too).
 */
export function isProtected(repo: RepoRecord, branch: string): boolean {
  return (
    rulesetRulesFor(repo, branch, null).length > 0 || protectionRulesFor(repo, branch).length > 0
  );
}

function protectionsFor(repo: RepoRecord, branch: string) {
  return repo.rules.protection.filter((p) => branchMatches(p.pattern, branch, repo.defaultBranch));
}

function protectionRulesFor(repo: RepoRecord, branch: string): BranchRuleSet[] {
  return protectionsFor(repo, branch).map((p) => ({
    deletion: p.allowDeletions !== true,
    nonFastForward: p.allowForcePushes !== true,
    pullRequest: p.requirePullRequest === true || (p.requiredApprovingReviews ?? 0) > 0,
    requiredSignatures: p.requireSignedCommits === true,
    requiredLinearHistory: p.requireLinearHistory === true,
  }));
}

/**
 * Classic protection's refusal of an update: the pull request's (or its approvals') message,
 * then the required status checks the new commit has not passed (check runs of that name that
 * succeeded on it count). Null when neither applies.
 */
function protectionUpdateRefusal(repo: RepoRecord, branch: string, after: string): string | null {
  const messages: string[] = [];
  for (const p of protectionsFor(repo, branch)) {
    const reviews = p.requiredApprovingReviews ?? 0;
    if (reviews > 0) messages.push(approvingReviewsMessage(reviews));
    else if (p.requirePullRequest) messages.push(PROTECTION_MESSAGES.pullRequest);
    const required = p.requiredStatusChecks ?? [];
    const passed = (name: string) =>
      runsForCommit(repo, after, name).some((run) => run.conclusion === "success");
    const missing = required.filter((name) => !passed(name));
    if (missing.length > 0) messages.push(statusChecksMessage(missing, required.length));
  }
  return messages.length > 0 ? messages.join(" ") : null;
}

/** Throws GitHub's refusal when a ruleset or a protection rule forbids this write. */
export async function checkBranchRules(
  ctx: OpContext,
  repo: RepoRecord,
  write: BranchWrite,
): Promise<void> {
  if (ctx.actor.script || !write.ref.startsWith("refs/heads/")) return;
  const branch = write.ref.slice("refs/heads/".length);
  const login = ctx.actor.user?.login ?? null;
  const rulesets = rulesetRulesFor(repo, branch, login).map((r) => r.rules);
  const protections = protectionRulesFor(repo, branch);
  if (rulesets.length === 0 && protections.length === 0) return;
  if (write.before === null && rulesets.some((r) => (r as RulesetSpec).creation)) {
    throw new HttpError(422, REFERENCE_UPDATE_FAILED);
  }
  const broken = await brokenRules(repo, write);
  const rulesetViolations = broken.filter((rule) => rulesets.some((r) => r[rule]));
  if (rulesetViolations.length > 0) {
    const lines = rulesetViolations.map((rule) => RULESET_MESSAGES[rule]);
    throw new HttpError(422, `${RULE_VIOLATIONS}\n\n${lines.join("\n\n")}\n\n`);
  }
  const protectionViolation = broken.find((rule) => protections.some((p) => p[rule]));
  if (protectionViolation === "pullRequest" && write.after !== null) {
    const refusal = protectionUpdateRefusal(repo, branch, write.after);
    if (refusal) throw new HttpError(422, refusal);
  }
  if (protectionViolation) throw new HttpError(422, PROTECTION_MESSAGES[protectionViolation]);
  // Required status checks alone (no pull request required): any update must have passed them.
  if (write.before !== null && write.after !== null) {
    const refusal = protectionUpdateRefusal(repo, branch, write.after);
    if (refusal) throw new HttpError(422, refusal);
  }
}

/** Which rules this write would break if they were on. */
async function brokenRules(repo: RepoRecord, write: BranchWrite): Promise<RuleName[]> {
  const git = repo.git;
  if (write.after === null) return ["deletion"];
  const broken: RuleName[] = [];
  if (write.before !== null) {
    broken.push("pullRequest");
    if (!(await git.isAncestor(write.before, write.after))) broken.push("nonFastForward");
  }
  const added = await newCommits(repo, write);
  const commits = await git.readCommits(added);
  if (added.some((sha) => !isSigned(repo, sha))) broken.push("requiredSignatures");
  if ([...commits.values()].some((c) => c.parents.length > 1)) {
    broken.push("requiredLinearHistory");
  }
  return broken;
}

/** Commits the write brings to the branch: new to it, or for a new branch, new to every branch. */
async function newCommits(repo: RepoRecord, write: BranchWrite): Promise<string[]> {
  const after = write.after as string;
  if (write.before !== null) return repo.git.revList([after, `^${write.before}`]);
  const heads = (await repo.git.forEachRef("refs/heads")).map((r) => `^${r.sha}`);
  return repo.git.revList([after, ...heads]);
}
