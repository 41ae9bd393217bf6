import type { Clock } from "../clock.js";
import type { Outcome } from "../flows/context.js";
import {
  claimComment,
  findMarkedComment,
  marker,
  postMarkedComment,
  updateMarkedComment,
} from "../github/comments.js";
import type { GitHub, RepoId } from "../github/types.js";

/**
 * How long a claimed comment without a reply is left to the delivery that claimed it. Past this,
 * that delivery is taken to have died (a crashed replica) and a redelivery runs the commands.
 */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;

/** Marks a reply whose commands failed, so that a redelivery tries them again. */
const FAILED = marker("failed");

/** The comment that carries the commands. */
export interface CommandComment {
  id: number;
  issueNumber: number;
  /** When it was written: its reply can only be newer, so older comments are not read. */
  createdAt: string;
}

/** What one command came to, with the command as the user typed it. */
export interface CommandResult {
  command: string;
  result: Outcome;
}

export type CommandClaim =
  /** Another delivery owns the comment; `answered` when its reply is already there. */
  | { owned: false; answered: boolean }
  /** This delivery runs the commands and sends the comment's one reply. */
  | { owned: true; reply: (results: ReadonlyArray<CommandResult>) => Promise<void> };

/**
 * Takes a comment's commands for this delivery. The eyes reaction is the lock: a redelivery or
 * another replica that finds it leaves the comment to its owner, unless the owner's reply says
 * the commands failed (then this delivery runs them again and edits that reply in place) or the
 * owner left no reply within the lease.
 */
export async function claimCommandComment(
  github: GitHub,
  repo: RepoId,
  comment: CommandComment,
  clock: Pick<Clock, "now">,
): Promise<CommandClaim> {
  const key = `reply-to:${comment.id}`;
  const claim = await claimComment(github, repo, comment.id);
  let previous: { id: number; body: string } | null = null;
  if (!claim.claimed) {
    previous = await findMarkedComment(github, repo, comment.issueNumber, key, comment.createdAt);
    const ownerAlive = clock.now() - Date.parse(claim.claimedAt) < CLAIM_LEASE_MS;
    if ((previous && !previous.body.includes(FAILED)) || (!previous && ownerAlive)) {
      return { owned: false, answered: previous !== null };
    }
  }
  const previousId = previous?.id ?? null;
  return {
    owned: true,
    async reply(results) {
      const body = replyBody(results);
      if (previousId === null) {
        await postMarkedComment(github, repo, comment.issueNumber, key, body);
      } else {
        await updateMarkedComment(github, repo, previousId, key, body);
      }
    },
  };
}

/** One command's message alone; several under their commands, in order. */
function replyBody(results: ReadonlyArray<CommandResult>): string {
  const text =
    results.length === 1
      ? (results[0]?.result.message ?? "")
      : results.map(({ command, result }) => `**\`${command}\`**: ${result.message}`).join("\n\n");
  return results.some(({ result }) => result.status === "failed") ? `${text}\n${FAILED}` : text;
}
