import { parse } from "yaml";
import { configSchema } from "../../config.js";
import { checkConfigurationFile } from "../../core/checks/config-file.js";
import {
  checkReleaseBranchPolicy,
  type PolicyPullRequest,
} from "../../core/checks/release-branch-policy.js";
import type { CheckResult } from "../../core/checks/result.js";
import { CHECK_NAMES } from "../../core/checks/result.js";
import { checkVersionConsistency, readFields } from "../../core/checks/version-consistency.js";
import { withPlaceWarnings } from "../../core/checks/version-places.js";
import { applyVersion } from "../../core/files/apply.js";
import { selectVersionFiles, type VersionFileTarget } from "../../core/files/targets.js";
import { tagOfReleasePullRequestBranch } from "../../core/release/commit.js";
import { parseTag, type ReleaseLine } from "../../core/version/numbering.js";
import { versionStrings } from "../../core/version/spellings.js";
import { reportCheck } from "../../github/check-runs.js";
import { hasStatus } from "../../github/errors.js";
import { listFiles, readFiles } from "../../github/tree.js";
import type { GitHub, RepoId } from "../../github/types.js";
import type { FlowContext } from "../context.js";
import {
  mostCommon,
  type PlaceSearchRead,
  settlePlaces,
  startPlaceSearch,
} from "../release/version-places.js";

export interface CheckedPullRequest extends PolicyPullRequest {
  headSha: string;
}

/** The release-branch policy of a pull request into a release branch (one request). */
export async function runPolicyCheck(ctx: FlowContext, pr: CheckedPullRequest): Promise<void> {
  if (!ctx.config.checks.releaseBranchPolicy) return;
  await reportCheck(ctx.github, ctx.repo, {
    name: CHECK_NAMES.policy,
    headSha: pr.headSha,
    result: checkReleaseBranchPolicy(ctx.config, pr),
  });
}

/**
 * The version consistency of a pull request's head: the commit and its file list (two reads),
 * the managed files (one read each), then the check.
 */
export async function runVersionCheck(
  ctx: FlowContext,
  pr: CheckedPullRequest,
  line: ReleaseLine,
): Promise<void> {
  if (!ctx.config.checks.versionConsistency) return;
  const { data: commit } = await ctx.github.rest.git.getCommit({
    ...ctx.repo,
    commit_sha: pr.headSha,
  });
  const files = await listFiles(ctx.github, ctx.repo, commit.tree.sha);
  const selection = selectVersionFiles(
    ctx.config,
    files.map((f) => f.path),
  );
  const wanted = new Set(selection.targets.map((t) => t.path));
  // The search for unmanaged places reads beside the managed files.
  const search = selection.errors.length > 0 ? null : startPlaceSearch(ctx, files, wanted);
  const contents = await readFiles(
    ctx.github,
    ctx.repo,
    files.filter((f) => wanted.has(f.path)),
  );
  const tag = pr.sameRepo ? tagOfReleasePullRequestBranch(pr.headRef) : null;
  const releasing = tag ? (parseTag(ctx.config.tags.format, tag)?.version ?? null) : null;
  const result =
    selection.errors.length > 0 || search === null
      ? {
          conclusion: "failure" as const,
          title: "The configured version files are not all there",
          summary: selection.errors.map((e) => `- ${e}`).join("\n"),
          annotations: [],
        }
      : await withPlaces(
          ctx,
          checkVersionConsistency(ctx.config, selection.targets, contents, { line, releasing }),
          {
            search,
            targets: selection.targets,
            contents,
            releasing,
          },
        );
  await reportCheck(ctx.github, ctx.repo, {
    name: CHECK_NAMES.versions,
    headSha: pr.headSha,
    result,
  });
}

/**
 * The check with the places no field manages that carry another version of the release: the
 * versions the managed fields disagree on, and the operator's image at any other version.
 */
async function withPlaces(
  ctx: FlowContext,
  result: CheckResult,
  input: {
    search: Promise<PlaceSearchRead>;
    targets: readonly VersionFileTarget[];
    contents: ReadonlyMap<string, string>;
    releasing: string | null;
  },
): Promise<CheckResult> {
  const versions = input.targets.flatMap((target) =>
    readFields(ctx.config, target, input.contents.get(target.path) ?? "").flatMap(
      (field) => field.version ?? [],
    ),
  );
  const expected = input.releasing ?? mostCommon(versions)[0] ?? null;
  if (expected === null) return result;
  const strings = versionStrings(ctx.config, expected);
  // The managed fields as they should read: what they say otherwise is the check's failure.
  const applied = applyVersion(ctx.config, input.targets, input.contents, strings);
  const found = await settlePlaces(ctx, {
    search: input.search,
    targets: input.targets,
    contents: input.contents,
    changes: applied.ok ? applied.changes : [],
    strings,
    previous: versions.filter((v) => v !== expected),
  });
  return withPlaceWarnings(result, found.notes, {
    require: ctx.config.versionPlaces.require,
    expected,
  });
}

/**
 * The configuration file as pushed, validated with its errors at their lines. Works without a
 * valid configuration (it is the thing checked); a file the commit deleted is not checked.
 */
export async function runConfigurationCheck(
  github: GitHub,
  repo: RepoId,
  options: { sha: string; path: string },
): Promise<void> {
  let text: string;
  try {
    const { data } = await github.rest.repos.getContent({
      ...repo,
      path: options.path,
      ref: options.sha,
    });
    if (Array.isArray(data) || data.type !== "file") return;
    text = Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (hasStatus(error, 404)) return;
    throw error;
  }
  if (turnedOff(text)) return;
  const result = checkConfigurationFile(text, configSchema, options.path);
  await reportCheck(github, repo, {
    name: CHECK_NAMES.configuration,
    headSha: options.sha,
    result,
  });
}

/** The file itself says `checks: { configuration: false }`. */
function turnedOff(text: string): boolean {
  try {
    const raw = parse(text) as { checks?: { configuration?: unknown } } | null;
    return raw?.checks?.configuration === false;
  } catch {
    return false;
  }
}
