/**
 * Who an OWNERS file lets release: the approvers of the repository's root, as Prow's
 * `repoowners` resolves them (aliases expanded once, logins compared case-insensitively). Pure.
 *
 * Only the root's approvers count: the top-level `approvers`, or those of the catch-all `".*"`
 * filter. The approvers of another filter approve changes to the files it matches, which is not
 * the whole repository a release is cut from; reviewers and emeritus approvers grant nothing.
 */
import {
  normalizeLogin,
  type OwnersAliases,
  type OwnersFile,
  parseAliasesFile,
  parseOwnersFile,
} from "./parse.js";

export interface RootOwners {
  /** The approvers of the whole repository, in the file's order, each once, as spelt there. */
  approvers: string[];
  reviewers: string[];
  emeritusApprovers: string[];
  /** Approvers of some files only: each login with the first filter that names it. */
  fileApprovers: Array<{ login: string; pattern: string }>;
}

/** What a login is in the file, the most a release needs first. */
export type Standing =
  | { kind: "approver" }
  | { kind: "file-approver"; pattern: string }
  | { kind: "reviewer" }
  | { kind: "emeritus" }
  | { kind: "none" };

export function rootOwners(file: OwnersFile, aliases: OwnersAliases): RootOwners {
  const expand = (names: readonly string[]) => expandAliases(names, aliases);
  const fileApprovers: RootOwners["fileApprovers"] = [];
  for (const filter of file.filters) {
    for (const login of expand(filter.approvers)) {
      if (!fileApprovers.some((known) => sameLogin(known.login, login))) {
        fileApprovers.push({ login, pattern: filter.pattern });
      }
    }
  }
  return {
    approvers: expand(file.root.approvers),
    reviewers: expand(file.root.reviewers),
    emeritusApprovers: expand(file.root.emeritusApprovers),
    fileApprovers,
  };
}

export function isApprover(owners: RootOwners, login: string): boolean {
  return owners.approvers.some((approver) => sameLogin(approver, login));
}

export function standingOf(owners: RootOwners, login: string): Standing {
  if (isApprover(owners, login)) return { kind: "approver" };
  const forFiles = owners.fileApprovers.find((entry) => sameLogin(entry.login, login));
  if (forFiles) return { kind: "file-approver", pattern: forFiles.pattern };
  if (owners.reviewers.some((name) => sameLogin(name, login))) return { kind: "reviewer" };
  if (owners.emeritusApprovers.some((name) => sameLogin(name, login))) return { kind: "emeritus" };
  return { kind: "none" };
}

/**
 * Names with each alias replaced by its members (Prow's `ExpandAliases`: one level, an alias's
 * members are logins), each login once.
 */
export function expandAliases(names: readonly string[], aliases: OwnersAliases): string[] {
  const logins: string[] = [];
  for (const name of names) {
    for (const login of aliases.get(normalizeLogin(name)) ?? [name]) {
      const spelt = login.replace(/^@/, "");
      if (!logins.some((known) => sameLogin(known, spelt))) logins.push(spelt);
    }
  }
  return logins;
}

function sameLogin(a: string, b: string): boolean {
  return normalizeLogin(a) === normalizeLogin(b);
}

/** Whether `commands.permission` decides by the OWNERS file (`owners`, `owners-or-maintain`). */
export function decidesByOwners(permission: string): boolean {
  return permission === "owners" || permission === "owners-or-maintain";
}

/** Where Prow reads aliases from: the repository's root, whichever OWNERS file is used. */
export const ALIASES_FILE = "OWNERS_ALIASES";

/** The root approvers as the bot will use them, or the file and what is wrong with it. */
export type OwnersRead =
  | { ok: true; file: string; owners: RootOwners }
  | { ok: false; file: string; problem: string };

/**
 * The OWNERS file and OWNERS_ALIASES as read from the default branch (null: not there) made into
 * the root's owners. A missing aliases file means no aliases (as in Prow); a missing OWNERS file,
 * or either one unreadable, is a problem the reply names.
 */
export function resolveOwners(
  file: string,
  texts: { owners: string | null; aliases: string | null },
): OwnersRead {
  if (texts.owners === null) return { ok: false, file, problem: "does not exist" };
  const parsed = parseOwnersFile(texts.owners);
  if (!parsed.ok) return { ok: false, file, problem: parsed.problem };
  const aliases =
    texts.aliases === null
      ? { ok: true as const, value: new Map() }
      : parseAliasesFile(texts.aliases);
  if (!aliases.ok) return { ok: false, file: ALIASES_FILE, problem: aliases.problem };
  return { ok: true, file, owners: rootOwners(parsed.value, aliases.value) };
}
