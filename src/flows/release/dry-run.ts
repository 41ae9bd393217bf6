/**
 * What a dry run answers instead of writing: the plan of a release, and for picks asked by a
 * merge or a label (which have no reply of their own) one comment on the pull request.
 */
import semver from "semver";
import { plannedCharts } from "../../core/charts/reply.js";
import type { FileChange } from "../../core/files/apply.js";
import { pickPlanComment, releasePlanMessage } from "../../core/release/dry-run-plan.js";
import type { VersionStrings } from "../../core/version/spellings.js";
import type { BranchHead } from "../../github/branches.js";
import { upsertMarkedComment } from "../../github/comments.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { planLinks } from "../links.js";
import type { PicksReport } from "../pick/merged.js";

export interface ReleaseDryRun {
  branch: string;
  /** The commit the bump would build on. */
  head: Pick<BranchHead, "sha">;
  strings: VersionStrings;
  previousTag: string | null;
  changes: readonly FileChange[];
  unchanged: readonly string[];
  /** `/branch`: the ref the branch would be created from. */
  createFrom?: string;
}

/** The reply of a release under a dry run: every step it would take, nothing written. */
export function dryRunOutcome(ctx: FlowContext, plan: ReleaseDryRun): Outcome {
  const { strings } = plan;
  const isCandidate = semver.prerelease(strings.version) !== null;
  const message = releasePlanMessage(
    {
      version: strings.version,
      tag: strings.tag,
      branch: plan.branch,
      headSha: plan.head.sha,
      changes: plan.changes,
      unchanged: plan.unchanged,
      previousTag: plan.previousTag,
      mode: ctx.config.release.mode,
      release: ctx.config.release.notes
        ? {
            prerelease: isCandidate && ctx.config.release.prerelease,
            ...(ctx.config.release.publish === "draft" ? { draft: true } : {}),
          }
        : null,
      ...(plan.createFrom === undefined ? {} : { createFrom: plan.createFrom }),
    },
    planLinks(ctx),
  );
  const { publish, indexBranch } = ctx.config.charts;
  const draft = ctx.config.release.publish === "draft";
  const charts = publish === false ? "" : `\n\n${plannedCharts(indexBranch, draft)}`;
  return outcome("planned", `${message}${charts}`);
}

/** The key of the dry run's comment: a redelivery edits it instead of adding another. */
const PICK_PLAN_KEY = "cherry-pick-dry-run";

/**
 * A merge or a label asked for picks under `dryRun: true`: the plan goes in one comment on the
 * pull request, since nothing else would show it.
 */
export async function commentPickPlan(
  ctx: FlowContext,
  number: number,
  report: PicksReport,
): Promise<void> {
  const body = pickPlanComment(
    number,
    report.targets.map((target) => target.summary),
  );
  await upsertMarkedComment(ctx.github, ctx.repo, number, PICK_PLAN_KEY, body);
}
