import type { VersionStrings } from "../../core/version/spellings.js";
import { completeAwaitedTag, readAwaitedTag, recordAwaitedTag } from "../../github/awaited-tags.js";
import { marker, replaceMarker } from "../../github/comments.js";
import { getTag, tagCommit } from "../../github/tags.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";

/** Marks the sentence of a reply that waits for a tag; the tag's arrival is written after it. */
const awaitingKey = (tag: string) => `awaiting-tag:${tag}`;

/**
 * With `release.tagging: workflow` the repository's release workflow tags the bump on its push
 * (Spark Operator's release.yaml checks that the tag does not exist yet, builds the images, then
 * tags and drafts the release), so the bot stops after the bump and records on the commit that
 * it waits for the tag. A branch that already carries the version is a bump in flight: the
 * workflow tags it, and no second version is cut meanwhile.
 */
export async function leftToWorkflow(
  ctx: FlowContext,
  request: { branch: string; strings: VersionStrings; commitSha: string; committed: boolean },
): Promise<Outcome> {
  const { branch, strings, commitSha } = request;
  if (request.committed) {
    await recordAwaitedTag(ctx.github, ctx.repo, {
      commitSha,
      tag: strings.tag,
      issueNumber: ctx.issueNumber,
    });
  }
  // A fast workflow may have tagged before the record above existed for its create event to
  // find: read the tag after writing the record, so one of the two sees the other.
  const arrived = await followWorkflowTag(ctx, strings.tag);
  const where = `${commitLink(ctx, commitSha)} of ${branchLink(ctx, branch)}`;
  const what = request.committed
    ? `Set the version to \`${strings.version}\` on ${where}`
    : `${branchLink(ctx, branch)} already carries \`${strings.version}\` (${commitLink(ctx, commitSha)})`;
  const waiting = `${what}; the release workflow tags \`${strings.tag}\` and publishes the release (\`release.tagging: workflow\`).`;
  if (arrived) return outcome("done", `${waiting}\n\n**Update:** ${arrived.message}`);
  return outcome(
    "pending",
    `${waiting}${request.committed ? marker(awaitingKey(strings.tag)) : ""}`,
  );
}

/**
 * A tag arrived: when the bot waits for it on the commit it names, the wait is over and the
 * reply that asked for it says where the tag is. Any other tag is none of this flow's business.
 */
export async function followWorkflowTag(ctx: FlowContext, tag: string): Promise<Outcome | null> {
  const ref = await getTag(ctx.github, ctx.repo, tag);
  if (!ref) return null;
  const commitSha = await tagCommit(ctx.github, ctx.repo, ref);
  const awaited = await readAwaitedTag(ctx.github, ctx.repo, commitSha);
  if (!awaited?.waiting || awaited.tag !== tag) return null;
  const news = `The release workflow tagged ${tagLink(ctx, tag)} on ${commitLink(ctx, commitSha)}.`;
  await completeAwaitedTag(ctx.github, ctx.repo, awaited.checkRunId, {
    conclusion: "success",
    title: `Tagged ${tag}`,
    summary: news,
  });
  if (awaited.issueNumber !== null) {
    await noteOnReply(ctx, awaited.issueNumber, tag, `\n\n**Update:** ${news}`);
  }
  return outcome("done", news);
}

/**
 * The reconcile pass's look at a bump that waits for its tag: a tag whose `create` event was lost
 * is followed now; one still missing after `release.workflowTimeoutMinutes` is reported on the
 * bump's check and in the reply, once.
 */
export async function checkAwaitedTag(
  ctx: FlowContext,
  commitSha: string,
): Promise<Outcome | null> {
  const awaited = await readAwaitedTag(ctx.github, ctx.repo, commitSha);
  if (!awaited?.waiting) return null;
  const arrived = await followWorkflowTag(ctx, awaited.tag);
  if (arrived) return arrived;
  const minutes = ctx.config.release.workflowTimeoutMinutes;
  const since = Date.parse(awaited.startedAt);
  if (Number.isNaN(since) || ctx.delivery.clock.now() - since < minutes * 60_000) return null;
  const news = `\`${awaited.tag}\` is still not tagged ${minutes} minutes after the bump ${commitLink(ctx, commitSha)}; look at the release workflow's run for that push, then tag it or run the command again.`;
  await completeAwaitedTag(ctx.github, ctx.repo, awaited.checkRunId, {
    conclusion: "failure",
    title: `${awaited.tag} was not tagged`,
    summary: news,
  });
  if (awaited.issueNumber !== null) {
    await noteOnReply(ctx, awaited.issueNumber, awaited.tag, `\n\n**Update:** ${news}`);
  }
  return outcome("failed", news);
}

/** Writes the news after the reply's waiting sentence, in place of its marker (so only once). */
async function noteOnReply(
  ctx: FlowContext,
  issueNumber: number,
  tag: string,
  news: string,
): Promise<void> {
  await replaceMarker(ctx.github, ctx.repo, issueNumber, awaitingKey(tag), news);
}
