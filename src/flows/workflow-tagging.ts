import type { VersionStrings } from "../core/version-strings.js";
import { type FlowContext, type Outcome, outcome } from "./context.js";
import { branchLink, commitLink } from "./links.js";

/**
 * With `release.tagging: workflow` the repository's release workflow tags the bump on its push
 * (Spark Operator's release.yaml checks that the tag does not exist yet, builds the images, then
 * tags and drafts the release), so the bot stops after the bump. A branch that already carries
 * the version is a bump in flight: the workflow tags it, and no second version is cut meanwhile.
 */
export function leftToWorkflow(
  ctx: FlowContext,
  request: { branch: string; strings: VersionStrings; commitSha: string; committed: boolean },
): Outcome {
  const { branch, strings, commitSha } = request;
  const where = `${commitLink(ctx, commitSha)} of ${branchLink(ctx, branch)}`;
  const what = request.committed
    ? `Set the version to \`${strings.version}\` on ${where}`
    : `${branchLink(ctx, branch)} already carries \`${strings.version}\` (${commitLink(ctx, commitSha)})`;
  return outcome(
    "pending",
    `${what}; the release workflow tags \`${strings.tag}\` and publishes the release (\`release.tagging: workflow\`).`,
  );
}
