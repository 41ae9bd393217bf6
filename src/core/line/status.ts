/**
 * The state of one release line as a maintainer asks about it (`/status`, the dashboard issue):
 * its tags, the commits no tag covers, the requested picks, the open pull requests, and what to
 * run next. Pure; the flows read it from GitHub and patch it after events.
 */

/** A tag of the line. */
export interface TagEntry {
  name: string;
  /** SemVer without prefix: `1.5.0-rc.1`. */
  version: string;
  /** A candidate (`-rc.N`) rather than a final. */
  candidate: boolean;
  commit: string;
  /** When the tagged commit was made, ISO 8601. */
  date: string;
}

/** A commit on the branch after the newest tag. */
export interface CommitEntry {
  sha: string;
  /** The first line of its message. */
  title: string;
}

export type PickState =
  | "pending"
  | "awaiting"
  | "open"
  | "merged"
  | "conflict"
  | "closed"
  | "other";

/** A fix requested onto this line, as the status comment on its pull request says. */
export interface PickEntry {
  pr: number;
  title: string;
  state: PickState;
  /** The pick pull request, for `open`, `merged` and `closed`. */
  pickPr?: number;
  /** The status comment, where a conflict's manual steps are. */
  statusUrl?: string;
}

export interface PullEntry {
  number: number;
  title: string;
}

/**
 * Who may run the commands that write (`commands.permission`), as the dashboard names them: a
 * repository role, or the approvers of the OWNERS file (read when the dashboard was written),
 * or what keeps that file from being read.
 */
export type Releasers =
  | { kind: "role"; minimum: string }
  | { kind: "owners"; file: string; approvers: string[]; orMaintain: boolean }
  | {
      kind: "owners-problem";
      file: string;
      /** The file that could not be read: the OWNERS file or OWNERS_ALIASES. */
      problemFile: string;
      problem: string;
      orMaintain: boolean;
    };

export interface LineStatus {
  /** `1.5` */
  line: string;
  branch: string;
  /** Newest first. */
  tags: TagEntry[];
  /** Oldest first, at most `MAX_LISTED`; `untestedCount` has them all. */
  untested: CommitEntry[];
  untestedCount: number;
  picks: PickEntry[];
  /** Open pull requests into the branch, pick pull requests included. */
  pulls: PullEntry[];
  /** Who may release (the dashboard; `/status` leaves it out, it reads no OWNERS file). */
  releasers?: Releasers;
}

/** Longest list a status shows (and a dashboard keeps); longer ones say how many more. */
export const MAX_LISTED = 30;

export interface NextStep {
  /** The command to comment, exactly, or null when there is nothing to run now. */
  command: string | null;
  /** Why, in one sentence. */
  reason: string;
}

/** Picks and pull requests still waiting for something. */
export function openWork(status: LineStatus): { picks: PickEntry[]; pulls: PullEntry[] } {
  const waiting: PickState[] = ["pending", "awaiting", "open", "conflict"];
  return { picks: status.picks.filter((p) => waiting.includes(p.state)), pulls: status.pulls };
}

/** The newest tag is a final, every commit is in it, and nothing waits to enter the branch. */
export function isLineDone(status: LineStatus): boolean {
  const newest = status.tags[0];
  const work = openWork(status);
  return (
    newest !== undefined &&
    !newest.candidate &&
    status.untestedCount === 0 &&
    work.picks.length === 0 &&
    work.pulls.length === 0
  );
}

/** What to comment next on this line, and why. */
export function nextStep(status: LineStatus): NextStep {
  const rc = `/rc ${status.line}`;
  const newest = status.tags[0];
  if (newest === undefined) {
    return { command: rc, reason: `\`${status.branch}\` has no tag yet: cut its first candidate.` };
  }
  if (status.untestedCount > 0) {
    const n = status.untestedCount;
    return {
      command: rc,
      reason: `${n} commit${n === 1 ? "" : "s"} on \`${status.branch}\` no tag covers: test ${n === 1 ? "it" : "them"} in a candidate.`,
    };
  }
  if (newest.candidate) {
    return {
      command: `/release ${status.line}`,
      reason: `\`${newest.name}\` is the head of \`${status.branch}\`: release it as the final.`,
    };
  }
  if (isLineDone(status)) {
    return {
      command: null,
      reason: `\`${newest.name}\` is final and nothing is waiting: the line is done until a fix is picked onto it.`,
    };
  }
  return {
    command: null,
    reason: `\`${newest.name}\` is final; once the work below is merged, comment \`${rc}\` for the next patch candidate.`,
  };
}
