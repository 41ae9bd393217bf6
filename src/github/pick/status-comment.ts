/**
 * The cherry-pick status comment on a pull request: read, and updated in place. The comment is
 * the only record of what was requested and how it went, so any replica can pick up where
 * another left off.
 */
import {
  applyChanges,
  mergeStatuses,
  type PickStatus,
  parseStatus,
  type RenderOptions,
  renderStatus,
  type TargetState,
} from "../../core/pick/status.js";
import { marker } from "../comments.js";
import { hasStatus } from "../errors.js";
import { writeOnce } from "../lost-answers.js";
import type { GitHub, RepoId } from "../types.js";

/** The hidden marker key of the status comment. */
export const STATUS_KEY = "cherry-pick-status";

interface StatusComment {
  id: number;
  body: string;
  url: string;
}

export interface StatusRead {
  status: PickStatus;
  /** The comments that carry the marker, oldest first; normally one. */
  comments: StatusComment[];
}

/** The status of the picks of a pull request, from its status comment(s). */
export async function readPickStatus(
  github: GitHub,
  repo: RepoId,
  number: number,
): Promise<StatusRead> {
  const tag = marker(STATUS_KEY);
  const all = await github.paginate(github.rest.issues.listComments, {
    ...repo,
    issue_number: number,
    per_page: 100,
  });
  const comments = all
    .filter((comment) => comment.body?.includes(tag))
    .map((comment) => ({ id: comment.id, body: comment.body ?? "", url: comment.html_url }))
    .sort((a, b) => a.id - b.id);
  return { status: mergeStatuses(comments.map((c) => parseStatus(c.body))), comments };
}

/**
 * Applies changes to the freshest status and writes it: re-read just before writing so that
 * deliveries working on other targets of the same pull request lose as little as possible.
 * Several comments (deliveries that each created one at the same moment) are merged into the
 * oldest and the others deleted; a delivery that has just created the comment looks once more
 * for such a twin, so the pull request is left with one comment. Returns the status written and
 * the comment's address.
 */
export async function updatePickStatus(
  github: GitHub,
  repo: RepoId,
  number: number,
  changes: ReadonlyMap<string, TargetState | null>,
  options: RenderOptions,
): Promise<{ status: PickStatus; url: string | null }> {
  const read = await readPickStatus(github, repo, number);
  const status = applyChanges(read.status, changes);
  if (status.targets.length === 0 && read.comments.length === 0) return { status, url: null };
  if (read.comments.length > 0) return writeInto(github, repo, read.comments, status, options);

  const body = `${renderStatus(status, options)}\n\n${marker(STATUS_KEY)}`;
  // A comment GitHub posted without answering is found by the read that follows anyway.
  await writeOnce(
    github,
    async (noRetry) => {
      await github.rest.issues.createComment({ ...repo, issue_number: number, body, ...noRetry });
      return true;
    },
    async () => ((await readPickStatus(github, repo, number)).comments.length > 0 ? true : null),
  );
  const again = await readPickStatus(github, repo, number);
  const merged = applyChanges(again.status, changes);
  return writeInto(github, repo, again.comments, merged, options);
}

/** Writes the status into the oldest comment (when it differs) and deletes the others. */
async function writeInto(
  github: GitHub,
  repo: RepoId,
  comments: readonly StatusComment[],
  status: PickStatus,
  options: RenderOptions,
): Promise<{ status: PickStatus; url: string | null }> {
  const [kept, ...extra] = comments;
  if (kept === undefined) return { status, url: null };
  const body = `${renderStatus(status, options)}\n\n${marker(STATUS_KEY)}`;
  if (kept.body !== body) {
    await github.rest.issues.updateComment({ ...repo, comment_id: kept.id, body });
  }
  for (const duplicate of extra) {
    try {
      await github.rest.issues.deleteComment({ ...repo, comment_id: duplicate.id });
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
  }
  return { status, url: kept.url };
}
