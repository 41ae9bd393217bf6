import { decideNewLine } from "../../core/line/new-line-policy.js";
import { inlineCode } from "../../core/text/markdown.js";
import {
  branchName,
  formatLine,
  parseBranchName,
  type ReleaseLine,
} from "../../core/version/numbering.js";
import { createBranch, getBranchHead, resolveCommit } from "../../github/branches.js";
import { listReleaseBranches } from "../../github/release-branches.js";
import { explainRefusal } from "../../github/rulesets.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink } from "../links.js";
import { planReleaseBranch } from "./dry-run-branch.js";
import { CLAIM_WAIT_MS, cutFirstCandidate } from "./first-candidate.js";

/**
 * `/branch X.Y [from <ref>] [--force]`: creates the release branch, then cuts its first
 * candidate. A line that is not the next one is refused unless forced (`decideNewLine`).
 */
export async function createReleaseBranch(
  ctx: FlowContext,
  line: ReleaseLine,
  from: string,
  force = false,
): Promise<Outcome> {
  const pattern = ctx.config.branches.pattern;
  const branch = branchName(pattern, line);
  const [existing, lines] = await Promise.all([
    getBranchHead(ctx.github, ctx.repo, branch),
    listReleaseBranches(ctx.github, ctx.repo, pattern),
  ]);
  if (existing) {
    return outcome(
      "unchanged",
      `${branchLink(ctx, branch)} already exists (at ${commitLink(ctx, existing.sha)}); use \`/rc\` to cut its next candidate.`,
    );
  }
  const existingLines = lines.flatMap((name) => parseBranchName(pattern, name) ?? []);
  const decision = decideNewLine(line, existingLines, force);
  if (!decision.ok) {
    const override = decision.forceable
      ? ` If you mean it, run \`/branch ${formatLine(line)} --force\`.`
      : "";
    return outcome(
      "refused",
      `Did not create ${inlineCode(branch)}: ${decision.reason}.${override}`,
    );
  }
  const sha = await resolveCommit(ctx.github, ctx.repo, from);
  if (!sha) {
    return outcome(
      "refused",
      `${inlineCode(from)} is not a branch, tag or commit of this repository.`,
    );
  }
  if (ctx.config.dryRun) return planReleaseBranch(ctx, line, { from, sha });
  let created: "created" | "exists";
  try {
    created = await createBranch(ctx.github, ctx.repo, branch, sha);
  } catch (error) {
    const why = await explainRefusal(ctx.github, ctx.repo, `refs/heads/${branch}`, error);
    if (why === null) throw error;
    return outcome("failed", `Did not create ${inlineCode(branch)}: ${why}.`);
  }
  const head = `${branchLink(ctx, branch)} from ${inlineCode(from)} at ${commitLink(ctx, sha)}`;
  // The branch's `create` event may cut the first candidate for this request: its tag, made
  // since the command, is this request's own work, retold as such.
  const first = await cutFirstCandidate(
    { ...ctx, resumes: ctx.resumes ?? { otherReplies: [] } },
    line,
    CLAIM_WAIT_MS,
  );
  const lead =
    created === "created"
      ? `Created ${head}.`
      : `${branchLink(ctx, branch)} was just created by another request.`;
  return {
    status: first.status === "unchanged" ? "done" : first.status,
    message: `${lead} ${first.message}`,
  };
}
