import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

/**
 * A hidden marker in a comment body that says what the comment is for, so a redelivery finds
 * the comment it already wrote instead of writing another one.
 */
export function marker(key: string): string {
  return `<!-- release-bot:${key} -->`;
}

/** A comment body with its marker, as every marked comment is written. */
const withMarker = (body: string, key: string) => `${body}\n\n${marker(key)}`;

export interface CommentClaim {
  /** True when this delivery added the reaction: it owns the comment's commands. */
  claimed: boolean;
  /** When the bot's reaction was added, by this delivery or an earlier one. */
  claimedAt: string;
}

/**
 * Reacts with eyes to a comment, at once, so the user knows the bot is on it. The reaction is
 * also the lock between deliveries and replicas: GitHub answers 201 to the first and 200
 * ("Reaction exists") to every later one, atomically. When GitHub added the reaction and lost
 * its answer, the bot's reaction found is this delivery's claim: sent again, the request would
 * answer 200 as if another delivery held the comment, and nobody would run its commands.
 */
export async function claimComment(
  github: GitHub,
  repo: RepoId,
  commentId: number,
): Promise<CommentClaim> {
  return writeOnce(
    github,
    async (noRetry) => {
      const response = await github.rest.reactions.createForIssueComment({
        ...repo,
        comment_id: commentId,
        content: "eyes",
        ...noRetry,
      });
      return { claimed: response.status === 201, claimedAt: response.data.created_at };
    },
    async () => {
      const { data } = await github.rest.reactions.listForIssueComment({
        ...repo,
        comment_id: commentId,
        content: "eyes",
        per_page: 100,
      });
      const ours = data.find((reaction) => reaction.user?.type === "Bot");
      return ours ? { claimed: true, claimedAt: ours.created_at } : null;
    },
  );
}

/** The first comment on the issue carrying the marker, looking only at comments since `since`. */
export async function findMarkedComment(
  github: GitHub,
  repo: RepoId,
  issueNumber: number,
  key: string,
  since?: string,
): Promise<{ id: number; body: string; url: string } | null> {
  const tag = marker(key);
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
    ...(since ? { since } : {}),
  });
  const found = comments.find((comment) => comment.body?.includes(tag));
  return found ? { id: found.id, body: found.body ?? "", url: found.html_url } : null;
}

/** Replaces the body of a marked comment, keeping its marker. */
export async function updateMarkedComment(
  github: GitHub,
  repo: RepoId,
  commentId: number,
  key: string,
  body: string,
): Promise<void> {
  await github.rest.issues.updateComment({
    ...repo,
    comment_id: commentId,
    body: withMarker(body, key),
  });
}

/**
 * Writes `text` in place of the marker in the first comment that carries it, so only once: a
 * comment whose marker is gone (written over already) is left as it is. Whether it wrote.
 */
export async function replaceMarker(
  github: GitHub,
  repo: RepoId,
  issueNumber: number,
  key: string,
  text: string,
): Promise<boolean> {
  const found = await findMarkedComment(github, repo, issueNumber, key);
  if (found === null) return false;
  await github.rest.issues.updateComment({
    ...repo,
    comment_id: found.id,
    body: found.body.replace(marker(key), text),
  });
  return true;
}

/**
 * Posts a comment that carries a marker. When GitHub posted it and lost its answer, the marked
 * comment found is this one (sent again, it would be a second comment).
 */
export async function postMarkedComment(
  github: GitHub,
  repo: RepoId,
  issueNumber: number,
  key: string,
  body: string,
): Promise<{ id: number; url: string }> {
  return writeOnce(
    github,
    async (noRetry) => {
      const { data } = await github.rest.issues.createComment({
        ...repo,
        issue_number: issueNumber,
        body: withMarker(body, key),
        ...noRetry,
      });
      return { id: data.id, url: data.html_url };
    },
    async () => {
      const found = await findMarkedComment(github, repo, issueNumber, key);
      return found ? { id: found.id, url: found.url } : null;
    },
  );
}

/**
 * Creates the marked comment or edits it in place: one comment per subject, always current.
 * `keepExisting` leaves a comment already there as it is, for news that adds nothing to it.
 */
export async function upsertMarkedComment(
  github: GitHub,
  repo: RepoId,
  issueNumber: number,
  key: string,
  body: string,
  options: { keepExisting?: boolean } = {},
): Promise<{ id: number; url: string }> {
  const existing = await findMarkedComment(github, repo, issueNumber, key);
  if (!existing) return postMarkedComment(github, repo, issueNumber, key, body);
  if (!options.keepExisting && existing.body !== withMarker(body, key)) {
    await updateMarkedComment(github, repo, existing.id, key, body);
  }
  return { id: existing.id, url: existing.url };
}
