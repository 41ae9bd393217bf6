import type { SemVer } from "semver";
import {
  branchName,
  formatTag,
  latestVersion,
  type ReleaseLine,
  tagRefPrefix,
  versionsOfLine,
} from "../core/version.js";
import { listTags, type TagRef, tagCommit } from "../github/tags.js";
import type { FlowContext } from "./context.js";

/** The tags a release line has so far, read in one call. */
export interface LineState {
  line: ReleaseLine;
  branch: string;
  /** Every release and candidate version of the line, oldest first. */
  versions: SemVer[];
  newest: SemVer | null;
  tagOf(version: SemVer): TagRef;
}

export async function readLineState(ctx: FlowContext, line: ReleaseLine): Promise<LineState> {
  const format = ctx.config.tags.format;
  const refs = await listTags(ctx.github, ctx.repo, tagRefPrefix(format, line));
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
    tagOf(version) {
      const ref = byName.get(formatTag(format, version.version));
      if (!ref) throw new Error(`no tag for ${version.version}`);
      return ref;
    },
  };
}

/** The commit the newest tag of the line names, or null for a line without tags. */
export async function newestTagCommit(ctx: FlowContext, state: LineState): Promise<string | null> {
  return state.newest ? tagCommit(ctx.github, ctx.repo, state.tagOf(state.newest)) : null;
}

/** The tag just before `version` in the line, for release notes that cover only the new work. */
export function previousTag(ctx: FlowContext, state: LineState, version: string): string | null {
  const earlier = state.versions.filter((v) => v.compare(version) < 0);
  const previous = earlier.at(-1);
  return previous ? formatTag(ctx.config.tags.format, previous.version) : null;
}
