/**
 * The command names release-bot answers to, how each is written, and the names of other bots'
 * commands it stays silent on.
 */

export type KnownName = "branch" | "rc" | "release" | "publish" | "cherry-pick" | "help" | "status";

export const COMMAND_USAGE: Record<KnownName, string> = {
  branch: "/branch <major.minor> [from <ref>] [--force] [--dry-run]",
  rc: "/rc <major.minor> [--dry-run]",
  release: "/release <major.minor> [--force] [--dry-run]",
  publish: "/publish <version> [--dry-run]",
  "cherry-pick": "/cherry-pick <branch> [<branch> ...] [--dry-run]",
  help: "/help",
  status: "/status [<major.minor>]",
};

export const COMMAND_EXAMPLES: Record<KnownName, string> = {
  branch: "/branch 1.5",
  rc: "/rc 1.5",
  release: "/release 1.5",
  publish: "/publish 1.5.0",
  "cherry-pick": "/cherry-pick release-1.5",
  help: "/help",
  status: "/status 1.5",
};

/** Names we answer to, lower case; Prow spells cherry-pick `cherrypick`. */
export const KNOWN_COMMANDS: ReadonlyMap<string, KnownName> = new Map<string, KnownName>([
  ["branch", "branch"],
  ["rc", "rc"],
  ["release", "release"],
  ["publish", "publish"],
  ["cherry-pick", "cherry-pick"],
  ["cherrypick", "cherry-pick"],
  ["help", "help"],
  ["status", "status"],
]);

/**
 * Commands of Prow and other bots common in Kubeflow repositories. They are not ours and get no
 * answer, not even "unknown command". Any `/remove-...` is Prow's as well.
 */
export const FOREIGN_COMMANDS: ReadonlySet<string> = new Set([
  // Prow: review and merge
  "lgtm",
  "approve",
  "hold",
  "unhold",
  "override",
  "skip",
  // Prow: CI
  "retest",
  "retest-required",
  "test",
  "ok-to-test",
  // Prow: people
  "assign",
  "unassign",
  "cc",
  "uncc",
  "auto-cc",
  // Prow: labels
  "kind",
  "area",
  "priority",
  "sig",
  "wg",
  "committee",
  "triage",
  "lifecycle",
  "label",
  "stage",
  "good-first-issue",
  "release-note",
  "release-note-none",
  "release-note-edit",
  // Prow: issues and pull requests
  "close",
  "reopen",
  "milestone",
  "project",
  "retitle",
  "transfer",
  "transfer-issue",
  "verify-owners",
  "lint",
  "bugzilla",
  "jira",
  // Prow: fun
  "joke",
  "meow",
  "meowvie",
  "woof",
  "bark",
  "honk",
  "pony",
  "shrug",
  "unshrug",
  "this-is-fine",
  "this-is-not-fine",
  "this-is-unbearable",
  // CLA / DCO bots, other CI and review bots
  "easycla",
  "check-cla",
  "check-dco",
  "gemini",
  "gcbrun",
  "azp",
  "rebase",
]);

export function isForeignCommand(name: string): boolean {
  return FOREIGN_COMMANDS.has(name) || name.startsWith("remove-");
}
