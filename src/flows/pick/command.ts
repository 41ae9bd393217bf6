import type { Command } from "../../core/commands/parse.js";
import { ownersProblemMessage } from "../../core/owners/refusal.js";
import type { TargetReport } from "../../core/pick/decision.js";
import { labelTargets, requestLabel, resolveTarget } from "../../core/pick/targets.js";
import { codeSpan } from "../../core/text/markdown.js";
import { addLabels, getPullRequest } from "../../github/pulls.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { pullLink } from "../links.js";
import { readOwners } from "../owners/approvers.js";
import { requestApproval } from "./approval.js";
import { type PicksReport, pickMergedPullRequest } from "./merged.js";
import { requestPicksAtMerge } from "./requests.js";

export interface CherryPickCommandRequest {
  command: Extract<Command, { name: "cherry-pick" }>;
  issueNumber: number;
  isPullRequest: boolean;
  requester: string;
}

/**
 * `/cherry-pick <branch>...` on a pull request (the caller checked the requester's permission):
 * merged, pick now; open, add the labels and pick at merge; closed unmerged, nothing to pick.
 * Branches are given as `release-1.5` or `1.5`. Under `cherryPick.approval: owners` anyone may
 * ask: a request by someone who is not an approver waits for one (labelled all the same).
 */
export async function runCherryPickCommand(
  ctx: FlowContext,
  request: CherryPickCommandRequest,
): Promise<Outcome> {
  if (!request.isPullRequest) {
    return outcome("refused", "`/cherry-pick` works on pull requests only.");
  }
  const branches: string[] = [];
  const problems: string[] = [];
  for (const argument of request.command.targets) {
    const target = resolveTarget(argument, ctx.config.branches.pattern);
    if (!target.ok) problems.push(target.reason);
    else if (!branches.includes(target.branch)) branches.push(target.branch);
  }
  if (branches.length === 0) {
    return outcome("refused", `Nothing was picked: ${problems.join("; ")}.`);
  }

  const pr = await getPullRequest(ctx.github, ctx.repo, request.issueNumber);
  if (pr === null) return outcome("refused", `#${request.issueNumber} is not a pull request.`);
  if (pr.state === "closed" && !pr.merged) {
    return outcome(
      "refused",
      `${pullLink(ctx, pr.number)} was closed without merging, so there is nothing to pick.`,
    );
  }
  const approval = requestApproval(ctx, pr, request.requester);
  if (approval !== null) {
    const owners = await readOwners(ctx);
    if (!owners.ok) {
      const typed = `/cherry-pick ${request.command.targets.join(" ")}`;
      return outcome("refused", ownersProblemMessage(typed, owners.file, owners.problem));
    }
  }
  const options = { trigger: "command" as const, approval };

  if (pr.merged) {
    const report = await pickMergedPullRequest(ctx, pr, branches, options);
    await labelWaiting(ctx, pr, report);
    return merged(report, problems, ctx.config.dryRun);
  }

  const report = await requestPicksAtMerge(ctx, pr, branches, options);
  const pending = report.targets.filter((t) => t.state?.state === "pending").map((t) => t.branch);
  const waiting = report.targets.filter((t) => t.state?.state === "awaiting");
  // A request waiting for an approver is labelled too: the merge finds it by its label.
  const requested = [...pending, ...waiting.map((t) => t.branch)];
  const labelled = new Set(labelTargets(pr.labels, ctx.config));
  const labels = requested.filter((b) => !labelled.has(b)).map((b) => requestLabel(b, ctx.config));
  if (labels.length > 0 && !ctx.config.dryRun) {
    await addLabels(ctx.github, ctx.repo, pr.number, labels);
  }
  const missing = report.targets.filter((t) => t.state?.state === "missing");
  const parts: string[] = [];
  const added =
    labels.length > 0
      ? ctx.config.dryRun
        ? ` (would add ${labels.map((l) => codeSpan(l)).join(", ")}; dry run, nothing was written)`
        : ` (added ${labels.map((l) => codeSpan(l)).join(", ")})`
      : "";
  if (pending.length > 0) {
    parts.push(
      `${list(pending.map((b) => codeSpan(b)))} will be picked when ${pullLink(ctx, pr.number)} is merged${added}`,
    );
  }
  parts.push(
    ...waiting.map((t, i) => `${t.summary}${pending.length === 0 && i === 0 ? added : ""}`),
  );
  const others = report.targets.filter(
    (t) => !requested.includes(t.branch) && !missing.includes(t),
  );
  parts.push(...others.map((t) => t.summary), ...missing.map((t) => t.summary), ...problems);
  const status = requested.length > 0 ? "pending" : others.length > 0 ? "unchanged" : "refused";
  return outcome(status, `${capitalize(parts.join(". "))}.`);
}

/**
 * A pick of a merged pull request waiting for an approver gets its label, as one asked for
 * before the merge has: the sweep and an approval label find the request by it.
 */
async function labelWaiting(
  ctx: FlowContext,
  pr: { number: number; labels: readonly string[] },
  report: PicksReport,
): Promise<void> {
  const labelled = new Set(labelTargets(pr.labels, ctx.config));
  const labels = report.targets
    .filter((t) => t.state?.state === "awaiting" && !labelled.has(t.branch))
    .map((t) => requestLabel(t.branch, ctx.config));
  if (labels.length > 0 && !ctx.config.dryRun) {
    await addLabels(ctx.github, ctx.repo, pr.number, labels);
  }
}

function merged(report: PicksReport, problems: readonly string[], dryRun: boolean): Outcome {
  const lines = report.targets.map((t) => t.summary);
  const status = overall(report.targets, problems.length > 0, dryRun);
  const where = report.statusUrl ? ` ([status](${report.statusUrl}))` : "";
  if (lines.length + problems.length === 1) {
    return outcome(status, `${capitalize([...lines, ...problems][0] as string)}.${where}`);
  }
  const items = [...lines, ...problems].map((line) => `- ${line}`);
  return outcome(status, `Cherry-picks${where}:\n${items.join("\n")}`);
}

function overall(
  targets: readonly TargetReport[],
  problems: boolean,
  dryRun: boolean,
): Outcome["status"] {
  const states = targets.map((t) => t.state?.state);
  if (states.some((s) => s === "conflict" || s === "failed")) return "failed";
  if (targets.some((t) => t.opened)) return "done";
  if (targets.length > 0 && states.every((s) => s === "missing")) return "refused";
  if (dryRun) return "planned";
  if (states.includes("awaiting")) return "pending";
  // Another delivery is picking: the status comment will say how it went.
  if (states.some((s) => s === undefined)) return "pending";
  return problems ? "refused" : "unchanged";
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
