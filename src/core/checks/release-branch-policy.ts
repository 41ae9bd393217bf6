/**
 * The release-branch policy: what may enter a release branch. The bot's pick and release pull
 * requests may, and so may any pull request carrying a configured approval label (Prow's
 * `cherry-pick-approved` is the model); anything else fails with the way to get the fix in.
 * Pure.
 */
import type { Config } from "../../config.js";
import { parsePickBranchName, requestLabel } from "../pick/targets.js";
import { tagOfReleasePullRequestBranch } from "../release/commit.js";
import type { CheckResult } from "./result.js";

export interface PolicyPullRequest {
  number: number;
  headRef: string;
  /** The head branch is in this repository (a fork can name its branch anything). */
  sameRepo: boolean;
  baseRef: string;
  labels: readonly string[];
  defaultBranch: string;
}

export function checkReleaseBranchPolicy(config: Config, pr: PolicyPullRequest): CheckResult {
  const pass = (title: string, summary: string): CheckResult => ({
    conclusion: "success",
    title,
    summary,
    annotations: [],
  });
  const pick = pr.sameRepo ? parsePickBranchName(config.cherryPick.branchName, pr.headRef) : null;
  if (pick !== null && pick.branch === pr.baseRef) {
    return pass(
      `A cherry-pick of #${pick.pr}`,
      `release-bot opened this pull request to pick #${pick.pr} onto \`${pr.baseRef}\`; picks of merged fixes may enter release branches.`,
    );
  }
  const tag = pr.sameRepo ? tagOfReleasePullRequestBranch(pr.headRef) : null;
  if (tag !== null) {
    return pass(
      `The release pull request of ${tag}`,
      `release-bot opened this pull request to release \`${tag}\`; merging it tags the merge commit.`,
    );
  }
  const approval = config.checks.approvalLabels.find((label) => pr.labels.includes(label));
  if (approval !== undefined) {
    return pass(
      `Approved with \`${approval}\``,
      `An approver labelled this pull request \`${approval}\`, so it may enter \`${pr.baseRef}\` directly.`,
    );
  }
  const label = requestLabel(pr.baseRef, config);
  const approvals = config.checks.approvalLabels.map((l) => `\`${l}\``).join(" or ");
  return {
    conclusion: "failure",
    title: "Only picks, release pull requests and approved fixes enter a release branch",
    summary: [
      `\`${pr.baseRef}\` takes bug fixes by cherry-pick from \`${pr.defaultBranch}\`, so that every fix lands there first. To get this change in:`,
      "",
      `1. open it against \`${pr.defaultBranch}\` and label that pull request \`${label}\` (or comment \`/cherry-pick ${pr.baseRef}\` on it): release-bot picks it onto \`${pr.baseRef}\` when it is merged;`,
      approvals
        ? `2. or, if it must go to \`${pr.baseRef}\` only (a fix for code \`${pr.defaultBranch}\` no longer has), ask an approver to add the label ${approvals} here; this check passes once it is there.`
        : `2. no approval label is configured (\`checks.approvalLabels\`), so a direct change needs the check overridden by an admin.`,
    ].join("\n"),
    annotations: [],
  };
}
