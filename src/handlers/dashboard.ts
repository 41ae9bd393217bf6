import type { Context } from "probot";
import { parseStatus } from "../core/cherry-pick-status.js";
import { pickEntry, withPick, withPull, withTag, withUntested } from "../core/dashboard-state.js";
import { formatLine, isCandidate, parseBranchName, parseTag } from "../core/version.js";
import { patchDashboard } from "../flows/dashboard.js";
import { marker } from "../github/comments.js";
import { commitsAfter } from "../github/line-reads.js";
import { STATUS_KEY } from "../github/pick-status-comment.js";
import { flowContext } from "./flow-context.js";
import { loadConfig } from "./load-config.js";

/**
 * The dashboard follows the events that change a line, each patching only what it changed:
 * a tag made by a bot or workflow, a pull request into a release branch opened, closed or merged,
 * and the bot's own pick status comments. Everything else is dropped on the payload, before any
 * API call. A tag pushed by a person waits for the next of these or for reconcile.
 */

/** Every release branch name holds two numbers (see the release-branch handler). */
const MAY_BE_RELEASE_BRANCH = /\d\D+\d/;

/** A tag created by the bot (or a workflow): add it, and the commits the branch has after it. */
export async function onTagCreatedForDashboard(context: Context<"create">): Promise<void> {
  const { ref, ref_type: refType, sender } = context.payload;
  if (refType !== "tag" || sender.type !== "Bot") return;
  const loaded = await loadConfig(context);
  if (!loaded.ok) return;
  const version = parseTag(loaded.config.tags.format, ref);
  if (version === null) return;
  const line = formatLine({ major: version.major, minor: version.minor });
  const ctx = flowContext(context, loaded.config);
  const result = await patchDashboard(
    ctx,
    line,
    async (status) => {
      const after = await commitsAfter(ctx.github, ctx.repo, ref, status.branch);
      if (after === null) return status;
      const tag = { name: ref, version: version.version, candidate: isCandidate(version) };
      return withTag(status, { ...tag, commit: after.base.sha, date: after.base.date }, after);
    },
    { create: true },
  );
  context.log.info({ tag: ref, status: result.status }, result.message);
}

/** A pull request into a release branch opened, reopened or closed; merged, its commits count. */
export async function onPullRequestForDashboard(
  context: Context<"pull_request.opened" | "pull_request.reopened" | "pull_request.closed">,
): Promise<void> {
  const { pull_request: pr, action } = context.payload;
  if (!MAY_BE_RELEASE_BRANCH.test(pr.base.ref)) return;
  const loaded = await loadConfig(context);
  if (!loaded.ok) return;
  const line = parseBranchName(loaded.config.branches.pattern, pr.base.ref);
  if (line === null) return;
  const ctx = flowContext(context, loaded.config);
  const result = await patchDashboard(ctx, formatLine(line), async (status) => {
    const pulled = withPull(status, { number: pr.number, title: pr.title }, action !== "closed");
    const newest = status.tags[0];
    if (!pr.merged || newest === undefined) return pulled;
    const after = await commitsAfter(ctx.github, ctx.repo, newest.name, status.branch);
    return after === null ? pulled : withUntested(pulled, after);
  });
  context.log.info({ pull: pr.number, status: result.status }, result.message);
}

/** The bot wrote a pick status comment: its rows are the picks of each line it names. */
export async function onStatusCommentForDashboard(
  context: Context<"issue_comment.created" | "issue_comment.edited">,
): Promise<void> {
  const { comment, issue } = context.payload;
  if (comment.user?.type !== "Bot" || !comment.body.includes(marker(STATUS_KEY))) return;
  const loaded = await loadConfig(context);
  if (!loaded.ok) return;
  const ctx = flowContext(context, loaded.config);
  for (const target of parseStatus(comment.body).targets) {
    const line = parseBranchName(loaded.config.branches.pattern, target.branch);
    if (line === null) continue;
    const entry = pickEntry(issue, target, comment.html_url);
    const result = await patchDashboard(ctx, formatLine(line), (status) =>
      withPick(status, entry, issue.number),
    );
    context.log.info({ pull: issue.number, status: result.status }, result.message);
  }
}
