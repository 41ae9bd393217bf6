/**
 * The workspace of a conflicting pick: a draft pull request into the release branch from the
 * pick branch, holding the pick with every cleanly merged file applied and each conflicting
 * file carrying git's markers, so the conflict is resolved where it is seen (in the browser or
 * locally) instead of started over from a list of commands. Its commit message, its markers'
 * labels and its description. Pure.
 */
import { CHERRY_PICKED_PREFIX } from "../git/trailers.js";
import { codeSpan, oneLine, shellQuote as q } from "../text/markdown.js";
import { pickCommitMessage } from "./authorship.js";
import type { PathMerge } from "./merge/file.js";
import type { PickCommit } from "./plan.js";
import { pickBody } from "./pull-request.js";

/** What the status row records of a workspace: its pull request and the head release-bot wrote. */
export interface WorkspaceRecord {
  pr: number;
  /** The workspace commit release-bot made; null when it found the workspace made already. */
  head: string | null;
}

/** The labels of the conflict markers: `<<<<<<< release-1.5`, `>>>>>>> 1a2b3c4d5e6f (Fix it)`. */
export function markerLabels(branch: string, commit: PickCommit): { ours: string; theirs: string } {
  return { ours: branch, theirs: `${commit.sha.slice(0, 12)} (${subjectOf(commit.message)})` };
}

function subjectOf(message: string): string {
  return oneLine(message.trim().split("\n")[0] ?? "").trim();
}

/**
 * The workspace commit's message: one picked commit keeps its message (as `git cherry-pick -x`
 * writes it); several become one commit naming each, so the workspace is one commit to resolve.
 */
export function workspaceMessage(
  commits: readonly PickCommit[],
  pick: { number: number; branch: string; title: string },
  signed: boolean,
): string {
  if (commits.length === 1) return pickCommitMessage(commits[0] as PickCommit, signed);
  const lines = commits.map((c) => `* ${subjectOf(c.message)}\n${CHERRY_PICKED_PREFIX}${c.sha})`);
  return `[${pick.branch}] ${oneLine(pick.title)}\n\nCherry-pick of #${pick.number} onto ${pick.branch}, ${commits.length} commits:\n\n${lines.join("\n")}\n`;
}

export type ConflictingPath = Extract<PathMerge, { clean: false }>;

export interface WorkspaceBodyInput {
  number: number;
  branch: string;
  pickBranch: string;
  /** The original pull request's description, kept below (release notes blocks, links). */
  originalBody: string | null;
  conflicts: readonly ConflictingPath[];
  /** The repository's web address, for the edit links. */
  repoUrl: string;
  /** The commit whose pick conflicted, named as the markers name it. */
  theirs: string;
}

/** The description: what conflicts where, and how to finish in the browser or locally. */
export function workspaceBody(input: WorkspaceBodyInput): string {
  const { branch, pickBranch } = input;
  const edit = (path: string) =>
    `${input.repoUrl}/edit/${encodeURI(pickBranch)}/${path.split("/").map(encodeURIComponent).join("/")}`;
  const lead = pickBody(input.number, branch, null);
  const marked = input.conflicts.filter((c) => c.content !== null);
  const lines = [
    lead,
    "",
    `> [!WARNING]\n> The pick conflicts with ${codeSpan(branch)}. This draft holds it with every cleanly merged file applied and the conflicts marked. Resolve them here, then mark the pull request ready for review.`,
    "",
    "#### Files in conflict",
    "",
    ...input.conflicts.map((c) => `- ${codeSpan(c.path)}: ${describeConflict(c)}`),
    "",
    "#### Finish in the browser",
    "",
    ...marked.map((c) => `- [Edit ${codeSpan(c.path)}](${edit(c.path)})`),
    "",
    `In each file keep the lines it needs between ${codeSpan(`<<<<<<< ${branch}`)} and ${codeSpan(`>>>>>>> ${input.theirs}`)}, delete the three marker lines, and commit to this branch. The \`conflict markers\` check turns green once no marker is left.`,
    "",
    "#### Finish locally",
    "",
    "```sh",
    `git fetch origin ${q(pickBranch)}`,
    `git switch ${q(pickBranch)}`,
    "# resolve the conflicts, then:",
    `git commit -a -m ${q(`Resolve the conflicts of the pick onto ${branch}`)}`,
    `git push origin ${q(pickBranch)}`,
    "```",
  ];
  if (input.originalBody) lines.push("", "---", "", input.originalBody);
  return lines.join("\n");
}

function describeConflict(conflict: ConflictingPath): string {
  switch (conflict.kind) {
    case "binary":
      return "a binary file changed on both sides; it holds the release branch's version, replace it with the one the branch needs";
    case "modify/delete":
      return "deleted on one side and changed on the other; the markers hold the changed text against nothing: keep the file or delete it";
    case "content": {
      const ranges = conflict.hunks.map((h) =>
        h.resultEnd > h.resultStart
          ? `lines ${h.resultStart}–${h.resultEnd}`
          : `line ${h.resultStart}`,
      );
      return `${conflict.hunks.length} conflict${conflict.hunks.length === 1 ? "" : "s"} (${ranges.join(", ")})`;
    }
  }
}
