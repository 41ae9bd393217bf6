import { marker } from "./comments.js";
import { hasStatus } from "./errors.js";
import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

/** A dashboard issue as found: its number and the body it has now. */
export interface DashboardIssue {
  number: number;
  body: string;
  url: string;
}

/** The hidden key of the dashboard of one line: `dashboard:1.5`. */
export const dashboardKey = (line: string) => `dashboard:${line}`;

/**
 * The open dashboard issues of a line, oldest first: issues with the label whose body carries
 * the line's marker (one listing). Normally one; two when replicas created one each at once.
 */
export async function findDashboards(
  github: GitHub,
  repo: RepoId,
  label: string,
  line: string,
): Promise<DashboardIssue[]> {
  const tag = marker(dashboardKey(line));
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...repo,
    state: "open",
    labels: label,
    per_page: 100,
  });
  return issues
    .filter((issue) => !issue.pull_request && issue.body?.includes(tag))
    .map((issue) => ({ number: issue.number, body: issue.body ?? "", url: issue.html_url }))
    .sort((a, b) => a.number - b.number);
}

/** Edits the dashboard's body when it differs; returns whether anything was written. */
export async function updateDashboard(
  github: GitHub,
  repo: RepoId,
  issue: DashboardIssue,
  body: string,
): Promise<boolean> {
  if (issue.body === body) return false;
  await github.rest.issues.update({ ...repo, issue_number: issue.number, body });
  return true;
}

/**
 * Creates the dashboard of a line, then looks again: when another delivery or replica created
 * one at the same moment, every writer keeps the oldest and closes the others, so all converge
 * on one issue whatever the order. Returns the issue kept.
 */
export async function createDashboard(
  github: GitHub,
  repo: RepoId,
  options: { label: string; line: string; title: string; body: string },
): Promise<DashboardIssue> {
  // An issue GitHub opened without answering is the one found (sent again: a twin to close).
  const created = await writeOnce(
    github,
    async (noRetry) => {
      const { data } = await github.rest.issues.create({
        ...repo,
        title: options.title,
        body: options.body,
        labels: [options.label],
        ...noRetry,
      });
      return { number: data.number, body: options.body, url: data.html_url };
    },
    async () => (await findDashboards(github, repo, options.label, options.line))[0] ?? null,
  );
  const all = await findDashboards(github, repo, options.label, options.line);
  const [kept = created, ...twins] = all;
  for (const twin of twins) await closeTwin(github, repo, twin, kept);
  if (kept.number !== created.number) await updateDashboard(github, repo, kept, options.body);
  return kept;
}

async function closeTwin(
  github: GitHub,
  repo: RepoId,
  twin: DashboardIssue,
  kept: DashboardIssue,
): Promise<void> {
  try {
    await github.rest.issues.update({
      ...repo,
      issue_number: twin.number,
      state: "closed",
      state_reason: "not_planned",
      body: `Duplicate of #${kept.number}, the dashboard of this line.`,
    });
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
}
