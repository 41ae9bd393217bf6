import type { Context } from "probot";
import { parseStatus } from "../core/cherry-pick-status.js";
import { pickEntry, withPick, withPull, withTag, withUntested } from "../core/dashboard-state.js";
import { parsePickBranchName } from "../core/pick-targets.js";
import { isReleaseCommitMessage } from "../core/release-commit.js";
import { formatLine, isCandidate, parseBranchName, parseTag } from "../core/version.js";
import { patchDashboard } from "../flows/dashboard.js";
import { marker } from "../github/comments.js";
import { commitsAfter } from "../github/line-reads.js";
import { STATUS_KEY } from "../github/pick-status-comment.js";
import { flowContext } from "./flow-context.js";
import { loadConfig } from "./load-config.js";

/**
 * The dashboard follows the events that change a line, each patching only what it changed:
 * a tag made by a bot or workflow, a push to a release branch, a pull request into one opened or
 * closed, and the bot's own pick status comments. Everything else is dropped on the payload, before any
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
  const tag = { name: ref, version: version.version, candidate: isCandidate(version) };
  const result = await patchDashboard(
    ctx,
    line,
    {
      read: (stored) => commitsAfter(ctx.github, ctx.repo, ref, stored.branch),
      apply: (status, after) =>
        after
          ? withTag(status, { ...tag, commit: after.base.sha, date: after.base.date }, after)
          : status,
    },
    { create: true },
  );
  context.log.info({ tag: ref, status: result.status }, result.message);
}

/**
 * A pull request into a release branch opened, reopened or closed: the open pull requests, and
 * for the bot's pick pull request the state of its pick. A merge's commits arrive with the push
 * GitHub sends for it.
 */
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
  const pull = { number: pr.number, title: pr.title };
  const sameRepo = pr.head.repo?.full_name === context.payload.repository.full_name;
  const pick = sameRepo
    ? parsePickBranchName(loaded.config.cherryPick.branchName, pr.head.ref)
    : null;
  const state = action !== "closed" ? "open" : pr.merged ? "merged" : "closed";
  const result = await patchDashboard(ctx, formatLine(line), {
    apply: (status) => {
      const pulled = withPull(status, pull, action !== "closed");
      // The pick pull request's state is its pick's: the deliveries about it then all agree.
      if (pick === null || pick.branch !== pr.base.ref) return pulled;
      const known = status.picks.find((p) => p.pr === pick.pr);
      const title = known?.title ?? pr.title.replace(/^\[[^\]]*\]\s*/, "");
      return withPick(pulled, { ...known, pr: pick.pr, title, state, pickPr: pr.number }, pick.pr);
    },
  });
  context.log.info({ pull: pr.number, status: result.status }, result.message);
}

/** A push to a release branch (a fix committed directly): the commits no tag covers. */
export async function onPushForDashboard(context: Context<"push">): Promise<void> {
  const { ref, deleted, head_commit: head } = context.payload;
  const branch = ref.replace(/^refs\/heads\//, "");
  if (deleted || branch === ref || !MAY_BE_RELEASE_BRANCH.test(branch)) return;
  // The bot's version bump: its tag follows, and the tag's event brings the commits.
  if (head && isReleaseCommitMessage(head.message, () => true)) return;
  const loaded = await loadConfig(context);
  if (!loaded.ok) return;
  const line = parseBranchName(loaded.config.branches.pattern, branch);
  if (line === null) return;
  const ctx = flowContext(context, loaded.config);
  const result = await patchDashboard(ctx, formatLine(line), {
    read: async (stored) => {
      const newest = stored.tags[0];
      return newest ? commitsAfter(ctx.github, ctx.repo, newest.name, stored.branch) : null;
    },
    apply: (status, after) => (after ? withUntested(status, after) : status),
  });
  context.log.info({ branch, status: result.status }, result.message);
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
    const result = await patchDashboard(ctx, formatLine(line), {
      apply: (status) => withPick(status, entry, issue.number),
    });
    context.log.info({ pull: issue.number, status: result.status }, result.message);
  }
}
