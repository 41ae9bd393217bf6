/**
 * Check runs: what a GitHub App reports on a commit (a name, a status, a conclusion, an output
 * with annotations at file lines). Kept beside each repository in memory; only Apps may write them.
 */
import type { OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { HttpError, isSha, validationFailed } from "../util.js";

export type CheckStatus = "queued" | "in_progress" | "completed";
const CHECK_STATUSES: CheckStatus[] = ["queued", "in_progress", "completed"];
const CHECK_CONCLUSIONS = [
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
  "timed_out",
] as const;
export type CheckConclusion = (typeof CHECK_CONCLUSIONS)[number];
const ANNOTATION_LEVELS = ["notice", "warning", "failure"] as const;

export interface AnnotationRecord {
  path: string;
  startLine: number;
  endLine: number;
  startColumn: number | null;
  endColumn: number | null;
  level: (typeof ANNOTATION_LEVELS)[number];
  title: string | null;
  message: string;
  rawDetails: string | null;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  externalId: string;
  detailsUrl: string | null;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  /** One suite per head commit, as GitHub groups an App's runs. */
  suiteId: number;
}

export interface CheckRunChanges {
  name?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: {
    title?: string;
    summary?: string;
    text?: string;
    annotations?: unknown[];
  };
}

const runsOf = new WeakMap<RepoRecord, CheckRunRecord[]>();
const suitesOf = new WeakMap<RepoRecord, Map<string, number>>();

/** GitHub takes at most 50 annotations per request; more go in further updates. */
const MAX_ANNOTATIONS_PER_REQUEST = 50;

function checkRuns(repo: RepoRecord): CheckRunRecord[] {
  let runs = runsOf.get(repo);
  if (!runs) {
    runs = [];
    runsOf.set(repo, runs);
  }
  return runs;
}

function requireApp(ctx: OpContext): void {
  // "Checks API ... write permission is only available to GitHub Apps".
  if (ctx.actor.kind !== "bot" && !ctx.actor.script) {
    throw new HttpError(403, "You must authenticate via a GitHub App.");
  }
}

export async function createCheckRun(
  ctx: OpContext,
  repo: RepoRecord,
  body: CheckRunChanges & { head_sha?: unknown },
): Promise<CheckRunRecord> {
  requireApp(ctx);
  const w = ctx.world;
  if (typeof body.name !== "string" || body.name === "") {
    throw validationFailed([{ resource: "CheckRun", code: "missing_field", field: "name" }]);
  }
  const headSha = body.head_sha;
  if (!isSha(headSha) || (await repo.git.revParse(headSha, "commit")) === null) {
    throw validationFailed([{ resource: "CheckRun", code: "invalid", field: "head_sha" }]);
  }
  let suites = suitesOf.get(repo);
  if (!suites) {
    suites = new Map();
    suitesOf.set(repo, suites);
  }
  const suiteId = suites.get(headSha) ?? w.nextId("check_suite");
  suites.set(headSha, suiteId);
  const record: CheckRunRecord = {
    id: w.nextId("check_run"),
    name: body.name,
    headSha,
    externalId: "",
    detailsUrl: null,
    status: "queued",
    conclusion: null,
    startedAt: w.now(),
    completedAt: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    suiteId,
  };
  applyChanges(w.now(), record, body);
  checkRuns(repo).push(record);
  return record;
}

export function updateCheckRun(
  ctx: OpContext,
  repo: RepoRecord,
  id: number,
  changes: CheckRunChanges,
): CheckRunRecord {
  requireApp(ctx);
  const record = requireCheckRun(repo, id);
  applyChanges(ctx.world.now(), record, changes);
  return record;
}

export function requireCheckRun(repo: RepoRecord, id: number): CheckRunRecord {
  const record = checkRuns(repo).find((r) => r.id === id);
  if (!record) throw new HttpError(404, "Not Found");
  return record;
}

function applyChanges(now: string, record: CheckRunRecord, changes: CheckRunChanges): void {
  if (changes.status !== undefined && !CHECK_STATUSES.includes(changes.status as CheckStatus)) {
    throw validationFailed([{ resource: "CheckRun", code: "invalid", field: "status" }]);
  }
  const conclusion = changes.conclusion;
  if (conclusion !== undefined && !CHECK_CONCLUSIONS.includes(conclusion as CheckConclusion)) {
    throw validationFailed([{ resource: "CheckRun", code: "invalid", field: "conclusion" }]);
  }
  // GitHub: "Providing conclusion will automatically set the status parameter to completed."
  if (changes.status === "completed" && conclusion === undefined && record.conclusion === null) {
    throw new HttpError(422, "Invalid request.\n\nNo conclusion given for a completed check run.");
  }
  const output = changes.output;
  if (
    output !== undefined &&
    (typeof output.title !== "string" || typeof output.summary !== "string")
  ) {
    throw validationFailed([{ resource: "CheckRun", code: "missing_field", field: "output" }]);
  }
  const annotations = (output?.annotations ?? []).map(parseAnnotation);
  if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) {
    throw validationFailed([{ resource: "CheckRun", code: "invalid", field: "annotations" }]);
  }
  if (changes.name !== undefined) record.name = changes.name;
  if (changes.details_url !== undefined) record.detailsUrl = changes.details_url;
  if (changes.external_id !== undefined) record.externalId = changes.external_id;
  if (changes.started_at !== undefined) record.startedAt = changes.started_at;
  if (changes.status !== undefined) record.status = changes.status as CheckStatus;
  if (conclusion !== undefined) {
    record.conclusion = conclusion as CheckConclusion;
    record.status = "completed";
  }
  if (record.status === "completed") record.completedAt = changes.completed_at ?? now;
  if (output !== undefined) {
    record.output = {
      title: output.title ?? null,
      summary: output.summary ?? null,
      text: output.text ?? record.output.text,
    };
    record.annotations.push(...annotations);
  }
}

function parseAnnotation(raw: unknown): AnnotationRecord {
  const a = (raw ?? {}) as Record<string, unknown>;
  const invalid = (field: string) =>
    validationFailed([{ resource: "CheckRun", code: "invalid", field: `annotations.${field}` }]);
  if (typeof a.path !== "string" || a.path === "") throw invalid("path");
  if (!Number.isInteger(a.start_line) || (a.start_line as number) < 1) throw invalid("start_line");
  if (!Number.isInteger(a.end_line) || (a.end_line as number) < (a.start_line as number)) {
    throw invalid("end_line");
  }
  if (!ANNOTATION_LEVELS.includes(a.annotation_level as AnnotationRecord["level"])) {
    throw invalid("annotation_level");
  }
  if (typeof a.message !== "string" || a.message === "") throw invalid("message");
  // Columns only make sense within one line.
  const oneLine = a.start_line === a.end_line;
  return {
    path: a.path,
    startLine: a.start_line as number,
    endLine: a.end_line as number,
    startColumn: oneLine && Number.isInteger(a.start_column) ? (a.start_column as number) : null,
    endColumn: oneLine && Number.isInteger(a.end_column) ? (a.end_column as number) : null,
    level: a.annotation_level as AnnotationRecord["level"],
    title: typeof a.title === "string" ? a.title : null,
    message: a.message,
    rawDetails: typeof a.raw_details === "string" ? a.raw_details : null,
  };
}

/** The runs on a commit, newest first, optionally of one name. */
export function runsForCommit(
  repo: RepoRecord,
  sha: string,
  name: string | null,
): CheckRunRecord[] {
  return checkRuns(repo)
    .filter((r) => r.headSha === sha && (name === null || r.name === name))
    .sort((a, b) => b.id - a.id);
}
