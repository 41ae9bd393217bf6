import { z } from "zod";

import { describeIssue } from "./core/config/issues.js";
import { CONFIG_PATH } from "./core/config/path.js";

export { describeIssue } from "./core/config/issues.js";
export { CONFIG_FILE, CONFIG_PATH } from "./core/config/path.js";

/**
 * Placeholders a version format may use:
 * - `{version}`  SemVer without prefix: `1.5.0-rc.0`
 * - `{tag}`      the git tag, per `tags.format`: `v1.5.0-rc.0`
 * - `{image}`    the image tag, per `image.tag`: `1.5.0-rc.0`
 */
export const VERSION_PLACEHOLDERS = ["{version}", "{tag}", "{image}"] as const;

const versionFormat = z
  .string()
  .min(1)
  .refine((s) => VERSION_PLACEHOLDERS.some((p) => s.includes(p)), {
    message: `must contain one of ${VERSION_PLACEHOLDERS.join(", ")}`,
  });

const glob = z.string().min(1, "must be a non-empty path or glob");

const branches = z.strictObject({
  /** Name of a release branch; `{major}` and `{minor}` stand for the release line. */
  pattern: z
    .string()
    .default("release-{major}.{minor}")
    .refine((s) => s.includes("{major}") && s.includes("{minor}"), {
      message: "must contain both {major} and {minor}, for example release-{major}.{minor}",
    }),
});

const tags = z.strictObject({
  /** Git tag of a release; `{version}` is the SemVer version. */
  format: z
    .string()
    .default("v{version}")
    .refine((s) => s.includes("{version}") && !s.includes("{tag}") && !s.includes("{image}"), {
      message: "must contain {version} and no other placeholder, for example v{version}",
    }),
  /** Message of the annotated tag; Spark Operator's is `Spark Operator Official Release {tag}`. */
  message: versionFormat.default("Release {tag}"),
});

const image = z.strictObject({
  /** Tag of the operator's container image; Kubeflow Spark Operator publishes `2.5.0-rc.0`. */
  tag: z
    .string()
    .default("{version}")
    .refine((s) => (s.includes("{version}") || s.includes("{tag}")) && !s.includes("{image}"), {
      message: "must contain {version} or {tag}, for example {version}",
    }),
});

const charts = z.strictObject({
  /** Chart.yaml files whose versions the bot keeps equal to the image tag. */
  paths: z.array(glob).default(["charts/**/Chart.yaml"]),
  /** Format of Chart.yaml `version`; `false` leaves it alone. */
  version: z.union([versionFormat, z.literal(false)]).default("{image}"),
  /** Format of Chart.yaml `appVersion`; `false` leaves it alone (charts without one). */
  appVersion: z.union([versionFormat, z.literal(false)]).default("{image}"),
  /** Update the helm-docs version badges in the README.md beside each chart, when present. */
  readmeBadges: z.boolean().default(true),
  /**
   * Also version the subcharts a glob matches inside another chart's `charts/` directory
   * (`charts/app/charts/redis/Chart.yaml`): vendored charts of other projects, left alone by default.
   */
  subcharts: z.boolean().default(false),
  /** Keep a managed chart's local dependency constraints (`repository: file://…`) on managed charts matching. */
  dependencies: z.boolean().default(false),
});

const versionFile = z.strictObject({
  /** A file holding only the version; updated when it exists, skipped when it does not. */
  path: z.string().min(1).default("VERSION"),
  format: versionFormat.default("{tag}"),
});

const valuesEntry = z.strictObject({
  path: glob,
  /** Dotted path of the image tag inside values.yaml. */
  key: z.string().min(1).default("image.tag"),
  format: versionFormat.default("{image}"),
});

const extraFile = z.strictObject({
  /** A path or glob; every match must contain the pattern. */
  path: glob,
  /** A regular expression with exactly one capturing group: the version text to replace. */
  pattern: z.string().min(1).refine(isOneGroupRegex, {
    message: "must be a valid regular expression with exactly one capturing group",
  }),
  format: versionFormat.default("{image}"),
});

const release = z.strictObject({
  /** `direct`: commit the bump on the release branch; `pull-request`: open a PR and tag at merge. */
  mode: z.enum(["direct", "pull-request"]).default("direct"),
  /** Create a GitHub release with generated notes for every tag. */
  notes: z.boolean().default(true),
  /** Publish candidates as GitHub pre-releases. */
  prerelease: z.boolean().default(true),
  /** `/release` after a final requires a new candidate first instead of cutting the patch directly. */
  requireCandidate: z.boolean().default(false),
  /**
   * `bot`: the bot tags the bump and publishes the release. `workflow`: the repository's release
   * workflow does both on the push of the bump (Spark Operator's release.yaml); the bot bumps only.
   */
  tagging: z.enum(["bot", "workflow"]).default("bot"),
  /** With `tagging: workflow`, minutes after the bump when a tag still missing is reported. */
  workflowTimeoutMinutes: z.number().int().positive().default(60),
});

const commands = z.strictObject({
  /**
   * Who may run commands that write: the least repository role (`write`, `maintain`, `admin`),
   * the approvers of the root OWNERS file of the default branch (`owners`, Prow's rules), or
   * either (`owners-or-maintain`).
   */
  permission: z
    .enum(["write", "maintain", "admin", "owners", "owners-or-maintain"])
    .default("write"),
  /** The OWNERS file whose approvers `owners` reads, from the root of the default branch. */
  ownersFile: z.string().min(1).default("OWNERS"),
  /**
   * Prow runs beside the bot: `/cherrypick`, the `cherrypick/` label prefix and `/help` are
   * Prow's, and the bot's help is `/release-bot help`.
   */
  prow: z.boolean().default(false),
});

const cherryPick = z.strictObject({
  /** Label prefixes that request a pick; Prow's `cherrypick/` is accepted too. */
  labelPrefixes: z.array(z.string().min(1)).min(1).default(["cherry-pick/", "cherrypick/"]),
  /**
   * `owners`: a pick requested by someone who is not an approver in `commands.ownersFile` waits
   * until an approver adds an approval label (`checks.approvalLabels`) or repeats the command.
   */
  approval: z.enum(["none", "owners"]).default("none"),
  /** Branch that carries a pick PR; `{pr}` and `{branch}` are replaced. */
  branchName: z
    .string()
    .default("cherry-pick-{pr}-to-{branch}")
    .refine((s) => s.includes("{pr}") && s.includes("{branch}"), {
      message: "must contain {pr} and {branch}",
    }),
  /** Label added to the original PR when a pick conflicts. */
  failedLabel: z.string().min(1).default("cherry-pick/failed"),
  /**
   * A conflicting pick becomes a draft pull request into the release branch holding the pick
   * with the conflicts marked (its workspace), labelled `conflictLabel`; `false` opens none.
   */
  workspace: z.boolean().default(true),
  /** Label of a workspace pull request. */
  conflictLabel: z.string().min(1).default("cherry-pick/conflict"),
  /**
   * What a pick pull request takes from the original besides its author (always assigned):
   * `labels` (all but the cherry-pick, failed and conflict labels and Prow's review labels),
   * `assignees`, `milestone`, `reviewers` (those still requested on the original).
   */
  copy: z
    .array(z.enum(["labels", "assignees", "milestone", "reviewers"]))
    .default(["labels"])
    .refine((items) => new Set(items).size === items.length, { message: "lists an item twice" }),
  /**
   * Turn on GitHub's auto-merge on each pick pull request with this merge method, for
   * repositories that merge with GitHub (not Prow's Tide); the repository must allow
   * auto-merge. `false` (default) leaves the merge to people.
   */
  autoMerge: z.union([z.enum(["merge", "squash", "rebase"]), z.literal(false)]).default(false),
});

const commits = z.strictObject({
  /**
   * Commits the bot writes carry no custom author or committer, so GitHub signs them (picks keep
   * their authors as `Co-authored-by:` trailers). Also on by itself for a target branch whose
   * rules require signed commits.
   */
  signed: z.boolean().default(false),
  /**
   * Every commit the bot authors ends with a `Signed-off-by:` line for the bot's own identity
   * (the Developer Certificate of Origin check); picks keep the original's lines.
   */
  signoff: z.boolean().default(false),
});

const changelog = z.strictObject({
  /** The file whose top gets each release's section (created when missing). */
  path: z.string().min(1).default("CHANGELOG.md"),
  /** Pull request label → section heading, in the order the sections appear. */
  sections: z
    .record(z.string().min(1), z.string().min(1))
    .default({ "kind/feature": "Features", "kind/bug": "Bug Fixes", dependencies: "Dependencies" }),
  /** The heading of pull requests with none of those labels. */
  fallback: z.string().min(1).default("Misc"),
  /** Write a section for candidates too, not only for finals. */
  candidates: z.boolean().default(false),
});

const dashboard = z.strictObject({
  /** Keep one issue per release line showing its tags, untested commits, picks and next command. */
  enabled: z.boolean().default(true),
  /** Label that marks the dashboard issues. */
  label: z.string().min(1).default("release-bot/dashboard"),
});

const checks = z.strictObject({
  /** Fail pull requests into a release branch that are neither picks, release PRs nor approved. */
  releaseBranchPolicy: z.boolean().default(true),
  /** Labels that let any pull request into a release branch pass the policy (Prow's model). */
  approvalLabels: z.array(z.string().min(1)).default(["cherry-pick-approved"]),
  /** Check that every managed version field agrees, on pull requests into release branches. */
  versionConsistency: z.boolean().default(true),
  /** Validate .github/release-bot.yml on every push that changes it, errors at their lines. */
  configuration: z.boolean().default(true),
  /**
   * A `cherry-pick preview (<branch>)` check on each open pull request with pick requests: would
   * its pick onto the branch conflict if it were merged now.
   */
  cherryPickPreview: z.boolean().default(true),
  /** Fail pull requests into a release branch whose changed text files hold conflict markers. */
  conflictMarkers: z.boolean().default(true),
});

export const configSchema = z.strictObject({
  branches: branches.prefault({}),
  tags: tags.prefault({}),
  image: image.prefault({}),
  charts: charts.prefault({}),
  versionFile: z.union([versionFile, z.literal(false)]).prefault({}),
  values: z.array(valuesEntry).default([]),
  files: z.array(extraFile).default([]),
  release: release.prefault({}),
  commands: commands.prefault({}),
  cherryPick: cherryPick.prefault({}),
  commits: commits.prefault({}),
  /** The bump commit prepends the version's CHANGELOG.md section; `false` (default) writes none. */
  changelog: z.union([changelog, z.literal(false)]).default(false),
  dashboard: dashboard.prefault({}),
  checks: checks.prefault({}),
  /**
   * A `.github/release-bot.yml` on a release branch, when present, is that line's configuration
   * (one read more per command on a line).
   */
  lineConfig: z.boolean().default(false),
  /**
   * After `/branch X.Y`, a pull request to the default branch setting its version fields to the
   * next minor's development version; `{major}` and `{minor}` are the next line's.
   */
  developmentVersion: z
    .union([
      z.string().refine((s) => s.includes("{major}") && s.includes("{minor}"), {
        message: "must contain {major} and {minor}, for example {major}.{minor}.0-alpha.0",
      }),
      z.literal(false),
    ])
    .default(false),
  /** Reply with what would be done and write nothing. */
  dryRun: z.boolean().default(false),
});

export type Config = z.infer<typeof configSchema>;
export type RawConfig = z.input<typeof configSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Validates a parsed configuration object; errors name the file and every offending key. */
export function parseConfig(raw: unknown, file = CONFIG_PATH): ConfigResult {
  const input = raw ?? {};
  if (typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, error: `${file}: the file must be a YAML mapping of settings.` };
  }
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue) => describeIssue(issue));
  return { ok: false, error: `${file} is invalid: ${problems.join("; ")}.` };
}

/** The configuration of a repository with no file. */
export const defaultConfig: Config = configSchema.parse({});

function isOneGroupRegex(source: string): boolean {
  try {
    // An alternation with the empty string matches anything; its group count is the pattern's.
    const groups = new RegExp(`${source}|`).exec("")?.length ?? 0;
    return groups - 1 === 1;
  } catch {
    return false;
  }
}
