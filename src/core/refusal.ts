/**
 * What GitHub's refusal of a write means for an admin. Pure: status, message and the
 * `X-Accepted-GitHub-Permissions` header in, the rule or permission and the fix out.
 *
 * - A missing App permission is 403 "Resource not accessible by integration", and the header
 *   names what would do; a ref that changes `.github/workflows/` without the `workflows`
 *   permission is refused with "refusing to allow a GitHub App to create or update workflow".
 * - A ruleset answers 422 "Repository rule violations found" and each rule's message; classic
 *   branch protection answers with the rule's message alone. The messages are GitHub's.
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
  [/Cannot delete this/i, "Restrict deletions"],
  [/verified signatures/i, "Require signed commits"],
  [/must not contain merge commits/i, "Require linear history"],
];

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

export function describeRefusal(
  status: number,
  message: string,
  acceptedPermissions?: string,
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
      fix: "an organization owner must grant it to the App (app.yml lists what release-bot needs) and accept it on the installation",
    };
  }
  if (!isRuleRefusal(status, message)) return null;
  const rules = RULE_MESSAGES.filter(([pattern]) => pattern.test(message)).map(([, rule]) => rule);
  const what = rules.length > 0 ? rules.map((r) => `"${r}"`).join(", ") : "a branch rule";
  return RULESET.test(message)
    ? {
        kind: "rule",
        what: `the ruleset rule ${what}`,
        fix: "a repository admin must add the App to the ruleset's bypass list, or exclude the branch from that rule",
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
