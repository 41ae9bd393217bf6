/** What a rehearsal step did, as `--json` writes it and as the terminal shows it. Pure. */

export interface BranchChange {
  name: string;
  /** The branch's new head; null when the step deleted it. */
  sha: string | null;
}

export interface TagChange {
  name: string;
  /** The commit the tag points to (an annotated tag peeled). */
  sha: string;
  annotated: boolean;
  /** Every managed version field at that commit: `"charts/x/Chart.yaml:version": "1.6.0"`. */
  versions: Record<string, string>;
}

export interface ReleaseChange {
  tag: string;
  prerelease: boolean;
  body: string;
}

export interface PullChange {
  number: number;
  title: string;
  base: string;
  head: string;
  merged: boolean;
  draft: boolean;
  labels: string[];
}

/** A check run the step made: which check, on which commit, and its verdict. */
export interface CheckChange {
  name: string;
  sha: string;
  conclusion: string | null;
}

export interface CommitChange {
  sha: string;
  /** A branch the commit is on. */
  branch: string;
  message: string;
  parents: string[];
  /** Paths the commit changes (against its first parent). */
  files: string[];
  /** On a pick (a message with `(cherry picked from commit …)` lines): what it picks and whether
   * its tree is the tree `git cherry-pick -x` of those commits onto its parent makes. */
  pick?: { of: string[]; sameTreeAsGitCherryPick: boolean };
}

export interface StepReport {
  step: string;
  replies: string[];
  branches: BranchChange[];
  tags: TagChange[];
  releases: ReleaseChange[];
  pulls: PullChange[];
  commits: CommitChange[];
  checks: CheckChange[];
}

export interface RehearsalReport {
  steps: StepReport[];
}

const short = (sha: string) => sha.slice(0, 7);
const subject = (message: string) => message.split("\n", 1)[0] ?? "";
const indent = (text: string, prefix: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => `${prefix}${line}`.trimEnd())
    .join("\n");

/** The terminal's account of one step. */
export function stepText(report: StepReport): string {
  const lines = [`▶ ${report.step}`];
  for (const reply of report.replies) {
    // The bot's hidden markers (`<!-- release-bot:… -->`) are for the bot, not for the reader.
    const visible = reply.replace(/<!--[\s\S]*?-->/g, "").replace(/\n{3,}/g, "\n\n");
    lines.push(`  reply:`, indent(visible, "    │ "));
  }
  for (const b of report.branches) {
    lines.push(`  branch  ${b.name} ${b.sha === null ? "deleted" : `→ ${short(b.sha)}`}`);
  }
  for (const t of report.tags) {
    const fields = Object.entries(t.versions).map(([field, value]) => `${field} = ${value}`);
    lines.push(
      `  tag     ${t.name} → ${short(t.sha)} (${t.annotated ? "annotated" : "lightweight"})`,
      ...fields.map((f) => `            ${f}`),
    );
  }
  for (const r of report.releases) {
    lines.push(`  release ${r.tag}${r.prerelease ? " (pre-release)" : ""}`);
  }
  for (const p of report.pulls) {
    const labels = p.labels.length > 0 ? ` [${p.labels.join(", ")}]` : "";
    lines.push(
      `  pull    #${p.number} "${p.title}" ${p.head} → ${p.base}${p.draft ? " (draft)" : ""}${p.merged ? " (merged)" : ""}${labels}`,
    );
  }
  for (const c of report.checks) {
    lines.push(`  check   ${c.name} on ${short(c.sha)}: ${c.conclusion ?? "pending"}`);
  }
  for (const c of report.commits) {
    lines.push(`  commit  ${short(c.sha)} on ${c.branch}: ${subject(c.message)}`);
    if (c.pick) {
      const same = c.pick.sameTreeAsGitCherryPick ? "same tree as" : "DIFFERENT tree from";
      lines.push(
        `            pick of ${c.pick.of.map(short).join(", ")}: ${same} git cherry-pick -x onto ${short(c.parents[0] ?? "")}`,
      );
    }
  }
  if (lines.length === 1) lines.push("  (nothing changed)");
  return lines.join("\n");
}
