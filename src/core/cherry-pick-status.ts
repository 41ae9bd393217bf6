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
import { pickBody } from "./pick-pull-request.js";

export interface ConflictDetails {
  /** The branch the manual pick is pushed to. */
  pickBranch: string;
  /** The commits to pick, oldest first. */
  commits: string[];
  /** The commit whose pick conflicted. */
  at: string;
  /** Files the pull request changes that also changed on the target since it branched off. */
  files: string[];
  /** More files than `files` lists. */
  moreFiles: boolean;
  /** The branch that holds the commits (the pull request's base). */
  source: string;
  /** The pull request being picked, for the pick pull request's body. */
  number: number;
  /** The title of the pick pull request. */
  title: string;
}

export type TargetState =
  /** Requested on an open pull request: picked at merge. */
  | { state: "pending" }
  | { state: "open"; pr: number }
  | { state: "merged"; pr: number }
  /** The pick pull request was closed without merging. */
  | { state: "closed"; pr: number }
  /** The changes are on the branch already: no pull request. */
  | { state: "already" }
  /** The pick branch exists, holds commits release-bot did not make, and has no pull request. */
  | { state: "branch"; pickBranch: string }
  | { state: "conflict"; conflict: ConflictDetails }
  | { state: "missing"; releaseBranches: string[] }
  | { state: "failed"; reason: string };

export type TargetEntry = { branch: string } & TargetState;

export interface PickStatus {
  targets: TargetEntry[];
}

export const emptyStatus = (): PickStatus => ({ targets: [] });

const STATE_TAG = "release-bot:cherry-pick-state";

const text = z.string().max(1000);
const entrySchema = z.discriminatedUnion("state", [
  z.object({ branch: text, state: z.literal("pending") }),
  z.object({ branch: text, state: z.literal("open"), pr: z.number().int().positive() }),
  z.object({ branch: text, state: z.literal("merged"), pr: z.number().int().positive() }),
  z.object({ branch: text, state: z.literal("closed"), pr: z.number().int().positive() }),
  z.object({ branch: text, state: z.literal("already") }),
  z.object({ branch: text, state: z.literal("branch"), pickBranch: text }),
  z.object({
    branch: text,
    state: z.literal("conflict"),
    conflict: z.object({
      pickBranch: text,
      commits: z.array(text).max(100),
      at: text,
      files: z.array(text).max(100),
      moreFiles: z.boolean(),
      source: text,
      number: z.number().int().positive(),
      title: text,
    }),
  }),
  z.object({ branch: text, state: z.literal("missing"), releaseBranches: z.array(text).max(100) }),
  z.object({ branch: text, state: z.literal("failed"), reason: text }),
]);

/** How far a target got; when two copies of the comment disagree, the further one wins. */
const RANK: Record<TargetState["state"], number> = {
  pending: 0,
  missing: 1,
  failed: 1,
  conflict: 2,
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
            (entry) => `| ${codeSpan(entry.branch, true)} | ${describe(entry)} |`,
          ),
        ]
      : ["No pick is requested: the cherry-pick labels were removed."]),
  ];
  for (const entry of status.targets) {
    if (entry.state === "conflict")
      lines.push("", ...conflictSection(entry.branch, entry.conflict));
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
      return `❌ Conflict: pick it by hand as shown below, or ${retry} to try again once the branch has changed.`;
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

function conflictSection(branch: string, conflict: ConflictDetails): string[] {
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
  const q = shellQuote;
  return [
    `#### Conflict on ${codeSpan(branch)}`,
    "",
    `The pick stopped and left nothing behind.${at}`,
    "",
    ...files,
    "",
    "To pick by hand:",
    "",
    "```sh",
    `git fetch origin ${q(conflict.source)}`,
    `git fetch origin ${q(branch)}`,
    `git checkout -b ${q(conflict.pickBranch)} origin/${q(branch)}`,
    `git cherry-pick -x ${conflict.commits.map(q).join(" ")}`,
    "# resolve the conflicts, git add the files, then: git cherry-pick --continue",
    `git push origin ${q(conflict.pickBranch)}`,
    `gh pr create --base ${q(branch)} --head ${q(conflict.pickBranch)} --title ${q(oneLine(conflict.title))} --body ${q(pickBody(conflict.number, branch, null))}`,
    "```",
  ];
}

/** The state as JSON that cannot end the HTML comment it sits in, nor mention anyone. */
function stateJson(status: PickStatus): string {
  return JSON.stringify({ targets: status.targets })
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("@", "\\u0040");
}

/**
 * Text as a Markdown code span: mentions, links and emphasis inside it are inert. The fence is
 * longer than any run of backticks in the text; in a table, `|` is escaped so it stays in the cell.
 */
export function codeSpan(value: string, inTable = false): string {
  let safe = oneLine(value);
  if (inTable) safe = safe.replaceAll("|", "\\|");
  const longest = Math.max(0, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = safe.startsWith("`") || safe.endsWith("`") ? " " : "";
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/**
 * Plain text for Markdown: mentions (`@user`, `@org/team`) cannot ping (a word joiner follows the
 * `@`), and Markdown and HTML characters are escaped.
 */
export function escapeText(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, "\\$&")
    .replaceAll("@", "@\u2060");
}

/** A word for the shell: as it is when plain, else single-quoted. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9._/@%+=:,-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function oneLine(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are replaced
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ");
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
