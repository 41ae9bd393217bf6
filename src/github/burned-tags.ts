/**
 * Tag names GitHub will never create again: the name of a deleted immutable release
 * (https://docs.github.com/en/code-security/concepts/supply-chain-security/immutable-releases).
 * GitHub refuses such a ref with the words of a "Restrict creations" rule, so a refusal of that
 * rule is a burned name when no ruleset the App can read restricts creating the tag and the
 * repository does not say immutable releases are off (`GET /immutable-releases` needs the
 * Administration permission, which the App lacks: unreadable is not "off"). Read only after a
 * refusal.
 */
import { isCreationRefusal, namesBurnedTag } from "../core/release/publishing.js";
import { hasStatus, isRequestFailure, requestMessage } from "./errors.js";
import { rulesetsRefusing } from "./rulesets.js";
import type { GitHub, RepoId } from "./types.js";

/** Whether GitHub refused `tag` (its creation, or its release) because the name is burned. */
export async function isBurnedTagName(
  github: GitHub,
  repo: RepoId,
  tag: string,
  error: unknown,
): Promise<boolean> {
  if (!isRequestFailure(error)) return false;
  const message = requestMessage(error);
  if (namesBurnedTag(message)) return true;
  if (!isCreationRefusal(error.status, message)) return false;
  const [rulesets, enabled] = await Promise.all([
    rulesetsRefusing(github, repo, `refs/tags/${tag}`, message),
    immutableReleasesEnabled(github, repo),
  ]);
  return rulesets.length === 0 && enabled !== false;
}

/** The repository's immutable releases setting; null when the App may not read it. */
export async function immutableReleasesEnabled(
  github: GitHub,
  repo: RepoId,
): Promise<boolean | null> {
  try {
    const { data } = await github.rest.repos.checkImmutableReleases({ ...repo });
    return data.enabled;
  } catch (error) {
    // 404 is GitHub's "not enabled"; 403 (no Administration permission) says nothing.
    if (hasStatus(error, 404)) return false;
    if (isRequestFailure(error)) return null;
    throw error;
  }
}
