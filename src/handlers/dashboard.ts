import type { Context } from "probot";
import { pickEntry, withDrafts, withPick } from "../core/line/dashboard-state.js";
import type { LineStatus } from "../core/line/status.js";
import { parseStatus } from "../core/pick/status.js";
import { isReleaseCommitMessage } from "../core/release/commit.js";
import { formatLine, isCandidate, parseBranchName, parseTag } from "../core/version/numbering.js";
import { patchDashboard } from "../flows/line/dashboard.js";
import { lineDrafts } from "../flows/line/status.js";
import { marker } from "../github/comments.js";
import { STATUS_KEY } from "../github/pick/status-comment.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/**
 * The dashboard follows the events that change a line, each patching only what it changed:
 * a tag made by a bot or workflow, a push to a release branch, a pull request into one opened or
 * closed, and the bot's own pick status comments. Everything else is dropped on the payload, before any
 * API call. A tag pushed by a person waits for the next of these or for reconcile.
 */

/** Every release branch name holds two numbers (see the release-branch handler). */
const MAY_BE_RELEASE_BRANCH = /\d\D+\d/;

/** A tag created by the bot (or a workflow): add it, and the commits the branch has after it. */
export async function onTagCreatedForDashboard(
  context: Context<"create">,
  delivery: Delivery,
): Promise<void> {
  const { ref, ref_type: refType, sender } = context.payload;
  if (refType !== "tag" || sender.type !== "Bot") return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const version = parseTag(loaded.config.tags.format, ref);
  if (version === null) return;
  const line = formatLine({ major: version.major, minor: version.minor });
  const ctx = flowContext(context, loaded.config, delivery);
  const tag = { name: ref, version: version.version, candidate: isCandidate(version) };
  // With drafts first, the tag's draft follows it: each edit carries the drafts read fresh.
  const drafts = loaded.config.release.publish === "draft" ? await lineDrafts(ctx, version) : null;
  const result = await patchDashboard(ctx, line, {
    tag,
    create: true,
    ...(drafts ? { apply: (status: LineStatus) => withDrafts(status, drafts) } : {}),
  });
  context.log.info({ tag: ref, status: result.status }, result.message);
}

/**
 * A pull request into a release branch opened, reopened or closed: the open pull requests, the
 * state of a pick pull request's pick, and a merge's commits, all read fresh.
 */
export async function onPullRequestForDashboard(
  context: Context<"pull_request.opened" | "pull_request.reopened" | "pull_request.closed">,
  delivery: Delivery,
): Promise<void> {
  const { pull_request: pr } = context.payload;
  if (!MAY_BE_RELEASE_BRANCH.test(pr.base.ref)) return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const line = parseBranchName(loaded.config.branches.pattern, pr.base.ref);
  if (line === null) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const result = await patchDashboard(ctx, formatLine(line), {});
  context.log.info({ pull: pr.number, status: result.status }, result.message);
}

/** A push to a release branch (a fix committed directly): the commits no tag covers. */
export async function onPushForDashboard(
  context: Context<"push">,
  delivery: Delivery,
): Promise<void> {
  const { ref, deleted, head_commit: head } = context.payload;
  const branch = ref.replace(/^refs\/heads\//, "");
  if (deleted || branch === ref || !MAY_BE_RELEASE_BRANCH.test(branch)) return;
  // The bot's version bump: its tag follows, and the tag's event brings the commits.
  if (head && isReleaseCommitMessage(head.message, () => true)) return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const line = parseBranchName(loaded.config.branches.pattern, branch);
  if (line === null) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const result = await patchDashboard(ctx, formatLine(line), {});
  context.log.info({ branch, status: result.status }, result.message);
}

/** The bot wrote a pick status comment: its rows are the picks of each line it names. */
export async function onStatusCommentForDashboard(
  context: Context<"issue_comment.created" | "issue_comment.edited">,
  delivery: Delivery,
): Promise<void> {
  const { comment, issue } = context.payload;
  if (comment.user?.type !== "Bot" || !comment.body.includes(marker(STATUS_KEY))) return;
  const loaded = await delivery.config();
  if (!loaded.ok) return;
  const ctx = flowContext(context, loaded.config, delivery);
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

/**
 * A release of one of the line's tags was drafted, published or deleted: the dashboard's drafts
 * waiting to be published, read fresh (one listing), with `release.publish: draft`. Other
 * repositories pay one configuration read per release event.
 */
export async function onReleaseForDashboard(
  context: Context<"release.created" | "release.published" | "release.deleted">,
  delivery: Delivery,
): Promise<void> {
  const { action, release } = context.payload;
  // A release created published is no draft news; its `published` event follows.
  if (action === "created" && !release.draft) return;
  const loaded = await delivery.config();
  if (!loaded.ok || loaded.config.release.publish !== "draft") return;
  const version = parseTag(loaded.config.tags.format, release.tag_name);
  if (version === null) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const drafts = await lineDrafts(ctx, version);
  // The bot's own release carries its tag too: the tag's event may be handled at the same time.
  const tag =
    release.author?.type === "Bot"
      ? { name: release.tag_name, version: version.version, candidate: isCandidate(version) }
      : undefined;
  const result = await patchDashboard(ctx, formatLine(version), {
    ...(tag ? { tag } : {}),
    apply: (status) => withDrafts(status, drafts),
  });
  context.log.info({ tag: release.tag_name, action, status: result.status }, result.message);
}
