/** What the demo release leaves, read back from the local GitHub with git and the API. */
import type { Sandbox } from "../sandbox.js";
import type { SandboxRepo } from "../script.js";
import { MAINTAINER } from "./demo-operator.js";

/**
 * The bot's dashboard issue of a line, by the bot's defaults (`dashboard.label` in the
 * configuration, the title of `flows/line/dashboard.ts`); test/world checks they still agree.
 */
export const DEMO_DASHBOARD = {
  label: "release-bot/dashboard",
  title: (line: string) => `Release ${line}`,
};

/** What a finished demo must show; a missing piece makes `npm run demo` fail. */
export const EXPECTED_TAGS = ["v1.5.0-rc.0", "v1.5.0-rc.1", "v1.5.0", "v1.5.1-rc.0"];

/** What a tag holds: the commit and the version fields there, read with git. */
export interface TagRecord {
  tag: string;
  commit: string;
  chartVersion: string | null;
  chartAppVersion: string | null;
  versionFile: string | null;
}

export interface DemoRecord {
  tags: TagRecord[];
  replies: Record<string, string>;
  pickPulls: Array<{ number: number; title: string; base: string; merged: boolean }>;
  conflictComment: string | null;
  releaseBranchLog: string;
  /** The dashboard issue of release-1.5 at the end, as Markdown. */
  dashboard: string | null;
  gitDir: string;
}

/** The body of a line's open dashboard issue, as a maintainer reads it on GitHub; null if none. */
export async function readDashboard(
  sandbox: Sandbox,
  repo: SandboxRepo,
  line: string,
): Promise<string | null> {
  const query = new URLSearchParams({ labels: DEMO_DASHBOARD.label, state: "open" });
  const response = await fetch(`${sandbox.url}/repos/${repo.fullName}/issues?${query}`, {
    headers: { authorization: `token ${sandbox.tokenFor(MAINTAINER)}` },
  });
  if (!response.ok) throw new Error(`listing issues answered ${response.status}`);
  const issues = (await response.json()) as Array<{ title: string; body: string | null }>;
  return issues.find((issue) => issue.title === DEMO_DASHBOARD.title(line))?.body ?? null;
}

/** What the demo must have made; each problem is one line (none: the demo passed). */
export function checkDemo(record: DemoRecord): string[] {
  const problems: string[] = [];
  for (const expected of EXPECTED_TAGS) {
    const tag = record.tags.find((t) => t.tag === expected);
    const image = expected.slice(1);
    if (!tag) problems.push(`${expected} was not tagged`);
    else if (
      tag.chartVersion !== image ||
      tag.chartAppVersion !== image ||
      tag.versionFile !== expected
    ) {
      problems.push(
        `${expected}: Chart.yaml says ${tag.chartVersion}/${tag.chartAppVersion}, VERSION ${tag.versionFile}`,
      );
    }
  }
  if (!record.conflictComment?.includes("conflict"))
    problems.push("the conflicting pick was not reported");
  if (!record.dashboard?.includes("**Next:**")) problems.push("release-1.5 has no dashboard");
  return problems;
}

/** The commit a tag points to and the version fields there, read from git itself. */
export async function readTag(repo: SandboxRepo, tag: string): Promise<TagRecord> {
  const commit = (await repo.git("rev-parse", `${tag}^{commit}`)).trim();
  const chart = await repo.readFile(commit, "charts/demo-operator/Chart.yaml").catch(() => null);
  const field = (name: string) =>
    chart ? (new RegExp(`^${name}: *"?([^"\\s]+)"?`, "m").exec(chart)?.[1] ?? null) : null;
  const versionFile = await repo.readFile(commit, "VERSION").catch(() => null);
  return {
    tag,
    commit,
    chartVersion: field("version"),
    chartAppVersion: field("appVersion"),
    versionFile: versionFile?.trim() ?? null,
  };
}
