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
 * - `{pep440}`   the version as Python's PEP 440 spells it: `1.5.0rc0`
 */
export const VERSION_PLACEHOLDERS = ["{version}", "{tag}", "{image}", "{pep440}"] as const;

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
    .refine(
      (s) =>
        s.includes("{version}") &&
        !s.includes("{tag}") &&
        !s.includes("{image}") &&
        !s.includes("{pep440}"),
      { message: "must contain {version} and no other placeholder, for example v{version}" },
    ),
  /** Message of the annotated tag; Spark Operator's is `Spark Operator Official Release {tag}`. */
  message: versionFormat.default("Release {tag}"),
});

const image = z.strictObject({
  /** Tag of the operator's container image; Kubeflow Spark Operator publishes `2.5.0-rc.0`. */
  tag: z
    .string()
    .default("{version}")
    .refine(
      (s) =>
        (s.includes("{version}") || s.includes("{tag}")) &&
        !s.includes("{image}") &&
        !s.includes("{pep440}"),
      { message: "must contain {version} or {tag}, for example {version}" },
    ),
  /**
   * The operator image without its tag (`ghcr.io/kubeflow/spark-operator/controller`): every
   * reference to it with a version tag is a place the release lives (see `versionPlaces`).
   */
  name: z.string().min(1).optional(),
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
  /**
   * `gh-pages`: at every tag the bot makes, each managed chart is packaged from the tagged tree
   * (`<name>-<version>.tgz`), attached to the tag's GitHub release and added to the Helm
   * repository index (`index.yaml`) on `indexBranch`. `false` publishes nothing (OCI registries
   * stay with the project's workflow).
   */
  publish: z.union([z.literal(false), z.literal("gh-pages")]).default(false),
  /** The branch whose `index.yaml` is the Helm repository GitHub Pages serves; created when missing. */
  indexBranch: z
    .string()
    .min(1)
    .regex(/^[^\s~^:?*[\\]+$/, "must be a branch name")
    .default("gh-pages"),
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

const kustomizeEntry = z.strictObject({
  /** A kustomization.yaml (path or glob); every match must list the image. */
  path: glob,
  /** The image's `name` (or `newName`) in `images[]`, whose `newTag` carries the version. */
  image: z.string().min(1),
  format: versionFormat.default("{image}"),
});

const versionPlaces = z.strictObject({
  /** Paths or globs of files whose version places are not reported (another project's versions). */
  ignore: z.array(glob).default([]),
  /** Refuse to release while a found place is neither managed nor ignored. */
  require: z.boolean().default(false),
});

const release = z
  .strictObject({
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
    /**
     * `now`: the GitHub release is published with its tag. `draft`: it is created as a draft and
     * published once its assets are in (immutable releases lock a published release's assets), by
     * `/publish X.Y.Z` or when the `publishAfter` workflow run on the tag's commit succeeds.
     */
    publish: z.enum(["now", "draft"]).default("now"),
    /** With `publish: draft`: the workflow file (`release.yaml`) whose successful run on the tag's commit publishes the draft. */
    publishAfter: z
      .string()
      .regex(/^[^\s]+\.ya?ml$/, "must be a workflow file name such as release.yaml")
      .nullable()
      .default(null),
  })
  .superRefine((release, ctx) => {
    if (release.publishAfter !== null && release.publish !== "draft") {
      ctx.addIssue({
        code: "custom",
        path: ["publishAfter"],
        message: "needs `release.publish: draft` (a published release cannot wait for a workflow)",
      });
    }
    if (release.publish === "draft" && !release.notes) {
      ctx.addIssue({
        code: "custom",
        path: ["publish"],
        message: "`draft` needs `release.notes: true` (the draft is the GitHub release)",
      });
    }
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

export const configSchema = z
  .strictObject({
    branches: branches.prefault({}),
    tags: tags.prefault({}),
    image: image.prefault({}),
    charts: charts.prefault({}),
    versionFile: z.union([versionFile, z.literal(false)]).prefault({}),
    values: z.array(valuesEntry).default([]),
    files: z.array(extraFile).default([]),
    /** Kustomize `images[].newTag` of the operator image, set like a values.yaml tag. */
    kustomize: z.array(kustomizeEntry).default([]),
    /** Places found carrying the previous version or the operator image that nothing manages. */
    versionPlaces: versionPlaces.prefault({}),
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
  })
  .superRefine(checkChartPublishing);

/** Settings of different sections that only work together. */
function checkChartPublishing(config: z.output<typeof configSchema>, ctx: z.RefinementCtx): void {
  if (config.charts.publish === false) return;
  if (!config.release.notes) {
    ctx.addIssue({
      code: "custom",
      path: ["charts", "publish"],
      message: "needs `release.notes: true` (the chart is attached to the tag's GitHub release)",
    });
  }
  if (config.release.tagging === "workflow") {
    ctx.addIssue({
      code: "custom",
      path: ["charts", "publish"],
      message:
        "needs `release.tagging: bot` (with `workflow`, the release workflow makes the tag and its release, so it publishes the chart too)",
    });
  }
}

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
