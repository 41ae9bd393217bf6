/**
 * The reply when GitHub refuses the release's tag (a tag ruleset, a missing permission): what
 * exists after the run (the bump commit, if this run made it; no tag, no release) and how to
 * finish once an admin has changed what refused it.
 */
import { explainRefusal } from "../../github/rulesets.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink } from "../links.js";

export interface RefusedTag {
  branch: string;
  tag: string;
  version: string;
  commitSha: string;
  /** Files this run's bump commit changed; empty when the branch already carried the version. */
  changedPaths: readonly string[];
}

/** The outcome for a refused tag, or null when `error` is not a refusal (the caller rethrows). */
export async function tagRefusedOutcome(
  ctx: FlowContext,
  request: RefusedTag,
  error: unknown,
): Promise<Outcome | null> {
  const why = await explainRefusal(ctx.github, ctx.repo, `refs/tags/${request.tag}`, error);
  if (why === null) return null;
  const commit = commitLink(ctx, request.commitSha);
  const branch = branchLink(ctx, request.branch);
  const files = request.changedPaths.map((path) => `\`${path}\``).join(", ");
  const made =
    request.changedPaths.length > 0
      ? `The version bump is committed (${commit} on ${branch} sets \`${request.version}\` in ${files}), but tag \`${request.tag}\` was not created`
      : `Tag \`${request.tag}\` was not created on ${commit} of ${branch}`;
  return outcome(
    "failed",
    `${made}: ${why}. No tag and no GitHub release exist for \`${request.version}\`. Once that is changed, ask again (the same command; \`/rc\` for a first candidate): the branch already carries the version, so the bot only tags ${commit} and publishes the release.`,
  );
}
