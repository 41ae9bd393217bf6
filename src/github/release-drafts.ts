/**
 * Draft releases. GitHub's "Get a release by tag name" never shows a draft, and GitHub lets
 * several drafts carry one tag name (only published releases are unique), so drafts are found in
 * the release listing: its first page, newest first, where a draft of a tag the bot just cut is.
 * Two deliveries racing can each make a draft; the oldest is kept and the others deleted.
 */
import { makeLatest } from "../core/release/publishing.js";
import { hasStatus } from "./errors.js";
import { ensureRelease, type ReleaseOptions } from "./releases.js";
import type { GitHub, RepoId } from "./types.js";

/** How many of the newest releases are looked through for a tag's draft. */
export const RELEASES_READ = 100;

/** The GitHub release of a tag: published, or a draft. */
export interface TagRelease {
  id: number;
  tag: string;
  url: string;
  draft: boolean;
  prerelease: boolean;
  /** Published while the repository had immutable releases on: its tag and assets are locked. */
  immutable: boolean;
  /** Where assets are uploaded (`uploadReleaseAsset({ url })`): a draft takes them until published. */
  uploadUrl: string | null;
}

interface ListedRelease {
  id: number;
  tag_name: string;
  html_url: string;
  draft: boolean;
  prerelease: boolean;
  immutable?: boolean;
  upload_url?: string;
}

const toTagRelease = (r: ListedRelease): TagRelease => ({
  id: r.id,
  tag: r.tag_name,
  url: r.html_url,
  draft: r.draft,
  prerelease: r.prerelease,
  immutable: r.immutable === true,
  uploadUrl: r.upload_url ?? null,
});

/** The newest releases, drafts included (the App can see them: it has push access). */
export async function newestReleases(github: GitHub, repo: RepoId): Promise<TagRelease[]> {
  const { data } = await github.rest.repos.listReleases({ ...repo, per_page: RELEASES_READ });
  return data.map(toTagRelease);
}

/** The published release of the tag, else its oldest draft, among `releases`. */
export function releaseOfTagIn(releases: readonly TagRelease[], tag: string): TagRelease | null {
  const ofTag = releases.filter((r) => r.tag === tag);
  const published = ofTag.find((r) => !r.draft);
  if (published) return published;
  return [...ofTag].sort((a, b) => a.id - b.id)[0] ?? null;
}

/**
 * The tag's published release or draft, or null: the listing first (drafts are young), then
 * "Get a release by tag name" for a published release older than the listing.
 */
export async function findTagRelease(
  github: GitHub,
  repo: RepoId,
  tag: string,
): Promise<TagRelease | null> {
  const listed = releaseOfTagIn(await newestReleases(github, repo), tag);
  return listed ?? publishedRelease(github, repo, tag);
}

/**
 * Creates the tag's GitHub release as a draft, unless it has one (a draft or a published
 * release, which is kept). Read back after the creation: of the drafts racing deliveries made,
 * the oldest is kept and the others are deleted (a bounded loop: one deletion each).
 */
export async function ensureDraftRelease(
  github: GitHub,
  repo: RepoId,
  options: ReleaseOptions,
): Promise<{ url: string; created: boolean; draft: boolean }> {
  const existing = options.knownAbsent ? null : await findTagRelease(github, repo, options.tag);
  if (existing) return { url: existing.url, created: false, draft: existing.draft };
  await ensureRelease(github, repo, { ...options, knownAbsent: true, draft: true });
  const releases = (await newestReleases(github, repo)).filter((r) => r.tag === options.tag);
  const kept = releaseOfTagIn(releases, options.tag);
  if (kept === null) {
    throw new Error(`the draft release of ${options.tag} is not listed after it was created`);
  }
  for (const extra of releases.filter((r) => r.draft && r.id !== kept.id)) {
    await deleteDraft(github, repo, extra.id);
  }
  return { url: kept.url, created: true, draft: kept.draft };
}

async function deleteDraft(github: GitHub, repo: RepoId, id: number): Promise<void> {
  try {
    await github.rest.repos.deleteRelease({ ...repo, release_id: id });
  } catch (error) {
    // The other delivery deleted it first.
    if (!hasStatus(error, 404)) throw error;
  }
}

/**
 * Publishes a draft (finals may become "latest", candidates never), then reads it back: the
 * release as GitHub shows it now.
 */
export async function publishDraft(
  github: GitHub,
  repo: RepoId,
  draft: TagRelease,
): Promise<TagRelease> {
  await github.rest.repos.updateRelease({
    ...repo,
    release_id: draft.id,
    draft: false,
    make_latest: makeLatest(draft.prerelease),
  });
  const { data } = await github.rest.repos.getRelease({ ...repo, release_id: draft.id });
  return toTagRelease(data);
}

/** The tag's published release ("Get a release by tag name" shows no draft), or null. */
export async function publishedRelease(
  github: GitHub,
  repo: RepoId,
  tag: string,
): Promise<TagRelease | null> {
  try {
    const { data } = await github.rest.repos.getReleaseByTag({ ...repo, tag });
    return toTagRelease(data);
  } catch (error) {
    if (hasStatus(error, 404)) return null;
    throw error;
  }
}
