/**
 * Immutable releases ("Immutable releases",
 * https://docs.github.com/en/code-security/concepts/supply-chain-security/immutable-releases;
 * switched on per repository as "Preventing changes to your releases" says,
 * https://docs.github.com/en/code-security/how-tos/secure-your-supply-chain/establish-provenance-and-integrity/preventing-changes-to-your-releases).
 * A release published while the setting is on is immutable: its tag cannot be moved, nor deleted
 * while the release exists, and its assets cannot be added, replaced or deleted; its title,
 * notes, pre-release and latest flags stay editable. Drafts are not immutable until published,
 * and releases published before the setting was on stay mutable. Deleting an immutable release
 * burns its tag name: the tag may be deleted then, but no tag or release of that name can ever
 * be made again in the repository.
 *
 * The answers, and where their words come from:
 * - a burned name's ref creation: `GH013 … Cannot create ref due to creations being restricted.`
 *   on a push (quoted in public pull requests, e.g. SalamLang/Salam#1627, whose rule suite named
 *   `rule_source: immutable_release_tag`); the REST answer is guessed as the refs API's ruleset
 *   refusal in the same words (422 `Repository rule violations found\n\n…\n\n`);
 * - a published release with a burned name: 422 `Validation Failed`, `tag_name was used by an
 *   immutable release` (quoted in community discussion #178351), with the `pre_receive` and
 *   `Published releases must have a valid tag` errors when it would create the tag (quoted in
 *   github-community-projects/ospo-reusable-workflows#83);
 * - an upload: 422 `Cannot upload assets to an immutable release` (asdf-vm/asdf#2329);
 * - an asset deletion: 422 `Validation Failed`, `Cannot delete asset from an immutable release`
 *   (uutils/coreutils#13839);
 * - guessed: moving or deleting the locked tag (the tag ruleset's `Cannot update this protected
 *   ref.` / `Cannot delete this protected ref.`), editing an asset (`Cannot modify asset of an
 *   immutable release`), changing the tag or turning the release back into a draft
 *   (`tag_name cannot be changed on an immutable release`, `An immutable release cannot be
 *   turned back into a draft`).
 */
import type { ReleaseRecord, RepoRecord } from "../model.js";
import { HttpError, validationFailed } from "../util.js";
import { RULE_VIOLATIONS } from "./branch-rules.js";
import { TAG_RULE_MESSAGES } from "./tag-rules.js";

export const IMMUTABLE_MESSAGES = {
  burnedTagName: "tag_name was used by an immutable release",
  invalidTag: "Published releases must have a valid tag",
  upload: "Cannot upload assets to an immutable release",
  deleteAsset: "Cannot delete asset from an immutable release",
  updateAsset: "Cannot modify asset of an immutable release",
  changeTag: "tag_name cannot be changed on an immutable release",
  backToDraft: "An immutable release cannot be turned back into a draft",
} as const;

/** The refusal of a ref write the immutability forbids, in a ruleset refusal's words. */
const refRefusal = (rule: keyof typeof TAG_RULE_MESSAGES) =>
  new HttpError(422, `${RULE_VIOLATIONS}\n\n${TAG_RULE_MESSAGES[rule]}\n\n`);

/** The published immutable release of a tag, if any. */
export function lockedRelease(repo: RepoRecord, tag: string): ReleaseRecord | undefined {
  return repo.releases.find((r) => r.tagName === tag && r.immutable && !r.draft);
}

/**
 * Throws GitHub's refusal when a tag write breaks immutability: creating a burned name, moving
 * or deleting the tag of a published immutable release. Nobody bypasses it, scripts included
 * (they stand for pushes, which GitHub refuses with GH013 and the same rule message).
 */
export function checkImmutableTagWrite(
  repo: RepoRecord,
  write: { ref: string; before: string | null; after: string | null },
): void {
  if (!write.ref.startsWith("refs/tags/")) return;
  const tag = write.ref.slice("refs/tags/".length);
  if (write.before === null) {
    if (repo.burnedTagNames.has(tag)) throw refRefusal("creation");
    return;
  }
  if (lockedRelease(repo, tag)) throw refRefusal(write.after === null ? "deletion" : "update");
}

/** Refuses to publish a release under a burned tag name (`tagExists`: no tag is created). */
export function checkPublishableTagName(repo: RepoRecord, tag: string, tagExists: boolean): void {
  if (!repo.burnedTagNames.has(tag)) return;
  const named = { resource: "Release", code: "custom", field: "tag_name" };
  if (tagExists) throw validationFailed([{ ...named, message: IMMUTABLE_MESSAGES.burnedTagName }]);
  throw validationFailed([
    {
      resource: "Release",
      code: "custom",
      field: "pre_receive",
      message: `pre_receive ${RULE_VIOLATIONS}\n\n${TAG_RULE_MESSAGES.creation}\n\n`,
    },
    { ...named, message: IMMUTABLE_MESSAGES.burnedTagName },
    { resource: "Release", code: "custom", message: IMMUTABLE_MESSAGES.invalidTag },
  ]);
}

/** At publication: immutable when the repository has the setting on. */
export function lockOnPublish(repo: RepoRecord, release: ReleaseRecord): void {
  release.immutable = repo.rules.immutableReleases;
}

/** What an edit of a published immutable release may not change. */
export function checkImmutableEdit(
  release: ReleaseRecord,
  changes: { tag_name?: string; target_commitish?: string; draft?: boolean },
): void {
  if (!release.immutable) return;
  const custom = (field: string, message: string) =>
    validationFailed([{ resource: "Release", code: "custom", field, message }]);
  const retag =
    (changes.tag_name !== undefined && changes.tag_name !== release.tagName) ||
    (changes.target_commitish !== undefined &&
      changes.target_commitish !== release.targetCommitish);
  if (retag) throw custom("tag_name", IMMUTABLE_MESSAGES.changeTag);
  if (changes.draft === true) throw custom("draft", IMMUTABLE_MESSAGES.backToDraft);
}

/** Assets of an immutable release are fixed: no upload, edit or deletion. */
export function checkAssetsWritable(
  release: ReleaseRecord,
  write: "upload" | "update" | "delete",
): void {
  if (!release.immutable) return;
  if (write === "upload") throw new HttpError(422, IMMUTABLE_MESSAGES.upload);
  const message =
    write === "delete" ? IMMUTABLE_MESSAGES.deleteAsset : IMMUTABLE_MESSAGES.updateAsset;
  throw validationFailed([{ resource: "ReleaseAsset", code: "custom", message }]);
}

/** A deleted immutable release burns its tag name for good. */
export function burnOnDelete(repo: RepoRecord, release: ReleaseRecord): void {
  if (release.immutable) repo.burnedTagNames.add(release.tagName);
}
