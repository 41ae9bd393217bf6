/**
 * The replies that tell someone why the OWNERS file does not let them run a command, and whom to
 * ask instead. Pure. Logins are shown as code spans: a refusal never pings the approvers.
 */
import { codeSpan } from "../text/markdown.js";
import type { RootOwners, Standing } from "./approvers.js";

/** Most approvers a reply names; the rest are counted. */
export const MAX_NAMED = 10;

export interface OwnersRefusal {
  author: string;
  /** The command as the user typed it: `/rc 1.5`. */
  command: string;
  /** The OWNERS file's path. */
  file: string;
  owners: RootOwners;
  /** Anything but an approver, who is not refused. */
  standing: Exclude<Standing, { kind: "approver" }>;
  /** With `owners-or-maintain`: the commenter's repository role, which is below `maintain`. */
  role?: string;
}

export function ownersRefusalMessage(refusal: OwnersRefusal): string {
  const { author, command, file, owners, role } = refusal;
  const who =
    role === undefined
      ? `only approvers in ${codeSpan(file)}`
      : `only approvers in ${codeSpan(file)} or people with the \`maintain\` role or higher`;
  const you =
    describeStanding(refusal.standing) +
    (role === undefined ? "" : ` and your role is \`${role}\``);
  const head = `Sorry @${author}, ${who} can run ${codeSpan(command)}; ${you}.`;
  if (owners.approvers.length === 0) {
    return `${head} ${codeSpan(file)} names no approvers for the whole repository (a top-level \`approvers\` list or a \`".*"\` filter): add them there.`;
  }
  return `${head} Ask one of them (${namedApprovers(owners.approvers)}) to run it.`;
}

/** The approvers as code spans, the first `max`, then how many more. */
export function namedApprovers(approvers: readonly string[], max = MAX_NAMED): string {
  const named = approvers.slice(0, max).map((login) => codeSpan(login));
  const more = approvers.length - named.length;
  return more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
}

function describeStanding(standing: OwnersRefusal["standing"]): string {
  switch (standing.kind) {
    case "file-approver":
      return `you approve only the files matching ${codeSpan(standing.pattern)}, not the whole repository`;
    case "reviewer":
      return "you are listed as a reviewer";
    case "emeritus":
      return "you are listed as an emeritus approver, who no longer approves";
    case "none":
      return "you are not listed there";
  }
}

/** The OWNERS file could not be read: what is wrong with it, and how to fix it. */
export function ownersProblemMessage(command: string, file: string, problem: string): string {
  return `${codeSpan(command)} was not run: ${codeSpan(file)} on the default branch ${problem}. Fix it there (or point \`commands.ownersFile\` at the right file) and comment again.`;
}
