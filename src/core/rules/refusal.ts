/**
 * What GitHub's refusal of a write means for an admin. Pure: status, message and the
 * `X-Accepted-GitHub-Permissions` header in, the rule or permission and the fix out.
 *
 * - A missing App permission is 403 "Resource not accessible by integration", and the header
 *   names what would do; a ref that changes `.github/workflows/` without the `workflows`
 *   permission is refused with "refusing to allow a GitHub App to create or update workflow".
 * - A ruleset answers 422 "Repository rule violations found" and each rule's message; classic
 *   branch protection answers with the rule's message alone ("Changes must be made through a
 *   pull request.", "At least 1 approving review is required by reviewers with write access.",
 *   `Required status check "build" is expected.`). The messages are GitHub's. Tag rulesets
 *   refuse a tag's creation, move or deletion the same way. GitHub's answer does not name the
 *   ruleset: a caller that looked the names up (`github/rulesets.ts`) passes them in.
 * - A ref's creation refused by a ruleset's "Restrict creations" can come back as a bare 422
 *   "Reference update failed", naming nothing.
 */

export interface Refusal {
  kind: "rule" | "permission";
  /** The rule(s) or permission, as GitHub's settings name them. */
  what: string;
  /** What a repository or organization admin must change. */
  fix: string;
}

const RULE_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/Changes must be made through a pull request/i, "Require a pull request before merging"],
  [/Cannot force-push/i, "Block force pushes"],
  [/creations being restricted/i, "Restrict creations"],
  [/Cannot update this protected ref/i, "Restrict updates"],
  [/Cannot delete this/i, "Restrict deletions"],
  [/verified signatures/i, "Require signed commits"],
  [/must not contain merge commits/i, "Require linear history"],
  [/approving reviews? (is|are) required/i, "Require approvals"],
  [/required status checks? .*(is|are) expected/i, "Require status checks to pass"],
];

/** The whole of GitHub's answer to a ref creation a ruleset's "Restrict creations" refused. */
const BARE_REF_REFUSAL = /^Reference update failed\.?$/i;

/** GitHub's rule type (`GET /rulesets/{id}` `rules[].type`) for each rule a message can name. */
const RULE_TYPES: Readonly<Record<string, string>> = {
  "Require a pull request before merging": "pull_request",
  "Block force pushes": "non_fast_forward",
  "Restrict creations": "creation",
  "Restrict updates": "update",
  "Restrict deletions": "deletion",
  "Require signed commits": "required_signatures",
  "Require linear history": "required_linear_history",
  "Require approvals": "pull_request",
  "Require status checks to pass": "required_status_checks",
};

/** The rule types a refusal's message names (`["creation"]` for "creations being restricted"). */
export function violatedRuleTypes(message: string): string[] {
  if (BARE_REF_REFUSAL.test(message.trim())) return ["creation"];
  // Every rule a message names has a type in RULE_TYPES.
  return RULE_MESSAGES.filter(([pattern]) => pattern.test(message)).map(
    ([, rule]) => RULE_TYPES[rule] as string,
  );
}

/**
 * Whether a ruleset's `conditions.ref_name` covers a ref (`refs/tags/v1.5.0`): fnmatch patterns
 * over full ref names (`*` stops at `/`, `**` does not), `~ALL`, `~DEFAULT_BRANCH`.
 */
export function rulesetCoversRef(
  condition: { include: readonly string[]; exclude: readonly string[] },
  ref: string,
  defaultBranch: string | null,
): boolean {
  const matches = (pattern: string): boolean => {
    if (pattern === "~ALL") return true;
    if (pattern === "~DEFAULT_BRANCH") return ref === `refs/heads/${defaultBranch}`;
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i] as string;
      if (ch === "*" && pattern[i + 1] === "*") {
        source += ".*";
        i++;
      } else if (ch === "*") source += "[^/]*";
      else if (ch === "?") source += "[^/]";
      else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    return new RegExp(`^${source}$`).test(ref);
  };
  return condition.include.some(matches) && !condition.exclude.some(matches);
}

const RULESET = /Repository rule violations found/i;
const CLASSIC = /protected branch|branch protection/i;

/** True when the message is a ruleset's or branch protection's refusal. */
export function isRuleRefusal(status: number, message: string): boolean {
  if (status !== 422 && status !== 403) return false;
  return (
    RULESET.test(message) ||
    CLASSIC.test(message) ||
    RULE_MESSAGES.some(([pattern]) => pattern.test(message))
  );
}

/** What the refused write was on, when the caller knows more than GitHub's answer says. */
export interface RefusedRef {
  kind: "branch" | "tag";
  /** The rulesets whose rules refused it, by name. */
  rulesets?: readonly string[];
}

export function describeRefusal(
  status: number,
  message: string,
  acceptedPermissions?: string,
  ref?: RefusedRef,
): Refusal | null {
  if (/without `?workflows`? permission/i.test(message)) {
    return {
      kind: "permission",
      what: "the App's `workflows: write` permission",
      fix: "an organization owner must grant Workflows (read and write) to the App and accept the new permission on the installation",
    };
  }
  if (status === 403 && /Resource not accessible by integration/i.test(message)) {
    const wanted = (acceptedPermissions ?? "")
      .split(/[;,]/)
      .map((p) => p.trim().replace("=", ": "))
      .filter(Boolean);
    return {
      kind: "permission",
      what:
        wanted.length > 0
          ? `the App's ${wanted.map((p) => `\`${p}\``).join(" or ")} permission`
          : "an App permission",
      fix: "an organization owner must grant it to the App (app.yml lists what release-bot needs) and accept it on the installation; run as a GitHub Action, the job's `permissions:` must grant it",
    };
  }
  const subject = ref?.kind ?? "branch";
  const rulesets = ref?.rulesets ?? [];
  const names = rulesets.map((name) => `"${name}"`).join(", ");
  if (status === 422 && BARE_REF_REFUSAL.test(message.trim())) return bareRefusal(subject, names);
  if (!isRuleRefusal(status, message)) return null;
  const rules = RULE_MESSAGES.filter(([pattern]) => pattern.test(message)).map(([, rule]) => rule);
  const what = rules.length > 0 ? rules.map((r) => `"${r}"`).join(", ") : "a branch rule";
  if (RULESET.test(message) && names !== "") {
    const plural = rulesets.length > 1;
    return {
      kind: "rule",
      what: `the rule ${what} of the ${subject} ruleset${plural ? "s" : ""} ${names}`,
      fix: `a repository admin must add the App to the bypass list of ${names}, or exclude the ${subject} from that rule`,
    };
  }
  return RULESET.test(message)
    ? {
        kind: "rule",
        what: `the ruleset rule ${what}`,
        fix: `a repository admin must add the App to the ruleset's bypass list, or exclude the ${subject} from that rule`,
      }
    : { kind: "rule", what: `the branch protection rule ${what}`, fix: classicFix(rules) };
}

/**
 * What an admin changes in classic protection: most rules have a bypass list the App can join;
 * required status checks have none, so the requirement must go (or the change comes through a
 * pull request whose checks run).
 */
function classicFix(rules: readonly string[]): string {
  if (rules.length > 0 && rules.every((rule) => rule === "Require status checks to pass")) {
    return "classic protection lets no App bypass required status checks: a repository admin must turn the requirement off for this branch, or the change must come through a pull request";
  }
  return 'a repository admin must let the App bypass the protection ("Allow specified actors to bypass"), or turn the rule off for this branch';
}

/**
 * A bare "Reference update failed": GitHub names no rule, but it is what a ruleset restricting
 * the ref's creation answers; with the rulesets that hold such a rule, they are named.
 */
function bareRefusal(subject: string, names: string): Refusal {
  if (names !== "") {
    return {
      kind: "rule",
      what: `the rule "Restrict creations" of the ${subject} ruleset(s) ${names} (GitHub answered only "Reference update failed")`,
      fix: `a repository admin must add the App to the bypass list of ${names}, or exclude the ${subject} from that rule`,
    };
  }
  return {
    kind: "rule",
    what: `a rule GitHub did not name (its bare "Reference update failed" is what a ruleset restricting the ${subject}'s creation answers)`,
    fix: `a repository admin must look at the rulesets that cover the ${subject} (Settings, Rules, Rulesets) and add the App to the bypass list of any that restricts creations, or exclude the ${subject}`,
  };
}

/** For the user: what refused, and what an admin must change (no closing period: it is embedded). */
export function refusalSentence(refusal: Refusal): string {
  return `refused by ${refusal.what}; ${refusal.fix}`;
}
