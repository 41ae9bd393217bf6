import { hasStatus } from "./errors.js";
import { writeOnce } from "./lost-answers.js";
import type { GitHub, RepoId } from "./types.js";

export interface ReleaseOptions {
  tag: string;
  prerelease: boolean;
  /** The release the notes start from (`notesBaseline`): the tag before a candidate, the final before a final. */
  previousTag: string | null;
  /** No release can exist yet (this run created the tag, or just looked): skip the read. */
  knownAbsent?: boolean;
  /** The notes, when the caller wrote them (the changelog's section); generated otherwise. */
  body?: string;
  /** Create it as a draft (`release-drafts.ts` finds and keeps drafts: GitHub allows several). */
  draft?: boolean;
}

/** Creates the GitHub release of a tag with generated notes; an existing release is kept. */
export async function ensureRelease(
  github: GitHub,
  repo: RepoId,
  options: ReleaseOptions,
): Promise<{ url: string; created: boolean }> {
  const existing = options.knownAbsent ? null : await findRelease(github, repo, options.tag);
  if (existing) return { url: existing, created: false };
  const notes =
    options.body !== undefined
      ? { data: { body: options.body } }
      : options.previousTag
        ? await github.rest.repos.generateReleaseNotes({
            ...repo,
            tag_name: options.tag,
            previous_tag_name: options.previousTag,
          })
        : null;
  try {
    // A release GitHub created without answering is found by its tag (sent again: 422).
    return await writeOnce(
      github,
      async (noRetry) => {
        const { data } = await github.rest.repos.createRelease({
          ...repo,
          tag_name: options.tag,
          name: options.tag,
          prerelease: options.prerelease,
          ...(options.draft ? { draft: true } : {}),
          // Finals: GitHub picks "latest" by date and SemVer, so a patch of an old line stays behind.
          make_latest: options.prerelease ? "false" : "legacy",
          ...(notes ? { body: notes.data.body } : { generate_release_notes: true }),
          ...noRetry,
        });
        return { url: data.html_url, created: true };
      },
      async () => {
        const found = await findRelease(github, repo, options.tag);
        return found ? { url: found, created: true } : null;
      },
    );
  } catch (error) {
    // 422 already_exists: another delivery created it between our read and write.
    if (hasStatus(error, 422)) {
      const raced = await findRelease(github, repo, options.tag);
      if (raced) return { url: raced, created: false };
    }
    throw error;
  }
}

/** The web address of the release of a tag, or null when it has none. */
export async function findRelease(
  github: GitHub,
  repo: RepoId,
  tag: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getReleaseByTag({ ...repo, tag });
    return data.html_url;
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}
