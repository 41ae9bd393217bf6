/**
 * Who may release, as the dashboard says it: from `commands.permission` and, when it decides by
 * OWNERS, the approvers read from the file (or why it could not be read). Pure. Logins are code
 * spans: the dashboard never pings them.
 */
import type { Config } from "../../config.js";
import type { OwnersRead } from "../owners/approvers.js";
import { namedApprovers } from "../owners/refusal.js";
import { codeSpan } from "../text/markdown.js";
import { MAX_LISTED, type Releasers } from "./status.js";

/** `owners` is null for a role (nothing was read). */
export function releasersOf(
  settings: Pick<Config["commands"], "permission" | "ownersFile">,
  owners: OwnersRead | null,
): Releasers {
  const { permission, ownersFile: file } = settings;
  if (owners === null) return { kind: "role", minimum: permission };
  const orMaintain = permission === "owners-or-maintain";
  if (owners.ok) return { kind: "owners", file, approvers: owners.owners.approvers, orMaintain };
  return {
    kind: "owners-problem",
    file,
    problemFile: owners.file,
    problem: owners.problem,
    orMaintain,
  };
}

/** Whether the stored answer still fits the configuration, so that nothing is read again. */
export function releasersFit(
  stored: Releasers | undefined,
  settings: Pick<Config["commands"], "permission" | "ownersFile">,
): boolean {
  const { permission, ownersFile } = settings;
  if (stored === undefined) return false;
  if (stored.kind === "role") return stored.minimum === permission;
  if (permission !== "owners" && permission !== "owners-or-maintain") return false;
  return stored.orMaintain === (permission === "owners-or-maintain") && stored.file === ownersFile;
}

export function releasersSection(releasers: Releasers): string {
  const maintain = "people with the `maintain` role or higher";
  switch (releasers.kind) {
    case "role":
      return `**Who may release:** people with the \`${releasers.minimum}\` role or higher on this repository.`;
    case "owners": {
      const file = codeSpan(releasers.file);
      const who =
        releasers.approvers.length > 0
          ? `the approvers in ${file}: ${namedApprovers(releasers.approvers, MAX_LISTED)}`
          : `nobody from ${file}, which names no approvers for the whole repository`;
      return `**Who may release:** ${who}${releasers.orMaintain ? `; and ${maintain}` : ""}.`;
    }
    case "owners-problem":
      return `**Who may release:** ${releasers.orMaintain ? `${maintain}; no approver` : "nobody"} until ${codeSpan(releasers.problemFile)} on the default branch is fixed: it ${releasers.problem}.`;
  }
}
