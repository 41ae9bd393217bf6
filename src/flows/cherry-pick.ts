/**
 * Cherry-picks of a pull request onto release branches: decides per target what to do from
 * what GitHub holds (the status comment, pick pull requests, branches), does it, and records
 * the outcome in the status comment. Each target is independent: a conflict or an error on one
 * does not stop the others.
 */
import {
  applyChanges,
  type ConflictDetails,
  codeSpan,
  escapeText,
  type PickStatus,
  type TargetState,
  targetState,
} from "../core/cherry-pick-status.js";
import { MAX_PICK_COMMITS, needsPullCommits, type PickPlan, planPick } from "../core/pick-plan.js";
import { copiedLabels, pickBody, pickTitle } from "../core/pick-pull-request.js";
import { isValidBranchName, pickBranchName } from "../core/pick-targets.js";
import { getBranchHead } from "../github/branches.js";
import { cherryPick } from "../github/cherry-pick.js";
import { listReleaseBranches } from "../github/cherry-pick-branches.js";
import { changedSince, listHistory } from "../github/cherry-pick-history.js";
import { readPickStatus, updatePickStatus } from "../github/pick-status-comment.js";
import { describeRequestError, hasStatus } from "../github/errors.js";
import {
  findPullRequests,
  labelAndAssign,
  listPullCommits,
  listPullFiles,
  openPullRequest,
  type PullRequestInfo,
} from "../github/pulls.js";
import type { FlowContext } from "./context.js";
import { pullLink } from "./links.js";
import { prefetch } from "./prefetch.js";

/** What asked for the picks; a command re-checks everything, events trust the status comment. */
export type PickTrigger = "merged" | "label" | "command";

export interface PickOptions {
  trigger: PickTrigger;
}

export interface TargetReport {
  branch: string;
  /** The state recorded for the target; null when nothing was recorded (busy, dry run, not recorded). */
  state: TargetState | null;
  /** What happened, as a clause of a reply: "opened #12", "conflict ...". */
  summary: string;
  /** The pick pull request was opened by this delivery. */
  opened?: boolean;
}

export interface PicksReport {
  targets: TargetReport[];
  /** The status comment's address, when one was written or exists. */
  statusUrl: string | null;
}

/** Most files listed as likely conflicts. */
const MAX_CONFLICT_FILES = 30;

/**
 * Picks a merged pull request onto each target. Targets whose status comment says they are
 * settled (pick open or merged, already there, conflict, pick closed) are skipped unless a
 * command asks again; everything else is re-derived from GitHub, so a redelivery creates nothing
 * twice and an interrupted pick is finished.
 */
export async function pickMergedPullRequest(
  ctx: FlowContext,
  pr: PullRequestInfo,
  targets: readonly string[],
  options: PickOptions,
): Promise<PicksReport> {
  const read = await readPickStatus(ctx.github, ctx.repo, pr.number);
  const session = new PickSession(ctx, pr, options);
  const changes = new Map<string, TargetState | null>();
  const reports: TargetReport[] = [];

  if (options.trigger === "merged") {
    // Requests withdrawn before the merge (label removed) no longer show as pending.
    for (const entry of read.status.targets) {
      if (entry.state === "pending" && !targets.includes(entry.branch)) {
        changes.set(entry.branch, null);
      }
    }
  }
  for (const branch of targets) {
    const previous = targetState(read.status, branch);
    if (previous && options.trigger !== "command" && isSettled(previous)) {
      ctx.log.info({ pull: pr.number, branch, state: previous.state }, "pick already settled");
      reports.push({ branch, state: previous, summary: summarize(ctx, previous) });
      continue;
    }
    const report = await session.pickOnto(branch);
    if (
      report.state !== null &&
      !(options.trigger === "command" && report.state.state === "missing")
    ) {
      changes.set(branch, report.state);
    }
    reports.push(report);
  }

  const statusUrl = await writeStatus(ctx, pr, read.status, changes, read.comments[0]?.url ?? null);
  await updateFailedLabel(ctx, pr, applyChanges(read.status, changes), changes.size > 0);
  return { targets: reports, statusUrl };
}

/**
 * Records picks requested on an open pull request (label or command) as pending: they are made
 * when it is merged. A target branch that does not exist is reported instead.
 */
export async function requestPicksAtMerge(
  ctx: FlowContext,
  pr: PullRequestInfo,
  targets: readonly string[],
  options: PickOptions,
): Promise<PicksReport> {
  const read = await readPickStatus(ctx.github, ctx.repo, pr.number);
  const session = new PickSession(ctx, pr, options);
  const changes = new Map<string, TargetState | null>();
  const reports: TargetReport[] = [];
  for (const branch of targets) {
    const previous = targetState(read.status, branch);
    if (previous && previous.state !== "missing" && previous.state !== "failed") {
      // Pending already, or picked since (a late or redelivered event from before the merge).
      reports.push({ branch, state: previous, summary: summarize(ctx, previous) });
      continue;
    }
    const exists =
      isValidBranchName(branch) && (await getBranchHead(ctx.github, ctx.repo, branch)) !== null;
    if (!exists) {
      const missing = await session.missing(branch);
      if (options.trigger !== "command") changes.set(branch, missing.state);
      reports.push(missing);
      continue;
    }
    const state: TargetState = { state: "pending" };
    changes.set(branch, state);
    reports.push({
      branch,
      state,
      summary: `${codeSpan(branch)} is picked when #${pr.number} is merged`,
    });
  }
  const statusUrl = ctx.config.dryRun
    ? null
    : await writeStatus(ctx, pr, read.status, changes, read.comments[0]?.url ?? null);
  return { targets: reports, statusUrl };
}

/**
 * A pick pull request was merged or closed: its target's row on the original pull request says
 * so. Only pull requests with a status comment are touched, so a branch that merely looks like
 * a pick branch changes nothing.
 */
export async function recordPickPullRequestClosed(
  ctx: FlowContext,
  original: number,
  branch: string,
  pick: { number: number; merged: boolean },
): Promise<void> {
  const read = await readPickStatus(ctx.github, ctx.repo, original);
  if (read.comments.length === 0) return;
  const previous = targetState(read.status, branch);
  if (previous && "pr" in previous && previous.pr !== pick.number) return;
  const state: TargetState = pick.merged
    ? { state: "merged", pr: pick.number }
    : { state: "closed", pr: pick.number };
  if (ctx.config.dryRun) return;
  const written = await updatePickStatus(
    ctx.github,
    ctx.repo,
    original,
    new Map([[branch, state]]),
    { labelPrefix: labelPrefix(ctx) },
  );
  // A conflict picked by hand under the pick branch's name is resolved once that is merged.
  if (previous?.state === "conflict" && pick.merged) {
    const resolved = !written.status.targets.some((entry) => entry.state === "conflict");
    if (resolved) await removeFailedLabel(ctx, original);
  }
}

/**
 * A pick label was removed from an open pull request: the request's row (pending, or the branch
 * is missing) leaves the status comment, so it shows only what the merge will pick. Rows of
 * picks already made stay. Returns whether the comment changed.
 */
export async function withdrawPickRequest(
  ctx: FlowContext,
  number: number,
  branch: string,
): Promise<boolean> {
  const read = await readPickStatus(ctx.github, ctx.repo, number);
  const previous = targetState(read.status, branch);
  if (previous?.state !== "pending" && previous?.state !== "missing") return false;
  if (ctx.config.dryRun) return false;
  await updatePickStatus(ctx.github, ctx.repo, number, new Map([[branch, null]]), {
    labelPrefix: labelPrefix(ctx),
  });
  return true;
}

/** The lazily fetched, shared data of the picks of one pull request in one delivery. */
class PickSession {
  private plan: Promise<PickPlan> | undefined;
  private releaseBranches: Promise<string[]> | undefined;
  private pullFiles: Promise<{ paths: string[]; more: boolean }> | undefined;

  constructor(
    private readonly ctx: FlowContext,
    private readonly pr: PullRequestInfo,
    private readonly options: PickOptions,
  ) {}

  async pickOnto(branch: string): Promise<TargetReport> {
    try {
      return await this.pick(branch);
    } catch (error) {
      this.ctx.log.error({ err: error, pull: this.pr.number, branch }, "cherry-pick failed");
      const reason = describeRequestError(error);
      return {
        branch,
        state: { state: "failed", reason },
        summary: `${codeSpan(branch)}: failed, ${escapeText(reason)}`,
      };
    }
  }

  async missing(branch: string): Promise<TargetReport> {
    this.releaseBranches ??= listReleaseBranches(
      this.ctx.github,
      this.ctx.repo,
      this.ctx.config.branches.pattern,
    );
    const releaseBranches = await this.releaseBranches;
    const state: TargetState = { state: "missing", releaseBranches };
    return { branch, state, summary: summarize(this.ctx, { branch, ...state }) };
  }

  private async pick(branch: string): Promise<TargetReport> {
    const { ctx, pr } = this;
    if (!isValidBranchName(branch)) return this.missing(branch);
    const pickBranch = pickBranchName(ctx.config.cherryPick.branchName, pr.number, branch);
    // One round-trip for the three reads a pick starts with; when the branch is missing or
    // a pick pull request exists, the others were read for nothing (rare, and reads are cheap).
    this.prefetchPlan();
    const [head, existing] = await Promise.all([
      getBranchHead(ctx.github, ctx.repo, branch),
      findPullRequests(ctx.github, ctx.repo, pickBranch, branch),
    ]);
    if (head === null) return this.missing(branch);
    const [best] = existing;
    let reset = false;
    if (best?.state === "open" || best?.merged) {
      const state: TargetState = { state: best.merged ? "merged" : "open", pr: best.number };
      return { branch, state, summary: summarize(ctx, { branch, ...state }) };
    }
    if (best !== undefined) {
      // Closed without merging: a maintainer decided. Only a command picks again.
      if (this.options.trigger !== "command") {
        const state: TargetState = { state: "closed", pr: best.number };
        return { branch, state, summary: summarize(ctx, { branch, ...state }) };
      }
      reset = true;
    }

    const plan = await this.getPlan();
    if (!plan.ok) {
      return {
        branch,
        state: { state: "failed", reason: plan.reason },
        summary: `${codeSpan(branch)}: cannot pick, ${escapeText(plan.reason)}`,
      };
    }
    if (ctx.config.dryRun) {
      const n = plan.commits.length;
      return {
        branch,
        state: null,
        summary: `${codeSpan(branch)}: would pick ${n} commit${n === 1 ? "" : "s"} (${plan.style} merge) into ${codeSpan(pickBranch)} and open a pull request; nothing was written (dry run)`,
      };
    }

    const result = await cherryPick(ctx.github, ctx.repo, {
      branch,
      head,
      pickBranch,
      commits: plan.commits,
      reset,
    });
    ctx.log.info({ pull: pr.number, branch, result: result.status }, "cherry-pick");
    switch (result.status) {
      case "picked":
      case "finished": {
        const opened = await this.openPickPullRequest(branch, pickBranch);
        const state: TargetState = { state: "open", pr: opened.number };
        const summary = opened.created
          ? `${codeSpan(branch)}: opened ${pullLink(ctx, opened.number)}`
          : summarize(ctx, { branch, ...state });
        return { branch, state, summary, opened: opened.created };
      }
      case "empty": {
        const state: TargetState = { state: "already" };
        return { branch, state, summary: summarize(ctx, { branch, ...state }) };
      }
      case "busy":
        return {
          branch,
          state: null,
          summary: `${codeSpan(branch)}: another delivery is picking it right now; its result will show in the status comment`,
        };
      case "foreign": {
        const state: TargetState = { state: "branch", pickBranch };
        return { branch, state, summary: summarize(ctx, { branch, ...state }) };
      }
      case "conflict": {
        const conflict = await this.conflictDetails(
          branch,
          pickBranch,
          plan,
          head.sha,
          result.commit.sha,
        );
        const state: TargetState = { state: "conflict", conflict };
        return { branch, state, summary: summarize(ctx, { branch, ...state }) };
      }
    }
  }

  private async openPickPullRequest(
    branch: string,
    pickBranch: string,
  ): Promise<{ number: number; created: boolean }> {
    const { ctx, pr } = this;
    const opened = await openPullRequest(ctx.github, ctx.repo, {
      title: pickTitle(branch, pr.title),
      head: pickBranch,
      base: branch,
      body: pickBody(pr.number, branch, pr.body),
    });
    if (opened.created) {
      const labels = copiedLabels(pr.labels, ctx.config);
      const { assigned } = await labelAndAssign(
        ctx.github,
        ctx.repo,
        opened.number,
        labels,
        pr.author,
      );
      if (!assigned) {
        ctx.log.info({ pull: opened.number, assignee: pr.author }, "GitHub refused the assignee");
      }
    }
    return opened;
  }

  private async conflictDetails(
    branch: string,
    pickBranch: string,
    plan: Extract<PickPlan, { ok: true }>,
    headSha: string,
    at: string,
  ): Promise<ConflictDetails> {
    const { ctx, pr } = this;
    this.pullFiles ??= listPullFiles(ctx.github, ctx.repo, pr.number);
    const first = plan.commits[0]?.parentSha ?? headSha;
    const [touched, changed] = await Promise.all([
      this.pullFiles,
      changedSince(ctx.github, ctx.repo, first, headSha),
    ]);
    const onBranch = new Set(changed);
    const likely = [...new Set(touched.paths.filter((path) => onBranch.has(path)))];
    return {
      pickBranch,
      commits: plan.commits.map((c) => c.sha),
      at,
      files: likely.slice(0, MAX_CONFLICT_FILES),
      moreFiles: likely.length > MAX_CONFLICT_FILES || touched.more,
      source: pr.baseRef,
      number: pr.number,
      title: pickTitle(branch, pr.title),
    };
  }

  private getPlan(): Promise<PickPlan> {
    this.plan ??= this.makePlan();
    return this.plan;
  }

  /** Starts reading the plan, to be awaited later if the pick goes ahead. */
  prefetchPlan(): void {
    prefetch(this.getPlan());
  }

  private async makePlan(): Promise<PickPlan> {
    const { ctx, pr } = this;
    if (!pr.mergeCommitSha) return { ok: false, reason: `#${pr.number} has no merge commit` };
    if (pr.commits > MAX_PICK_COMMITS) {
      return planPick({ mergeCommitSha: pr.mergeCommitSha, commitCount: pr.commits, history: [] });
    }
    const history = await listHistory(ctx.github, ctx.repo, pr.mergeCommitSha, pr.commits);
    const merge = history[0];
    const pullCommits =
      merge && needsPullCommits(merge, pr.commits)
        ? await listPullCommits(ctx.github, ctx.repo, pr.number)
        : undefined;
    return planPick({
      mergeCommitSha: pr.mergeCommitSha,
      commitCount: pr.commits,
      history,
      ...(pullCommits ? { pullCommits } : {}),
    });
  }
}

/** Settled targets are not picked again on a redelivery or a new label; a command re-checks them. */
function isSettled(entry: TargetState): boolean {
  return ["open", "merged", "already", "conflict", "closed", "branch"].includes(entry.state);
}

function summarize(ctx: FlowContext, entry: { branch: string } & TargetState): string {
  const branch = codeSpan(entry.branch);
  switch (entry.state) {
    case "pending":
      return `${branch} is picked when the pull request is merged`;
    case "open":
      return `${branch}: ${pullLink(ctx, entry.pr)} is already open`;
    case "merged":
      return `${branch}: already picked in ${pullLink(ctx, entry.pr)}, which is merged`;
    case "closed":
      return `${branch}: the pick ${pullLink(ctx, entry.pr)} was closed without merging`;
    case "already":
      return `${branch}: the changes are on the branch already, nothing to pick`;
    case "branch":
      return `${branch}: branch ${codeSpan(entry.pickBranch)} exists without a pull request and holds commits release-bot did not make; open a pull request from it or delete it`;
    case "conflict":
      return `${branch}: conflict; the files and the commands to pick it by hand are in the status comment`;
    case "missing": {
      const existing =
        entry.releaseBranches.length > 0
          ? `the release branches are ${entry.releaseBranches.map((b) => codeSpan(b)).join(", ")}`
          : "there is no release branch yet";
      return `${branch} does not exist; ${existing}`;
    }
    case "failed":
      return `${branch}: failed, ${escapeText(entry.reason)}`;
  }
}

/** Writes the changes when they change anything; returns the status comment's address. */
async function writeStatus(
  ctx: FlowContext,
  pr: PullRequestInfo,
  before: PickStatus,
  changes: ReadonlyMap<string, TargetState | null>,
  existingUrl: string | null,
): Promise<string | null> {
  const differs = [...changes].some(([branch, state]) => {
    const previous = targetState(before, branch);
    if (state === null) return previous !== undefined;
    return JSON.stringify(previous ?? null) !== JSON.stringify({ branch, ...state });
  });
  if (!differs || ctx.config.dryRun) return existingUrl;
  const written = await updatePickStatus(ctx.github, ctx.repo, pr.number, changes, {
    labelPrefix: labelPrefix(ctx),
  });
  return written.url;
}

/** A conflict adds the failed label; once the status shows no conflict, it goes. */
async function updateFailedLabel(
  ctx: FlowContext,
  pr: PullRequestInfo,
  status: PickStatus,
  changed: boolean,
): Promise<void> {
  if (ctx.config.dryRun || !changed) return;
  const label = ctx.config.cherryPick.failedLabel;
  const has = pr.labels.includes(label);
  const conflict = status.targets.some((entry) => entry.state === "conflict");
  if (conflict && !has) {
    await ctx.github.rest.issues.addLabels({
      ...ctx.repo,
      issue_number: pr.number,
      labels: [label],
    });
  } else if (!conflict && has) {
    await removeFailedLabel(ctx, pr.number);
  }
}

async function removeFailedLabel(ctx: FlowContext, number: number): Promise<void> {
  try {
    await ctx.github.rest.issues.removeLabel({
      ...ctx.repo,
      issue_number: number,
      name: ctx.config.cherryPick.failedLabel,
    });
  } catch (error) {
    // Not on the pull request (any more): nothing to remove.
    if (!hasStatus(error, 404)) throw error;
  }
}

function labelPrefix(ctx: FlowContext): string {
  return ctx.config.cherryPick.labelPrefixes[0] ?? "cherry-pick/";
}
