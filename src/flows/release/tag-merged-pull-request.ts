import { tagOfReleasePullRequestBranch } from "../../core/release/commit.js";
import { DRY_RUN_LEAD } from "../../core/release/dry-run-plan.js";
import {
  formatLine,
  isCandidate,
  parseTag,
  type ReleaseLine,
} from "../../core/version/numbering.js";
import { versionStrings } from "../../core/version/spellings.js";
import { deleteBranch } from "../../github/branches.js";
import { isRequestFailure } from "../../github/errors.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink } from "../links.js";
import { publishRefusalOutcome } from "./burned-names.js";
import { tagAndPublish } from "./cut.js";
import { previousTag, readLineState } from "./line-state.js";
import { readBackTree } from "./read-back.js";
import { noticingStrays, tagsOnBranch } from "./stray-tags.js";
import { leftToWorkflow } from "./workflow-tagging.js";

export interface MergedReleasePullRequest {
  headRef: string;
  baseRef: string;
  /** The commit the merge put on the base branch (merge, squash or last rebased commit). */
  mergeCommitSha: string;
}

/**
 * A merged `Release vX.Y.Z` pull request: tag its merge commit and publish the release, then
 * delete its branch. Returns null for a pull request that is not a release pull request of the line.
 */
export async function tagMergedReleasePullRequest(
  ctx: FlowContext,
  line: ReleaseLine,
  pr: MergedReleasePullRequest,
): Promise<Outcome | null> {
  const tag = tagOfReleasePullRequestBranch(pr.headRef);
  const version = tag ? parseTag(ctx.config.tags.format, tag) : null;
  if (!version) return null;
  if (version.major !== line.major || version.minor !== line.minor) {
    return outcome(
      "refused",
      `\`${tag}\` does not belong to \`${pr.baseRef}\`, so its merge commit was not tagged.`,
    );
  }
  if (ctx.config.dryRun) {
    return outcome(
      "planned",
      `${DRY_RUN_LEAD} The bot would tag \`${tag}\` on the merge commit \`${pr.mergeCommitSha.slice(0, 7)}\` of \`${pr.baseRef}\`, publish its release and delete \`${pr.headRef}\`.`,
    );
  }
  if (ctx.config.release.tagging === "workflow") {
    const strings = versionStrings(ctx.config, version.version);
    return leftToWorkflow(ctx, {
      branch: pr.baseRef,
      strings,
      commitSha: pr.mergeCommitSha,
      committed: true,
    });
  }
  const strings = versionStrings(ctx.config, version.version);
  const [read, notCarried] = await Promise.all([
    readLineState(ctx, line),
    readBackTree(ctx, pr.mergeCommitSha, strings),
  ]);
  if (notCarried.length > 0) {
    const rerun = `/${isCandidate(version) ? "rc" : "release"} ${formatLine(line)}`;
    return outcome(
      "failed",
      `Did not tag \`${strings.tag}\`: the merge commit ${commitLink(ctx, pr.mergeCommitSha)} of ${branchLink(ctx, pr.baseRef)} does not carry \`${strings.version}\` in every managed version field: ${notCarried.join("; ")}. Run \`${rerun}\` to set the version again.`,
    );
  }
  const onBranch = await tagsOnBranch(ctx, read, pr.mergeCommitSha);
  if (!onBranch.ok) return onBranch.outcome;
  const result = await tagAndPublish(ctx, {
    branch: pr.baseRef,
    strings,
    commitSha: pr.mergeCommitSha,
    previousTag: previousTag(ctx, onBranch.state, version.version),
    changedPaths: [],
  }).catch((error: unknown) => {
    const refused = publishRefusalOutcome(ctx, error);
    if (refused === null) throw error;
    return refused;
  });
  if (result.status === "done" || result.status === "unchanged") {
    // The release is made: a refused deletion of its branch (a ruleset) only leaves it behind.
    await deleteBranch(ctx.github, ctx.repo, pr.headRef).catch((error: unknown) => {
      if (!isRequestFailure(error) || error.status >= 500) throw error;
      ctx.log.warn({ err: error, branch: pr.headRef }, "could not delete the release branch");
    });
  }
  return noticingStrays(ctx, onBranch.state, result);
}
