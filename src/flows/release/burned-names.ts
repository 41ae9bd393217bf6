/**
 * Tag names GitHub will never create again (a deleted immutable release used them) and releases
 * GitHub refused. A burned name is not a rule an admin can lift: no bypass list or permission
 * helps. A candidate takes the next free number instead, and its reply says why; a final is
 * refused, since `X.Y.Z` can only be released as the next patch.
 */
import semver from "semver";
import { formatLine, formatTag, nextCandidate } from "../../core/version/numbering.js";
import { isBurnedTagName } from "../../github/burned-tags.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import type { CutRequest } from "./cut.js";
import { ReleaseRefused, rerunCommand } from "./tag-release.js";

/** How many burned candidate names one cut skips before it gives up. */
export const MAX_SKIPPED = 3;

const WHY =
  "GitHub never lets a tag name be used again once an immutable release that used it was deleted (no permission or ruleset bypass changes that)";

/** GitHub refused to create the tag: its name is burned. */
export class TagNameBurned extends Error {
  constructor(
    readonly tag: string,
    readonly version: string,
    readonly branch: string,
    readonly commitSha: string,
    /** Files this run's bump commit changed; empty when the branch already carried the version. */
    readonly changedPaths: readonly string[],
  ) {
    super(`GitHub will never create the tag ${tag}: ${WHY}`);
    this.name = "TagNameBurned";
  }
}

/** The release whose tag GitHub refused. */
export interface RefusedTagRequest {
  tag: string;
  version: string;
  branch: string;
  commitSha: string;
  changedPaths: readonly string[];
}

/** After GitHub refused to create a release's tag: throws `TagNameBurned` when the name is burned. */
export async function throwIfBurned(
  ctx: FlowContext,
  request: RefusedTagRequest,
  error: unknown,
): Promise<void> {
  if (!(await isBurnedTagName(ctx.github, ctx.repo, request.tag, error))) return;
  const { tag, version, branch, commitSha, changedPaths } = request;
  throw new TagNameBurned(tag, version, branch, commitSha, changedPaths);
}

/**
 * Cuts the release; when a candidate's name is burned, cuts the next candidate number instead
 * (a fresh bump on the branch, which now carries the burned version), at most `MAX_SKIPPED`
 * times, and the reply names the skipped tags. A burned final, and a refused release, end in
 * their outcomes.
 */
export async function cutSkippingBurned(
  ctx: FlowContext,
  request: CutRequest,
  cut: (ctx: FlowContext, request: CutRequest) => Promise<Outcome>,
): Promise<Outcome> {
  const skipped: string[] = [];
  let current = request;
  for (let attempt = 0; attempt <= MAX_SKIPPED; attempt++) {
    try {
      const result = await cut(ctx, current);
      if (skipped.length === 0) return result;
      return { ...result, message: `${result.message}${skippedNote(skipped)}` };
    } catch (error) {
      if (!(error instanceof TagNameBurned) || semver.prerelease(error.version) === null) {
        const refused = publishRefusalOutcome(ctx, error);
        if (refused) return refused;
        throw error;
      }
      skipped.push(error.tag);
      const burned = semver.parse(error.version) as semver.SemVer;
      const line = { major: burned.major, minor: burned.minor };
      current = {
        branch: current.branch,
        version: nextCandidate(line, [burned]),
        previousTag: current.previousTag,
      };
      ctx.log.info({ tag: error.tag, next: current.version }, "tag name burned; next candidate");
    }
  }
  return tooManyBurned(ctx, request.branch, skipped);
}

/** " `v1.5.0-rc.1` was skipped: …" after a reply. */
function skippedNote(skipped: readonly string[]): string {
  const names = skipped.map((tag) => `\`${tag}\``).join(" and ");
  return ` ${names} ${skipped.length === 1 ? "was" : "were"} skipped: ${WHY}.`;
}

function tooManyBurned(ctx: FlowContext, branch: string, skipped: readonly string[]): Outcome {
  const names = skipped.map((tag) => `\`${tag}\``).join(", ");
  return outcome(
    "failed",
    `Did not tag a candidate on ${branchLink(ctx, branch)}: GitHub refused to create ${names}, each as a name a deleted immutable release used, and release-bot stops after ${MAX_SKIPPED} skipped names. If no immutable release of those names was ever deleted, a ruleset the App cannot see restricts creating tags: an admin of the repository or organization can tell which in the rule insights.`,
  );
}

/** The outcome of a burned final or a refused release that a release flow threw; null for other errors. */
export function publishRefusalOutcome(ctx: FlowContext, error: unknown): Outcome | null {
  if (error instanceof ReleaseRefused) {
    return outcome(
      "failed",
      `Tagged ${tagLink(ctx, error.tag)}, but GitHub refused its GitHub release: ${error.why}. Once that is granted, comment \`${rerunCommand(error.version)}\` again: it finds the tag and creates the release.`,
    );
  }
  if (!(error instanceof TagNameBurned)) return null;
  const version = semver.parse(error.version) as semver.SemVer;
  if (version.prerelease.length === 0) return burnedFinal(ctx, error);
  // A candidate met outside a cut (a merged release pull request): `/rc` takes the next number.
  const line = formatLine({ major: version.major, minor: version.minor });
  return outcome(
    "refused",
    `Did not tag \`${error.tag}\` on ${commitLink(ctx, error.commitSha)}: ${WHY}, and \`${error.tag}\` is such a name. Comment \`/rc ${line}\`: release-bot then cuts the next free candidate.`,
  );
}

function burnedFinal(ctx: FlowContext, error: TagNameBurned): Outcome {
  const version = semver.parse(error.version) as semver.SemVer;
  const line = { major: version.major, minor: version.minor };
  const patch = nextCandidate(line, [version]);
  const patchTag = formatTag(ctx.config.tags.format, patch);
  const final = patch.replace(/-rc\.0$/, "");
  const commit = commitLink(ctx, error.commitSha);
  const files = error.changedPaths.map((path) => `\`${path}\``).join(", ");
  const made =
    error.changedPaths.length > 0
      ? ` The version bump is committed (${commit} on ${branchLink(ctx, error.branch)} sets \`${error.version}\` in ${files}); no tag and no GitHub release exist.`
      : "";
  return outcome(
    "refused",
    `Did not release \`${error.version}\`: ${WHY}, and \`${error.tag}\` is such a name.${made} \`${error.version}\` can only be released as the next patch, \`${final}\`: push the tag \`${patchTag}\` on ${commit} (\`git tag ${patchTag} ${error.commitSha} && git push origin ${patchTag}\`) so that the line counts from \`${final}\`, then comment \`/release ${formatLine(line)}\`.`,
  );
}
