/**
 * The cherry-pick preview: how the pick of an open pull request onto one release branch would
 * go if it were merged now, as a check run on its head. Pure: the flow reads the versions and
 * merges them (`../pick/merge/`), this says it.
 *
 * Conflict lines are the pull request's own (its head is where the check's annotations point):
 * "conflicts on `release-1.5` in `a.go` (lines 40–52), `b.go`".
 */
import type { PathMerge } from "../pick/merge/file.js";
import { codeSpan } from "../text/markdown.js";
import type { CheckAnnotation, CheckResult } from "./result.js";

/** The check run's name for one target branch: each target has its own newest run. */
export function previewCheckName(branch: string): string {
  return `cherry-pick preview (${branch})`;
}

export interface PreviewInput {
  branch: string;
  /** The target branch's head the pick was merged onto. */
  branchHead: string;
  /** Every path the pull request changes, merged. */
  merges: readonly PathMerge[];
}

/** Files named in the title; the summary lists them all. */
const TITLE_FILES = 3;

export function previewResult(input: PreviewInput): CheckResult {
  const conflicts = input.merges.filter((m): m is Extract<PathMerge, { clean: false }> => !m.clean);
  const branch = codeSpan(input.branch);
  const at = `\`${input.branchHead.slice(0, 12)}\``;
  if (conflicts.length === 0) {
    return {
      conclusion: "success",
      title: `applies cleanly to ${branch}`,
      summary: `The changes of this pull request (${plural(input.merges.length, "file")}) merge with ${branch} at ${at} without a conflict: once this pull request is merged, release-bot opens its pick.`,
      annotations: [],
    };
  }
  const named = conflicts.slice(0, TITLE_FILES).map((c) => `${codeSpan(c.path)}${linesNote(c)}`);
  const more = conflicts.length > TITLE_FILES ? ` and ${conflicts.length - TITLE_FILES} more` : "";
  return {
    conclusion: "failure",
    title: `conflicts on ${branch} in ${named.join(", ")}${more}`,
    summary: [
      `Picked onto ${branch} at ${at} as it is now, this pull request would conflict:`,
      "",
      ...conflicts.map((c) => `- ${codeSpan(c.path)}: ${describe(c)}`),
      "",
      `When it is merged, release-bot opens a draft pull request into ${branch} holding the pick with the conflicts marked, to resolve in the browser or locally. To avoid the conflict, pick the change ${branch} lacks first, or adapt this pull request; this check runs again on every push here and whenever ${branch} moves.`,
    ].join("\n"),
    annotations: conflicts.flatMap(annotationsOf),
  };
}

/** A preview that could not be made: neither clean nor a conflict. */
export function previewUnknown(branch: string, reason: string): CheckResult {
  return {
    conclusion: "neutral",
    title: `could not preview the pick onto ${codeSpan(branch)}`,
    summary: `${reason} The pick is made when this pull request is merged; a conflict then opens a draft pull request to resolve it.`,
    annotations: [],
  };
}

/** The target is no longer requested (its label was removed): the earlier verdict no longer holds. */
export function previewWithdrawn(branch: string): CheckResult {
  return {
    conclusion: "neutral",
    title: `no pick onto ${codeSpan(branch)} is requested`,
    summary: `The pick onto ${codeSpan(branch)} was withdrawn (its label was removed), so nothing is previewed.`,
    annotations: [],
  };
}

type Conflict = Extract<PathMerge, { clean: false }>;

/** Their lines of each conflict: ` (lines 40–52)`, ` (line 7, lines 90–93)`. */
function linesNote(conflict: Conflict): string {
  const ranges = conflict.hunks.map((h) => lineRange(h.theirs));
  return ranges.length > 0 ? ` (${ranges.join(", ")})` : "";
}

function lineRange(side: { at: number; count: number }): string {
  const first = Math.max(1, side.at + (side.count > 0 ? 1 : 0));
  const last = side.at + side.count;
  return last > first ? `lines ${first}–${last}` : `line ${first}`;
}

function describe(conflict: Conflict): string {
  switch (conflict.kind) {
    case "binary":
      return "a binary file changed on both sides";
    case "modify/delete":
      return "deleted on one side and changed on the other";
    case "content":
      return `${plural(conflict.hunks.length, "conflict")}${linesNote(conflict)}`;
  }
}

function annotationsOf(conflict: Conflict): CheckAnnotation[] {
  const hunks = conflict.hunks.length > 0 ? conflict.hunks : [{ theirs: { at: 0, count: 1 } }];
  return hunks.map((h) => {
    const first = Math.max(1, h.theirs.at + (h.theirs.count > 0 ? 1 : 0));
    const last = Math.max(first, h.theirs.at + h.theirs.count);
    return {
      path: conflict.path,
      line: first,
      ...(last > first ? { endLine: last } : {}),
      level: "failure" as const,
      title: "Conflict with the release branch",
      message:
        conflict.kind === "content"
          ? `${lineRange(h.theirs)} of this change conflict with what the release branch has here.`
          : `This file was ${describe(conflict)}.`,
    };
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
