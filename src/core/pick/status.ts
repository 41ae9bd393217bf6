/**
 * The status comment of the cherry-picks of one pull request: its state, kept in the comment
 * itself as hidden JSON (the bot is stateless; any replica reads it back), and its Markdown.
 * Pure.
 *
 * Everything in the comment that comes from users (branch names, file paths, the title in the
 * manual steps) is inside code spans or a code block, escaped so that it can neither mention
 * anyone nor break out of the table or the block.
 */
import { z } from "zod";
import { codeSpan, escapeText } from "../text/markdown.js";
import {
  type ConflictDetails,
  conflictSection,
  type UnclearDetails,
  unclearSection,
} from "./manual-steps.js";

/** A commit of the pull request its rebase merge dropped: its change was on the base already. */
export interface OnBaseCommit {
  sha: string;
  subject: string;
}

type TargetOutcome =
  /** Requested on an open pull request: picked at merge. */
  | { state: "pending" }
  /**
   * Requested by someone who is not an approver (`cherryPick.approval: owners`): picked once an
   * approver adds `label` (an approval label) or repeats the command.
   */
  | { state: "awaiting"; requester: string; label: string }
  /** Requested, and the pull request was closed without merging: picked if it is reopened and merged. */
  | { state: "unmerged" }
  | { state: "open"; pr: number }
  | { state: "merged"; pr: number }
  /** The pick pull request was closed without merging. */
  | { state: "closed"; pr: number }
  /** The changes are on the branch already: no pull request. */
  | { state: "already" }
  /** The pick branch exists, holds commits release-bot did not make, and has no pull request. */
  | { state: "branch"; pickBranch: string }
  | { state: "conflict"; conflict: ConflictDetails }
  /** A rebase merge whose landed commits could not be told: nothing was picked. */
  | { state: "unclear"; unclear: UnclearDetails }
  | { state: "missing"; releaseBranches: string[] }
  | { state: "failed"; reason: string };

/**
 * `onBase`: commits the pull request's rebase merge dropped, named beside what was picked.
 * `note`: one sentence more about the pick pull request (auto-merge refused, a refreshed workspace).
 */
export type TargetState = TargetOutcome & { onBase?: OnBaseCommit[]; note?: string };

export type TargetEntry = { branch: string } & TargetState;

export interface PickStatus {
  targets: TargetEntry[];
}

export const emptyStatus = (): PickStatus => ({ targets: [] });

const STATE_TAG = "release-bot:cherry-pick-state";

const text = z.string().max(1000);
const shas = z.array(text).max(100);
const row = {
  branch: text,
  onBase: z
    .array(z.object({ sha: text, subject: text }))
    .max(100)
    .optional(),
  note: text.optional(),
};
const entrySchema = z.discriminatedUnion("state", [
  z.object({ ...row, state: z.literal("pending") }),
  z.object({ ...row, state: z.literal("awaiting"), requester: text, label: text }),
  z.object({ ...row, state: z.literal("unmerged") }),
  z.object({ ...row, state: z.literal("open"), pr: z.number().int().positive() }),
  z.object({ ...row, state: z.literal("merged"), pr: z.number().int().positive() }),
  z.object({ ...row, state: z.literal("closed"), pr: z.number().int().positive() }),
  z.object({ ...row, state: z.literal("already") }),
  z.object({ ...row, state: z.literal("branch"), pickBranch: text }),
  z.object({
    ...row,
    state: z.literal("conflict"),
    conflict: z.object({
      pickBranch: text,
      commits: shas,
      at: text,
      files: z.array(text).max(100),
      moreFiles: z.boolean(),
      source: text,
      number: z.number().int().positive(),
      title: text,
      workspace: z.object({ pr: z.number().int().positive(), head: text.nullable() }).optional(),
    }),
  }),
  z.object({
    ...row,
    state: z.literal("unclear"),
    unclear: z.object({
      pickBranch: text,
      commits: shas,
      number: z.number().int().positive(),
      title: text,
      reason: text,
    }),
  }),
  z.object({ ...row, state: z.literal("missing"), releaseBranches: shas }),
  z.object({ ...row, state: z.literal("failed"), reason: text }),
]);

/** How far a target got; when two copies of the comment disagree, the further one wins. */
const RANK: Record<TargetState["state"], number> = {
  pending: 0,
  awaiting: 0,
  unmerged: 0,
  missing: 1,
  failed: 1,
  conflict: 2,
  unclear: 2,
  branch: 2,
  closed: 3,
  open: 4,
  already: 5,
  merged: 5,
};

/** The state a comment body carries; entries that do not parse are dropped, never trusted. */
export function parseStatus(body: string): PickStatus {
  const match = new RegExp(`<!-- ${STATE_TAG} (\\{.*?\\}) -->`, "s").exec(body);
  if (match === null) return emptyStatus();
  let data: unknown;
  try {
    data = JSON.parse(match[1] as string);
  } catch {
    return emptyStatus();
  }
  const targets = (data as { targets?: unknown }).targets;
  if (!Array.isArray(targets)) return emptyStatus();
  const entries: TargetEntry[] = [];
  for (const raw of targets) {
    const parsed = entrySchema.safeParse(raw);
    if (parsed.success && !entries.some((e) => e.branch === parsed.data.branch)) {
      entries.push(parsed.data as TargetEntry);
    }
  }
  return { targets: entries };
}

/** Several copies of the comment (two deliveries that each created one) merged into one state. */
export function mergeStatuses(statuses: readonly PickStatus[]): PickStatus {
  const merged: TargetEntry[] = [];
  for (const status of statuses) {
    for (const entry of status.targets) {
      const at = merged.findIndex((e) => e.branch === entry.branch);
      if (at < 0) merged.push(entry);
      else if (RANK[entry.state] > RANK[(merged[at] as TargetEntry).state]) merged[at] = entry;
    }
  }
  return { targets: merged };
}

/** The state of one target, or undefined when it was never requested. */
export function targetState(status: PickStatus, branch: string): TargetEntry | undefined {
  return status.targets.find((entry) => entry.branch === branch);
}

/** Sets (or, with null, removes) the state of targets; new targets go last, in the order given. */
export function applyChanges(
  status: PickStatus,
  changes: ReadonlyMap<string, TargetState | null>,
): PickStatus {
  const targets = status.targets
    .filter((entry) => changes.get(entry.branch) !== null)
    .map((entry) => {
      const change = changes.get(entry.branch);
      return change ? { branch: entry.branch, ...change } : entry;
    });
  for (const [branch, change] of changes) {
    if (change !== null && !targets.some((entry) => entry.branch === branch)) {
      targets.push({ branch, ...change });
    }
  }
  return { targets };
}

export interface RenderOptions {
  /** The label prefix to show in the how-to line (the first configured one). */
  labelPrefix: string;
}

/** The comment: a table of every target, the manual steps of each conflict, and the hidden state. */
export function renderStatus(status: PickStatus, options: RenderOptions): string {
  const lines = [
    "### Cherry-picks",
    "",
    ...(status.targets.length > 0
      ? [
          "| Branch | State |",
          "| --- | --- |",
          ...status.targets.map(
            (entry) =>
              `| ${codeSpan(entry.branch, true)} | ${describe(entry)}${onBaseNote(entry)}${noteOf(entry)} |`,
          ),
        ]
      : ["No pick is requested: the cherry-pick labels were removed."]),
  ];
  for (const entry of status.targets) {
    if (entry.state === "conflict")
      lines.push("", ...conflictSection(entry.branch, entry.conflict));
    if (entry.state === "unclear") lines.push("", ...unclearSection(entry.branch, entry.unclear));
  }
  lines.push(
    "",
    `<sub>release-bot keeps this comment up to date. Request a pick with a ${codeSpan(`${options.labelPrefix}<branch>`)} label or \`/cherry-pick <branch>\`.</sub>`,
    "",
    `<!-- ${STATE_TAG} ${stateJson(status)} -->`,
  );
  return lines.join("\n");
}

function describe(entry: TargetEntry): string {
  const retry = `comment ${codeSpan(`/cherry-pick ${entry.branch}`, true)}`;
  switch (entry.state) {
    case "pending":
      return "⏳ Pending: picked when this pull request is merged.";
    case "awaiting":
      return `✋ Waiting for an approver: ${entry.label ? `add ${codeSpan(entry.label, true)} or ` : ""}${retry} (asked for by ${codeSpan(entry.requester, true)}).`;
    case "unmerged":
      return "⛔ Not merged: nothing picked. Picked if this pull request is reopened and merged.";
    case "open":
      return `🔀 Pick pull request #${entry.pr} is open.`;
    case "merged":
      return `✅ Merged in #${entry.pr}.`;
    case "closed":
      return `⛔ Pick pull request #${entry.pr} was closed without merging; ${retry} to pick again.`;
    case "already":
      return "✅ Already on the branch: nothing to pick.";
    case "branch":
      return `⚠️ Branch ${codeSpan(entry.pickBranch, true)} exists without a pull request and holds commits release-bot did not make: open a pull request from it, or delete it and ${retry}.`;
    case "conflict":
      return entry.conflict.workspace
        ? `❌ Conflict: resolve it in draft #${entry.conflict.workspace.pr}, or ${retry} to refresh it once the branch has changed.`
        : `❌ Conflict: pick it by hand as shown below, or ${retry} to try again once the branch has changed.`;
    case "unclear":
      return "❓ Cannot tell which commits of this pull request landed: nothing was picked. Pick it by hand as shown below.";
    case "missing": {
      const existing =
        entry.releaseBranches.length > 0
          ? `the release branches are ${entry.releaseBranches.map((b) => codeSpan(b, true)).join(", ")}`
          : "there is no release branch yet";
      return `⚠️ The branch does not exist; ${existing}.`;
    }
    case "failed":
      return `❌ Failed: ${escapeText(entry.reason)}. ${capitalize(retry)} to try again.`;
  }
}

/** Commits the rebase merge dropped, under the row's state (a line break inside the cell). */
function onBaseNote(entry: TargetEntry): string {
  if (entry.onBase === undefined || entry.onBase.length === 0) return "";
  const commits = entry.onBase.map(
    (commit) => `${codeSpan(commit.sha.slice(0, 12), true)} ${escapeText(commit.subject)}`,
  );
  return `<br>ℹ️ Not picked, already on the base: ${commits.join(", ")}.`;
}

function noteOf(entry: TargetEntry): string {
  return entry.note ? `<br>ℹ️ ${escapeText(entry.note)}` : "";
}

/** The state as JSON that cannot end the HTML comment it sits in, nor mention anyone. */
function stateJson(status: PickStatus): string {
  return JSON.stringify({ targets: status.targets })
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("@", "\\u0040");
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
