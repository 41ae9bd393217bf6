/**
 * Tag rulesets (target `tag`, "Available rules for rulesets",
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets):
 * "Restrict creations", "Restrict updates" and "Restrict deletions" on the tags whose names
 * match, for everyone not on the bypass list; the refs API and releases creating their tag
 * answer 422 "Repository rule violations found" and the rule's message, as for branches.
 * "Cannot create ref due to creations being restricted." is GitHub's; the update and deletion
 * messages are best guesses in the same words (`GH013` push output shows them).
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { HttpError } from "../util.js";
import { RULE_VIOLATIONS } from "./branch-rules.js";
import { branchMatches, type RulesetSpec } from "./settings.js";

export const TAG_RULE_MESSAGES = {
  creation: "Cannot create ref due to creations being restricted.",
  update: "Cannot update this protected ref.",
  deletion: "Cannot delete this protected ref.",
} as const;

/** The tag rulesets on `tag` (a name without `refs/tags/`) that hold for `login`, with their ids. */
export function tagRulesetsFor(
  repo: RepoRecord,
  tag: string,
  login: string | null,
): Array<{ rulesetId: number; ruleset: RulesetSpec }> {
  return repo.rules.rulesets.flatMap((ruleset, index) => {
    const patterns = (ruleset.tags ?? []).map((p) => p.replace(/^refs\/tags\//, ""));
    const applies = patterns.some((p) => branchMatches(p, tag, repo.defaultBranch));
    const bypassed = login !== null && (ruleset.bypass ?? []).includes(login);
    return applies && !bypassed ? [{ rulesetId: index + 1, ruleset }] : [];
  });
}

/** Throws GitHub's refusal when a tag ruleset forbids creating, moving or deleting this tag. */
export async function checkTagRules(
  ctx: OpContext,
  repo: RepoRecord,
  write: { ref: string; before: string | null; after: string | null },
): Promise<void> {
  if (ctx.actor.script || !write.ref.startsWith("refs/tags/")) return;
  const rule: keyof typeof TAG_RULE_MESSAGES =
    write.before === null ? "creation" : write.after === null ? "deletion" : "update";
  const tag = write.ref.slice("refs/tags/".length);
  const login = ctx.actor.user?.login ?? null;
  const broken = tagRulesetsFor(repo, tag, login).some(({ ruleset }) => ruleset[rule] === true);
  if (broken) {
    throw new HttpError(422, `${RULE_VIOLATIONS}\n\n${TAG_RULE_MESSAGES[rule]}\n\n`);
  }
}
