import type { SemVer } from "semver";
import { countedVersions, type StrayTag } from "../../core/line/stray-tags.js";
import { needsOtherLines, notesBaseline } from "../../core/release/notes-baseline.js";
import {
  branchName,
  formatTag,
  latestVersion,
  parseTag,
  type ReleaseLine,
  tagRefPrefix,
  versionsOfLine,
} from "../../core/version/numbering.js";
import { listTags, type TagRef } from "../../github/tags.js";
import type { FlowContext } from "../context.js";

/** The tags a release line has so far, read in one call. */
export interface LineState {
  line: ReleaseLine;
  branch: string;
  /** Every release and candidate version of the line, oldest first. */
  versions: SemVer[];
  newest: SemVer | null;
  /** Tags of the line found not to be on the branch; `versions` leaves them out. */
  strays: readonly StrayTag[];
  /** Every tag of the format, when it was listed instead of the line's alone. */
  everyTag?: readonly TagRef[];
  tagOf(version: SemVer): TagRef;
}

/**
 * The line's tags, in one call. With `everyTag`, every tag of the format is listed instead (one
 * call too, unless there are more than 100): `/release` needs them for an `X.Y.0`'s notes.
 */
export async function readLineState(
  ctx: FlowContext,
  line: ReleaseLine,
  options: { everyTag?: boolean } = {},
): Promise<LineState> {
  const format = ctx.config.tags.format;
  const linePrefix = tagRefPrefix(format, line);
  const everyTag = options.everyTag
    ? await listTags(ctx.github, ctx.repo, format.split("{version}", 1)[0] as string)
    : null;
  const refs = everyTag
    ? everyTag.filter((ref) => ref.name.startsWith(linePrefix))
    : await listTags(ctx.github, ctx.repo, linePrefix);
  const byName = new Map(refs.map((ref) => [ref.name, ref]));
  const versions = versionsOfLine(
    format,
    line,
    refs.map((ref) => ref.name),
  );
  return {
    line,
    branch: branchName(ctx.config.branches.pattern, line),
    versions,
    newest: latestVersion(versions),
    strays: [],
    ...(everyTag ? { everyTag } : {}),
    tagOf(version) {
      const ref = byName.get(formatTag(format, version.version));
      if (!ref) throw new Error(`no tag for ${version.version}`);
      return ref;
    },
  };
}

/** The line as its branch sees it: without the strays' versions. */
export function withoutStrays(state: LineState, strays: readonly StrayTag[]): LineState {
  const versions = countedVersions(state.versions, strays);
  return { ...state, versions, newest: latestVersion(versions), strays };
}

/**
 * The tag `version`'s release notes start from, within the line: the tag before a candidate, the
 * final before a patch final (see `notesBaseline`; an `X.Y.0` needs `previousFinalTag`).
 */
export function previousTag(ctx: FlowContext, state: LineState, version: string): string | null {
  const previous = notesBaseline(version, state.versions);
  return previous ? formatTag(ctx.config.tags.format, previous.version) : null;
}

/**
 * The tag a final's notes start from; for the first final of a line, the newest final of an
 * older line, read from every tag of the format (one more listing, for `X.Y.0` only).
 */
export async function previousFinalTag(
  ctx: FlowContext,
  state: LineState,
  version: string,
): Promise<string | null> {
  if (!needsOtherLines(version)) return previousTag(ctx, state, version);
  const format = ctx.config.tags.format;
  const refs =
    state.everyTag ??
    (await listTags(ctx.github, ctx.repo, format.split("{version}", 1)[0] as string));
  const strays = new Set(state.strays.map((stray) => stray.tag));
  const versions = refs.flatMap((ref) =>
    strays.has(ref.name) ? [] : (parseTag(format, ref.name) ?? []),
  );
  const previous = notesBaseline(version, versions);
  return previous ? formatTag(format, previous.version) : null;
}
