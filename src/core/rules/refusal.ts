/**
 * What GitHub's refusal of a write means for an admin. Pure: status, message and the
 * `X-Accepted-GitHub-Permissions` header in, the rule or permission and the fix out.
 *
 * - A missing App permission is 403 "Resource not accessible by integration", and the header
 *   names what would do; a ref that changes `.github/workflows/` without the `workflows`
 *   permission is refused with "refusing to allow a GitHub App to create or update workflow".
 * - A ruleset answers 422 "Repository rule violations found" and each rule's message; classic
 *   branch protection answers with the rule's message alone. The messages are GitHub's. Tag
 *   rulesets refuse a tag's creation, move or deletion the same way. GitHub's answer does not
 *   name the ruleset: a caller that looked the names up (`github/rulesets.ts`) passes them in.
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
];

/** GitHub's rule type (`GET /rulesets/{id}` `rules[].type`) for each rule a message can name. */
const RULE_TYPES: Readonly<Record<string, string>> = {
  "Require a pull request before merging": "pull_request",
  "Block force pushes": "non_fast_forward",
  "Restrict creations": "creation",
  "Restrict updates": "update",
  "Restrict deletions": "deletion",
  "Require signed commits": "required_signatures",
  "Require linear history": "required_linear_history",
};

/** The rule types a refusal's message names (`["creation"]` for "creations being restricted"). */
export function violatedRuleTypes(message: string): string[] {
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
  if (!isRuleRefusal(status, message)) return null;
  const rules = RULE_MESSAGES.filter(([pattern]) => pattern.test(message)).map(([, rule]) => rule);
  const what = rules.length > 0 ? rules.map((r) => `"${r}"`).join(", ") : "a branch rule";
  const subject = ref?.kind ?? "branch";
  const rulesets = ref?.rulesets ?? [];
  const names = rulesets.map((name) => `"${name}"`).join(", ");
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
    : {
        kind: "rule",
        what: `the branch protection rule ${what}`,
        fix: 'a repository admin must let the App bypass the protection ("Allow specified actors to bypass"), or turn the rule off for this branch',
      };
}

/** For the user: what refused, and what an admin must change (no closing period: it is embedded). */
export function refusalSentence(refusal: Refusal): string {
  return `refused by ${refusal.what}; ${refusal.fix}`;
}
