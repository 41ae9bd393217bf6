/**
 * Tags nobody can move or delete: the tag of a published immutable release
 * (https://docs.github.com/en/code-security/concepts/supply-chain-security/immutable-releases).
 * Where release-bot would advise deleting a stray tag, it first looks whether the tag is locked
 * (one read, on that path only): a locked stray's name is taken for good, so a candidate takes
 * the next free number and a final can only be released as the next patch.
 */
import semver from "semver";
import type { StrayTag } from "../../core/line/stray-tags.js";
import { formatLine, formatTag, nextCandidate } from "../../core/version/numbering.js";
import { publishedRelease, type TagRelease } from "../../github/release-drafts.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import type { LineState } from "./line-state.js";

/** `strayInTheWay`: the refusal when a stray holds the version's tag name, else null. */
export type StrayCheck = (version: string) => Outcome | null;

const LOCKED = "which GitHub never lets anyone move or delete";

/** The tag's published immutable release, or null when the tag can be moved or deleted. */
export async function lockingRelease(ctx: FlowContext, tag: string): Promise<TagRelease | null> {
  const release = await publishedRelease(ctx.github, ctx.repo, tag);
  return release?.immutable ? release : null;
}

export type FreeCandidate =
  | { ok: true; version: string; note: string }
  | { ok: false; outcome: Outcome };

/**
 * The candidate `version`, or, when strays locked by immutable releases hold its name, the next
 * free number with a note saying why (at most one skip per stray the line has).
 */
export async function freeCandidate(
  ctx: FlowContext,
  state: LineState,
  version: string,
  inTheWay: StrayCheck,
): Promise<FreeCandidate> {
  const skipped: string[] = [];
  let current = version;
  for (let i = 0; i <= state.strays.length; i++) {
    const taken = inTheWay(current);
    if (taken === null)
      return { ok: true, version: current, note: lockedNote(ctx, state, skipped) };
    const tag = formatTag(ctx.config.tags.format, current);
    if ((await lockingRelease(ctx, tag)) === null) return { ok: false, outcome: taken };
    skipped.push(tag);
    current = nextCandidate(state.line, [semver.parse(current) as semver.SemVer]);
  }
  // Unreachable: each skip passes one of the line's strays.
  return { ok: false, outcome: outcome("failed", `No free candidate name on ${state.branch}.`) };
}

function lockedNote(ctx: FlowContext, state: LineState, skipped: readonly string[]): string {
  if (skipped.length === 0) return "";
  const names = skipped.map((tag) => `\`${tag}\``).join(" and ");
  const one = skipped.length === 1;
  return ` ${names} ${one ? "was" : "were"} skipped: ${one ? "a tag" : "tags"} of ${one ? "that name exists" : "those names exist"} off ${branchLink(ctx, state.branch)} and ${one ? "belongs" : "belong"} to an immutable release, ${LOCKED}.`;
}

/** The outcome with `note` after its own words. */
export function withNote(result: Outcome, note: string): Outcome {
  return note ? { ...result, message: `${result.message}${note}` } : result;
}

/**
 * Why a final whose name a stray holds is not cut: `strayInTheWay`'s refusal, or, for a stray
 * locked by an immutable release, that the version can only be released as the next patch.
 */
export async function strayBlocksFinal(
  ctx: FlowContext,
  state: LineState,
  version: string,
  inTheWay: StrayCheck,
): Promise<Outcome | null> {
  const taken = inTheWay(version);
  if (taken === null) return null;
  const tag = formatTag(ctx.config.tags.format, version);
  const locked = await lockingRelease(ctx, tag);
  if (locked === null) return taken;
  const parsed = semver.parse(version) as semver.SemVer;
  const line = { major: parsed.major, minor: parsed.minor };
  const patchCandidate = nextCandidate(line, [parsed]);
  const patch = patchCandidate.replace(/-rc\.0$/, "");
  const patchTag = formatTag(ctx.config.tags.format, patchCandidate);
  return outcome(
    "refused",
    `Did not cut \`${tag}\`: a tag of that name already exists off ${branchLink(ctx, state.branch)} and belongs to an [immutable release](${locked.url}), ${LOCKED}. \`${version}\` can only be released as the next patch, \`${patch}\`: push the tag \`${patchTag}\` on the head of ${branchLink(ctx, state.branch)} so that the line counts from \`${patch}\`, then comment \`/release ${formatLine(line)}\`.`,
  );
}

/** For the advice to delete strays: the locked ones named apart, as tags nobody can delete. */
export async function lockedStrays(ctx: FlowContext, strays: readonly StrayTag[]): Promise<string> {
  const locked = await Promise.all(strays.map((stray) => lockingRelease(ctx, stray.tag)));
  const names = strays.filter((_, i) => locked[i] !== null).map((s) => tagLink(ctx, s.tag));
  if (names.length === 0) return "";
  return ` ${names.join(" and ")} ${names.length === 1 ? "belongs" : "belong"} to an immutable release, ${LOCKED}: leave ${names.length === 1 ? "it" : "them"}.`;
}

/**
 * The tag exists on another commit than the one the bot would tag: delete it if it is wrong;
 * unless an immutable release locks it, and then the next run sets it aside as a stray.
 */
export async function tagConflict(
  ctx: FlowContext,
  tag: string,
  existingCommit: string,
  commitSha: string,
): Promise<Outcome> {
  const exists = `Tag \`${tag}\` already exists on ${commitLink(ctx, existingCommit)}, not on ${commitLink(ctx, commitSha)} where the bot would put it`;
  const locked = await lockingRelease(ctx, tag);
  return outcome(
    "failed",
    locked === null
      ? `${exists}; delete the tag if it is wrong and run the command again.`
      : `${exists}, and it belongs to an [immutable release](${locked.url}), ${LOCKED}; run the command again: release-bot then sets it aside as a tag off the branch and says what it can release instead.`,
  );
}
