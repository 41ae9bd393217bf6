/**
 * Rulesets and classic branch protection, checked on every write of a branch that does not
 * come through a pull request merge, as GitHub checks a push:
 * - rulesets ("About rulesets", https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets):
 *   422 "Repository rule violations found" followed by each violated rule's message, the
 *   messages GitHub prints for a push (`GH013`) and the REST API returns;
 * - classic protection ("About protected branches", https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches):
 *   422 with the rule's own message ("Changes must be made through a pull request.",
 *   "Cannot force-push to this protected branch"; the deletion message is a best guess
 *   modelled on the force-push one).
 * Script API actions stage a scenario and are never checked.
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { HttpError } from "../util.js";
import { type BranchRuleSet, branchMatches } from "./settings.js";
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

function protectionRulesFor(repo: RepoRecord, branch: string): BranchRuleSet[] {
  return repo.rules.protection
    .filter((p) => branchMatches(p.pattern, branch, repo.defaultBranch))
    .map((p) => ({
      deletion: p.allowDeletions !== true,
      nonFastForward: p.allowForcePushes !== true,
      pullRequest: p.requirePullRequest === true,
      requiredSignatures: p.requireSignedCommits === true,
      requiredLinearHistory: p.requireLinearHistory === true,
    }));
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
  const broken = await brokenRules(repo, write);
  const rulesetViolations = broken.filter((rule) => rulesets.some((r) => r[rule]));
  if (rulesetViolations.length > 0) {
    const lines = rulesetViolations.map((rule) => RULESET_MESSAGES[rule]);
    throw new HttpError(422, `${RULE_VIOLATIONS}\n\n${lines.join("\n\n")}\n\n`);
  }
  const protectionViolation = broken.find((rule) => protections.some((p) => p[rule]));
  if (protectionViolation) throw new HttpError(422, PROTECTION_MESSAGES[protectionViolation]);
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
