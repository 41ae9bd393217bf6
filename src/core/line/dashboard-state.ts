/**
 * The dashboard issue keeps the line's status it shows as hidden data in its body, so an event
 * changes only what it knows about (a tag, a pick, a pull request) and the rest is reused
 * without reading GitHub again. Pure.
 */
import semver from "semver";
import { z } from "zod";
import type { TargetEntry } from "../pick/status.js";
import {
  type CommitEntry,
  type LineStatus,
  MAX_LISTED,
  type PickEntry,
  type PullEntry,
  type TagEntry,
} from "./status.js";

const STATE_TAG = "release-bot:dashboard-state";

const text = z.string().max(2000);
const stateSchema = z.object({
  line: text,
  branch: text,
  tags: z.array(
    z.object({ name: text, version: text, candidate: z.boolean(), commit: text, date: text }),
  ),
  untested: z.array(z.object({ sha: text, title: text })),
  untestedCount: z.number().int().nonnegative(),
  picks: z.array(
    z.object({
      pr: z.number().int().positive(),
      title: text,
      state: z.enum(["pending", "awaiting", "open", "merged", "conflict", "closed", "other"]),
      pickPr: z.number().int().positive().optional(),
      statusUrl: text.optional(),
    }),
  ),
  pulls: z.array(z.object({ number: z.number().int().positive(), title: text })),
  releasers: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("role"), minimum: text }),
      z.object({
        kind: z.literal("owners"),
        file: text,
        approvers: z.array(text).max(1000),
        orMaintain: z.boolean(),
      }),
      z.object({
        kind: z.literal("owners-problem"),
        file: text,
        problemFile: text,
        problem: text,
        orMaintain: z.boolean(),
      }),
    ])
    .optional(),
});

/** The hidden line carrying the status; base64 so no title can end the HTML comment early. */
export function encodeState(status: LineStatus): string {
  return `<!-- ${STATE_TAG} ${Buffer.from(JSON.stringify(status)).toString("base64")} -->`;
}

/** The status a dashboard body carries, or null when it has none or it does not parse. */
export function decodeState(body: string): LineStatus | null {
  const match = new RegExp(`<!-- ${STATE_TAG} ([A-Za-z0-9+/=]+) -->`).exec(body);
  if (!match) return null;
  const data = Buffer.from(match[1] as string, "base64").toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = stateSchema.safeParse(json);
  return parsed.success ? (parsed.data as LineStatus) : null;
}

/** A new or moved tag, with the commits the branch has after it. */
export function withTag(
  status: LineStatus,
  tag: TagEntry,
  untested: { commits: CommitEntry[]; count: number },
): LineStatus {
  const tags = [...status.tags.filter((t) => t.name !== tag.name), tag].sort((a, b) =>
    semver.rcompare(a.version, b.version),
  );
  return withUntested({ ...status, tags }, untested);
}

/** The commits on the branch after the newest tag, as last read. */
function withUntested(
  status: LineStatus,
  untested: { commits: CommitEntry[]; count: number },
): LineStatus {
  return {
    ...status,
    untested: untested.commits.slice(-MAX_LISTED),
    untestedCount: untested.count,
  };
}

/** A pick pull request into the branch, for the original it picks. */
export interface PickPull {
  original: number;
  number: number;
  title: string;
  state: "open" | "merged" | "closed";
}

/** What one read of the branch says: commits after the newest tag, pull requests into it. */
export interface BranchReading {
  untested: { commits: CommitEntry[]; count: number } | null;
  /** The open pull requests into the branch. */
  pulls: PullEntry[];
  /** The newest pick pull request of each original, newest first. */
  pickPulls: PickPull[];
}

/**
 * The sections a read of the branch refreshes: commits, open pull requests, and each pick that
 * has a pick pull request. Every event's edit carries them fresh, so overlapping deliveries
 * cannot leave them stale; only tags and pending or conflicting picks come from the event alone.
 */
export function withBranchReading(status: LineStatus, reading: BranchReading): LineStatus {
  let next: LineStatus = { ...status, pulls: reading.pulls.slice(0, MAX_LISTED) };
  if (reading.untested) next = withUntested(next, reading.untested);
  for (const pull of [...reading.pickPulls].reverse()) {
    const known = next.picks.find((p) => p.pr === pull.original);
    const title = known?.title ?? pull.title.replace(/^\[[^\]]*\]\s*/, "");
    next = withPick(
      next,
      { ...known, pr: pull.original, title, state: pull.state, pickPr: pull.number },
      pull.original,
    );
  }
  return next;
}

/**
 * The pick of one pull request onto this line, from its status comment; null: withdrawn. A merged
 * pick pull request stays merged: news about it that arrives late (deliveries overlap) is older.
 */
export function withPick(status: LineStatus, pick: PickEntry | null, pr: number): LineStatus {
  const current = status.picks.find((p) => p.pr === pr);
  const stale =
    current?.state === "merged" &&
    pick !== null &&
    pick.state !== "merged" &&
    pick.pickPr === current.pickPr;
  if (stale) return status;
  const others = status.picks.filter((p) => p.pr !== pr);
  return { ...status, picks: pick ? [pick, ...others] : others };
}

/** A status comment's entry for one branch as the dashboard lists it. */
export function pickEntry(
  pr: { number: number; title: string },
  target: TargetEntry,
  statusUrl: string | undefined,
): PickEntry {
  const base = { pr: pr.number, title: pr.title, ...(statusUrl ? { statusUrl } : {}) };
  switch (target.state) {
    case "pending":
    case "awaiting":
    case "conflict":
      return { ...base, state: target.state };
    case "open":
    case "merged":
    case "closed":
      return { ...base, state: target.state, pickPr: target.pr };
    case "already":
      return { ...base, state: "merged" };
    default:
      return { ...base, state: "other" };
  }
}
