import { hasStatus } from "./errors.js";
import type { GitHub, RepoId } from "./types.js";

/** The text of a file at a branch, tag or commit; null when it is not there. */
export async function readFileAt(
  github: GitHub,
  repo: RepoId,
  path: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file") return null;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}
