/**
 * Which rulesets refused a write: GitHub's answer names the rules ("Repository rule violations
 * found", then each rule's message) but not the rulesets, which an admin needs to find. Read
 * only after a refusal: the repository's rulesets for the ref's kind (`GET /rulesets`, the
 * organization's included), then each one's conditions and rules (`GET /rulesets/{id}`).
 */
import {
  type Refusal,
  type RefusedRef,
  refusalSentence,
  rulesetCoversRef,
  violatedRuleTypes,
} from "../core/rules/refusal.js";
import { isRequestFailure, requestMessage, requestRefusal } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

/** Names of the active rulesets that cover `ref` with a rule the refusal names; [] when unreadable. */
export async function rulesetsRefusing(
  github: GitHub,
  repo: RepoId,
  ref: string,
  message: string,
): Promise<string[]> {
  const types = violatedRuleTypes(message);
  if (types.length === 0) return [];
  try {
    const { data: all } = await github.rest.repos.getRepoRulesets({
      ...repo,
      targets: ref.startsWith("refs/tags/") ? "tag" : "branch",
      per_page: 100,
    });
    const details = await Promise.all(
      all
        .filter((ruleset) => ruleset.enforcement === "active")
        .map((ruleset) => github.rest.repos.getRepoRuleset({ ...repo, ruleset_id: ruleset.id })),
    );
    return details
      .map(({ data }) => data)
      .filter((ruleset) => {
        const condition = ruleset.conditions?.ref_name;
        const covers = rulesetCoversRef(
          { include: condition?.include ?? [], exclude: condition?.exclude ?? [] },
          ref,
          null,
        );
        return covers && (ruleset.rules ?? []).some((rule) => types.includes(rule.type));
      })
      .map((ruleset) => ruleset.name);
  } catch (error) {
    if (isRequestFailure(error)) return [];
    throw error;
  }
}

/**
 * For the user: the rule (with the rulesets' names when they can be read) or permission that
 * refused a write of `ref`, and what an admin must change; null when it was not a refusal.
 */
export async function explainRefusal(
  github: GitHub,
  repo: RepoId,
  ref: string,
  error: unknown,
): Promise<string | null> {
  const plain: Refusal | null = requestRefusal(error);
  if (plain === null) return null;
  if (plain.kind !== "rule") return refusalSentence(plain);
  const kind: RefusedRef["kind"] = ref.startsWith("refs/tags/") ? "tag" : "branch";
  const rulesets = await rulesetsRefusing(github, repo, ref, requestMessage(error));
  return refusalSentence(requestRefusal(error, { kind, rulesets }) ?? plain);
}
