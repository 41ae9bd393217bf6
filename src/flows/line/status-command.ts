import { isLineDone, type LineStatus } from "../../core/line/status.js";
import { renderDoneLine, renderLineStatus } from "../../core/line/status-markdown.js";
import { formatLine, parseBranchName, parseLineArgument } from "../../core/version/numbering.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { readLineStatus } from "./status.js";

/** `/status` without a line reads this many release lines, newest first. */
const MAX_STATUS_LINES = 5;

/** `/status 1.5`: the line's state; `/status`: every active line's, finished lines in one line each. */
export async function reportStatus(ctx: FlowContext, target: string | undefined): Promise<Outcome> {
  const pattern = ctx.config.branches.pattern;
  if (target !== undefined) {
    const line = parseLineArgument(target, pattern);
    if (line === null) {
      return outcome(
        "refused",
        `\`${target.replaceAll("`", "'").slice(0, 40)}\` is not a release line; give it as \`major.minor\`, for example \`/status 1.5\`.`,
      );
    }
    const status = await readLineStatus(ctx, line);
    if (status === null) {
      return outcome(
        "refused",
        `There is no release branch for ${formatLine(line)}; \`/branch ${formatLine(line)}\` creates it.`,
      );
    }
    return outcome("done", renderLineStatus(status, { repoUrl: ctx.repoUrl, heading: true }));
  }

  const branches = await listReleaseBranches(ctx.github, ctx.repo, pattern);
  if (branches.length === 0) {
    return outcome("done", "There is no release branch yet; `/branch 1.5` creates one.");
  }
  const lines = branches.slice(0, MAX_STATUS_LINES).flatMap((b) => {
    const line = parseBranchName(pattern, b);
    return line ? [line] : [];
  });
  const statuses = (await Promise.all(lines.map((line) => readLineStatus(ctx, line)))).filter(
    (s): s is LineStatus => s !== null,
  );
  const active = statuses.filter((s) => !isLineDone(s));
  const done = statuses.filter(isLineDone);
  const parts = active.map((s) => renderLineStatus(s, { repoUrl: ctx.repoUrl, heading: true }));
  if (done.length > 0)
    parts.push(["**Finished lines**", "", ...done.map(renderDoneLine)].join("\n"));
  if (branches.length > MAX_STATUS_LINES) {
    parts.push(`Older lines are left out; ask for one with \`/status <major.minor>\`.`);
  }
  return outcome("done", parts.join("\n\n"));
}
