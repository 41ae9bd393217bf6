import {
  type BranchReading,
  decodeState,
  encodeState,
  type PickPull,
  withBranchReading,
  withTag,
} from "../../core/line/dashboard-state.js";
import type { LineStatus, Releasers } from "../../core/line/status.js";
import { renderLineStatus } from "../../core/line/status-markdown.js";
import { parsePickBranchName } from "../../core/pick/targets.js";
import { parseLineArgument } from "../../core/version/numbering.js";
import { marker } from "../../github/comments.js";
import {
  createDashboard,
  type DashboardIssue,
  dashboardKey,
  findDashboards,
  updateDashboard,
} from "../../github/dashboard-issue.js";
import {
  type BranchPull,
  type CommitsAfter,
  commitsAfter,
  pullsInto,
} from "../../github/line-reads.js";
import type { FlowContext, Outcome } from "../context.js";
import { outcome } from "../context.js";
import { currentReleasers } from "./releasers.js";
import { readLineStatus } from "./status.js";

/** The dashboard's body: the status as Markdown, then the hidden status and the marker. */
export function dashboardBody(ctx: FlowContext, status: LineStatus): string {
  const text = renderLineStatus(status, { repoUrl: ctx.repoUrl, heading: false });
  return `${text}\n\n${encodeState(status)}\n${marker(dashboardKey(status.line))}`;
}

/** `Release 1.5` */
export const dashboardTitle = (line: string) => `Release ${line}`;

/**
 * Rebuilds a line's dashboard from GitHub's state (reconcile, or an event that finds no usable
 * dashboard): creates it when missing, edits it when it differs. Nothing when dashboards are off
 * or the release branch does not exist.
 */
export async function rebuildDashboard(ctx: FlowContext, line: string): Promise<Outcome> {
  const { enabled, label } = ctx.config.dashboard;
  const parsed = parseLineArgument(line, ctx.config.branches.pattern);
  if (!enabled || parsed === null) return outcome("unchanged", "dashboards are off");
  const [status, found, releasers] = await Promise.all([
    readLineStatus(ctx, parsed),
    findDashboards(ctx.github, ctx.repo, label, line),
    currentReleasers(ctx, undefined),
  ]);
  if (status === null) return outcome("unchanged", `no release branch for ${line}`);
  return writeDashboard(ctx, withReleasers(status, releasers), found[0] ?? null);
}

/** A tag an event brings, added with the commit the compare finds it on. */
export interface NewTag {
  name: string;
  version: string;
  candidate: boolean;
}

/**
 * After an event that changed the line: the dashboard (one listing), the commits after the newest
 * tag and the pull requests into the branch (two reads, at once), then one edit when the body
 * differs: at most 4 calls. Every edit carries the branch's sections fresh (see
 * `withBranchReading`); `tag` and `apply` add what only the event knows. A dashboard whose hidden
 * status does not parse is rebuilt in full; a line without one gets one only with `create` (a
 * tag: the line has started), else reconcile makes it.
 */
export async function patchDashboard(
  ctx: FlowContext,
  line: string,
  event: { tag?: NewTag; apply?: (status: LineStatus) => LineStatus; create?: boolean },
): Promise<Outcome> {
  const { enabled, label } = ctx.config.dashboard;
  if (!enabled) return outcome("unchanged", "dashboards are off");
  const [issue] = await findDashboards(ctx.github, ctx.repo, label, line);
  if (!issue && !event.create) return outcome("unchanged", `no dashboard of ${line} yet`);
  const stored = issue ? decodeState(issue.body) : null;
  if (!issue || stored === null) return rebuildDashboard(ctx, line);

  const since = event.tag?.name ?? stored.tags[0]?.name;
  const [after, pulls, releasers] = await Promise.all([
    since ? commitsAfter(ctx.github, ctx.repo, since, stored.branch) : null,
    pullsInto(ctx.github, ctx.repo, stored.branch),
    currentReleasers(ctx, stored.releasers),
  ]);
  let status = withBranchReading(
    withReleasers(stored, releasers),
    branchReading(ctx, stored.branch, pulls, after),
  );
  if (event.tag && after) {
    status = withTag(
      status,
      { ...event.tag, commit: after.base.sha, date: after.base.date },
      after,
    );
  }
  return writeDashboard(ctx, event.apply ? event.apply(status) : status, issue);
}

/** The status naming who may release, when that is known. */
function withReleasers(status: LineStatus, releasers: Releasers | undefined): LineStatus {
  return releasers === undefined ? status : { ...status, releasers };
}

/** The open pull requests and the pick pull requests among the newest into the branch. */
export function branchReading(
  ctx: FlowContext,
  branch: string,
  pulls: readonly BranchPull[],
  after: CommitsAfter | null,
): BranchReading {
  const pickPulls: PickPull[] = pulls.flatMap((pr) => {
    const pick = pr.sameRepo
      ? parsePickBranchName(ctx.config.cherryPick.branchName, pr.headRef)
      : null;
    if (pick === null || pick.branch !== branch) return [];
    const state = pr.state === "open" ? "open" : pr.merged ? "merged" : "closed";
    return [{ original: pick.pr, number: pr.number, title: pr.title, state }];
  });
  return {
    untested: after,
    pulls: pulls
      .filter((pr) => pr.state === "open")
      .map((pr) => ({ number: pr.number, title: pr.title })),
    pickPulls,
  };
}

async function writeDashboard(
  ctx: FlowContext,
  status: LineStatus,
  issue: DashboardIssue | null,
): Promise<Outcome> {
  const body = dashboardBody(ctx, status);
  if (ctx.config.dryRun) return outcome("planned", `would write the dashboard of ${status.line}`);
  if (issue === null) {
    const created = await createDashboard(ctx.github, ctx.repo, {
      label: ctx.config.dashboard.label,
      line: status.line,
      title: dashboardTitle(status.line),
      body,
    });
    return outcome("done", `dashboard [#${created.number}](${created.url}) created`);
  }
  const changed = await updateDashboard(ctx.github, ctx.repo, issue, body);
  return outcome(changed ? "done" : "unchanged", `dashboard [#${issue.number}](${issue.url})`);
}
