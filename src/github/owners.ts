import { ALIASES_FILE } from "../core/owners/approvers.js";
import { hasStatus } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

/** The texts an OWNERS decision needs, from the default branch; null where a file is not there. */
export interface OwnersTexts {
  owners: string | null;
  aliases: string | null;
}

/**
 * The OWNERS file and the root's OWNERS_ALIASES on the default branch (the contents API reads it
 * when no ref is given), read at once: one round-trip.
 */
export async function readOwnersTexts(
  github: GitHub,
  repo: RepoId,
  file: string,
): Promise<OwnersTexts> {
  const [owners, aliases] = await Promise.all([
    readDefaultBranchFile(github, repo, file),
    readDefaultBranchFile(github, repo, ALIASES_FILE),
  ]);
  return { owners, aliases };
}

async function readDefaultBranchFile(
  github: GitHub,
  repo: RepoId,
  path: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path });
    if (Array.isArray(data) || data.type !== "file") return null;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}
