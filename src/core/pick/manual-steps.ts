/**
 * The sections of the cherry-pick status comment that tell how to pick by hand: after a conflict,
 * and when release-bot could not tell which commits of a rebase merge landed. Pure. Everything
 * that comes from users is in code spans or shell-quoted inside the code block.
 */
import { codeSpan, escapeText, oneLine, shellQuote as q } from "../text/markdown.js";
import { pickBody } from "./pull-request.js";
import type { WorkspaceRecord } from "./workspace.js";

/** What a pick by hand needs, whatever stopped the bot. */
interface ManualPick {
  /** The branch the manual pick is pushed to. */
  pickBranch: string;
  /** The commits to pick, oldest first. */
  commits: string[];
  /** The pull request being picked, for the pick pull request's body. */
  number: number;
  /** The title of the pick pull request. */
  title: string;
}

export interface ConflictDetails extends ManualPick {
  /** The commit whose pick conflicted. */
  at: string;
  /** Files the pull request changes that also changed on the target since it branched off. */
  files: string[];
  /** More files than `files` lists. */
  moreFiles: boolean;
  /** The branch that holds the commits (the pull request's base). */
  source: string;
  /** The draft pull request holding the pick with the conflicts marked (`./workspace.ts`). */
  workspace?: WorkspaceRecord;
}

/** A rebase merge whose landed commits could not be told: `commits` are the pull request's own. */
export interface UnclearDetails extends ManualPick {
  /** Why what landed could not be established. */
  reason: string;
}

export function conflictSection(branch: string, conflict: ConflictDetails): string[] {
  const files =
    conflict.files.length > 0
      ? [
          `Files most likely in conflict (changed by this pull request and on ${codeSpan(branch)} since it branched off):`,
          "",
          ...conflict.files.map((file) => `- ${codeSpan(file)}`),
          ...(conflict.moreFiles ? ["- and more"] : []),
        ]
      : [
          "No file changed by this pull request has changed on the branch since it branched off; the conflict comes from changes made on the source branch before this pull request.",
        ];
  const at =
    conflict.commits.length > 1
      ? ` Picking ${codeSpan(conflict.at.slice(0, 12))} (${conflict.commits.indexOf(conflict.at) + 1} of ${conflict.commits.length}) conflicted.`
      : "";
  const workspace = conflict.workspace;
  const advice = ["# resolve the conflicts, git add the files, then: git cherry-pick --continue"];
  return [
    `#### Conflict on ${codeSpan(branch)}`,
    "",
    workspace
      ? `Draft pull request #${workspace.pr} holds the pick with the conflicts marked: resolve them there, in the browser or locally (its description says how).${at}`
      : `The pick stopped and left nothing behind.${at}`,
    "",
    ...files,
    "",
    workspace ? "Or start over by hand, replacing the draft's branch:" : "To pick by hand:",
    "",
    "```sh",
    `git fetch origin ${q(conflict.source)}`,
    ...(workspace
      ? [
          ...pickCommands(branch, conflict, advice).slice(0, -2),
          `git push --force-with-lease origin ${q(conflict.pickBranch)}`,
          `gh pr ready ${workspace.pr}`,
        ]
      : pickCommands(branch, conflict, advice)),
    "```",
  ];
}

/**
 * The pull request's own commits (fetched from `pull/<n>/head`: a rebase merge does not put them
 * on the base branch), for whoever knows which of them the branch needs.
 */
export function unclearSection(branch: string, unclear: UnclearDetails): string[] {
  return [
    `#### Pick by hand onto ${codeSpan(branch)}`,
    "",
    `release-bot could not tell which commits of this pull request its rebase merge landed (${escapeText(unclear.reason)}), so it picked none: part of a pull request is worse than none. The commands below pick all of the pull request's commits, oldest first; leave out those the branch must not get.`,
    "",
    "```sh",
    `git fetch origin pull/${unclear.number}/head`,
    ...pickCommands(branch, unclear, [
      "# a commit whose change is on the branch already stops as empty: git cherry-pick --skip",
    ]),
    "```",
  ];
}

function pickCommands(branch: string, pick: ManualPick, advice: string[]): string[] {
  return [
    `git fetch origin ${q(branch)}`,
    `git checkout -b ${q(pick.pickBranch)} origin/${q(branch)}`,
    `git cherry-pick -x ${pick.commits.map(q).join(" ")}`,
    ...advice,
    `git push origin ${q(pick.pickBranch)}`,
    `gh pr create --base ${q(branch)} --head ${q(pick.pickBranch)} --title ${q(oneLine(pick.title))} --body ${q(pickBody(pick.number, branch, null))}`,
  ];
}
