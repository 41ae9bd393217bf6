import { decodeState, encodeState } from "../core/dashboard-state.js";
import type { LineStatus } from "../core/line-status.js";
import { renderLineStatus } from "../core/line-status-markdown.js";
import { parseLineArgument } from "../core/version.js";
import { marker } from "../github/comments.js";
import {
  createDashboard,
  type DashboardIssue,
  dashboardKey,
  findDashboards,
  updateDashboard,
} from "../github/dashboard-issue.js";
import type { FlowContext, Outcome } from "./context.js";
import { outcome } from "./context.js";
import { readLineStatus } from "./line-status.js";

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
  const [status, found] = await Promise.all([
    readLineStatus(ctx, parsed),
    findDashboards(ctx.github, ctx.repo, label, line),
  ]);
  if (status === null) return outcome("unchanged", `no release branch for ${line}`);
  return writeDashboard(ctx, status, found[0] ?? null);
}

/** What an event changes on a dashboard: reads it needs first (if any), then the change. */
export interface DashboardPatch<T> {
  /** Reads from GitHub the change needs, given the status stored so far. */
  read?: (stored: LineStatus) => Promise<T>;
  apply: (status: LineStatus, read: T | undefined) => LineStatus;
}

/**
 * After an event that changed the line: reads the dashboard (one listing), applies what the event
 * knows and edits it when the body differs. An event that needs a read of its own (the compare of
 * the branch) lists the dashboard again after it, so its edit starts from the freshest body and
 * another delivery's edit made meanwhile is kept: at most 4 calls. A dashboard whose hidden status
 * does not parse is rebuilt in full; a line without one gets one only with `create` (a tag: the
 * line has started), else reconcile makes it.
 */
export async function patchDashboard<T>(
  ctx: FlowContext,
  line: string,
  patch: DashboardPatch<T>,
  options: { create: boolean } = { create: false },
): Promise<Outcome> {
  const { enabled, label } = ctx.config.dashboard;
  if (!enabled) return outcome("unchanged", "dashboards are off");
  let [issue] = await findDashboards(ctx.github, ctx.repo, label, line);
  if (!issue && !options.create) return outcome("unchanged", `no dashboard of ${line} yet`);
  let stored = issue ? decodeState(issue.body) : null;
  if (!issue || stored === null) return rebuildDashboard(ctx, line);
  let read: T | undefined;
  if (patch.read) {
    read = await patch.read(stored);
    [issue] = await findDashboards(ctx.github, ctx.repo, label, line);
    stored = issue ? decodeState(issue.body) : null;
    if (!issue || stored === null) return rebuildDashboard(ctx, line);
  }
  return writeDashboard(ctx, patch.apply(stored, read), issue);
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
