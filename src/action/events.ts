import type { TokenIdentity } from "./identity.js";

/** The webhook events release-bot's handlers take, by the names Probot knows them. */
type AppEventName = "issue_comment" | "pull_request" | "create" | "workflow_run" | "push";

export type AppEvent =
  | { name: AppEventName; payload: Record<string, unknown> }
  | { skipped: string };

/**
 * `pull_request_target` carries the same payload as `pull_request` (it differs only in which
 * commit the workflow runs), so the app sees it as `pull_request`.
 */
const APP_EVENT_OF: Record<string, AppEventName> = {
  issue_comment: "issue_comment",
  pull_request: "pull_request",
  pull_request_target: "pull_request",
  create: "create",
  // `on: workflow_run: { workflows: [Release], types: [completed] }`: `release.publishAfter`.
  workflow_run: "workflow_run",
  // A release branch moved: the cherry-pick previews of the open pull requests onto it.
  push: "push",
};

/** Every comment the bot writes carries a hidden marker (src/github/comments.ts). */
const BOT_MARKER = "<!-- release-bot:";

/**
 * The event that started the workflow, as the app receives it, or why there is nothing to do:
 * an event the bot does not handle, or the bot's own comment (a personal token's replies come
 * from a user like any other, so the marker tells them apart).
 */
export function appEventOf(
  eventName: string,
  payload: Record<string, unknown>,
  identity: TokenIdentity,
): AppEvent {
  const name = APP_EVENT_OF[eventName];
  if (!name) {
    return {
      skipped: `release-bot does not handle ${eventName} events; trigger the workflow on ${Object.keys(APP_EVENT_OF).join(", ")}.`,
    };
  }
  if (name === "issue_comment" && identity.kind === "user") {
    const comment = payload.comment as { user?: { login?: string }; body?: string } | undefined;
    if (comment?.user?.login === identity.login && comment.body?.includes(BOT_MARKER)) {
      return { skipped: `comment by the token's user @${identity.login} is the bot's own reply.` };
    }
  }
  return { name, payload };
}
