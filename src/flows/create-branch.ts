import { inlineCode } from "../core/markdown.js";
import { branchName, type ReleaseLine } from "../core/version.js";
import { createBranch, getBranchHead, resolveCommit } from "../github/branches.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { planReleaseBranch } from "./dry-run-branch.js";
import { cutFirstCandidate } from "./first-candidate.js";
import { branchLink, commitLink } from "./links.js";

/** `/branch X.Y [from <ref>]`: creates the release branch, then cuts its first candidate. */
export async function createReleaseBranch(
  ctx: FlowContext,
  line: ReleaseLine,
  from: string,
): Promise<Outcome> {
  const branch = branchName(ctx.config.branches.pattern, line);
  const existing = await getBranchHead(ctx.github, ctx.repo, branch);
  if (existing) {
    return outcome(
      "unchanged",
      `${branchLink(ctx, branch)} already exists (at ${commitLink(ctx, existing.sha)}); use \`/rc\` to cut its next candidate.`,
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
  const created = await createBranch(ctx.github, ctx.repo, branch, sha);
  const head = `${branchLink(ctx, branch)} from ${inlineCode(from)} at ${commitLink(ctx, sha)}`;
  const first = await cutFirstCandidate(ctx, line);
  const lead =
    created === "created"
      ? `Created ${head}.`
      : `${branchLink(ctx, branch)} was just created by another request.`;
  return {
    status: first.status === "unchanged" ? "done" : first.status,
    message: `${lead} ${first.message}`,
  };
}
