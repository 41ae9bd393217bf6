import semver from "semver";
import { requiredPlacesRefusal } from "../../core/files/places-report.js";
import { treeIdAfter } from "../../core/git/object-ids.js";
import { tagMessage } from "../../core/release/tag-message.js";
import { type VersionStrings, versionStrings } from "../../core/version/spellings.js";
import { type BranchHead, getBranchHead } from "../../github/branches.js";
import { commitFiles } from "../../github/commit-files.js";
import { createAnnotatedTag } from "../../github/tags.js";
import type { TreeListing } from "../../github/tree.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink } from "../links.js";
import { bumpCommitMessage, computeBump, withChanges } from "./bump.js";
import { cutSkippingBurned, throwIfBurned } from "./burned-names.js";
import { changelogNotes } from "./changelog.js";
import { chartsOfTag, withCharts } from "./charts.js";
import { dryRunOutcome } from "./dry-run.js";
import { tagConflict } from "./locked-tags.js";
import { openReleasePullRequest } from "./open-pull-request.js";
import { readBackVersion } from "./read-back.js";
import { retold, taggedMessage } from "./retell.js";
import { tagRefusedOutcome } from "./tag-refused.js";
import { ensureTagRelease, rerunCommand } from "./tag-release.js";
import { type FoundPlaces, NO_PLACES, placesOfHead, tellingPlaces } from "./version-places.js";
import { leftToWorkflow } from "./workflow-tagging.js";

/** How often a bump is recomputed when the branch moves under it before giving up. */
const MAX_ATTEMPTS = 3;

export interface CutRequest {
  branch: string;
  /** SemVer of the release: `1.5.0-rc.1` or `1.5.0`. */
  version: string;
  previousTag: string | null;
  /** The branch head the caller already read; saves one call on the first attempt. */
  head?: BranchHead;
  /** That head's file listing, requested by the caller beside its own reads (one round-trip less). */
  listing?: Promise<TreeListing>;
}

/**
 * Sets every configured version field to the release on the branch in one commit, tags that
 * commit and publishes the GitHub release (or drafts it, `release.publish: draft`). Each step
 * checks what already happened, so running it again after an interruption finishes the job
 * instead of repeating it. A candidate whose tag name GitHub burned takes the next number.
 */
export function cutRelease(ctx: FlowContext, request: CutRequest): Promise<Outcome> {
  return cutSkippingBurned(ctx, request, cutOnce);
}

async function cutOnce(ctx: FlowContext, request: CutRequest): Promise<Outcome> {
  const strings = versionStrings(ctx.config, request.version);
  let knownHead = request.head;
  let knownListing = request.head ? request.listing : undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const head = knownHead ?? (await getBranchHead(ctx.github, ctx.repo, request.branch));
    const listing = knownListing;
    knownHead = undefined;
    knownListing = undefined;
    if (!head) {
      return outcome("refused", `Branch ${branchLink(ctx, request.branch)} does not exist.`);
    }
    const bump = await computeBump(ctx, head, strings, listing, {
      changelog: true,
      places: true,
      previousTag: request.previousTag,
    });
    if (!bump.ok) {
      return outcome(
        "failed",
        `Cannot set the version to \`${strings.version}\` on ${branchLink(ctx, request.branch)}, nothing was written: ${bump.errors.join("; ")}.`,
      );
    }
    const places = placesOfHead(bump.places, head, strings, bump.changes.length === 0);
    if (ctx.config.versionPlaces.require && (places.notes.length > 0 || places.failure)) {
      return outcome(
        "refused",
        requiredPlacesRefusal(strings.version, places.notes, places.failure),
      );
    }
    if (ctx.config.dryRun) {
      const planned = dryRunOutcome(ctx, {
        ...request,
        head,
        strings,
        changes: bump.changes,
        unchanged: bump.unchanged,
      });
      return tellingPlaces(planned, places);
    }

    let commitSha = head.sha;
    let treeSha: string | null = null;
    if (bump.changes.length > 0) {
      if (ctx.config.release.mode === "pull-request") {
        const opened = await openReleasePullRequest(ctx, {
          branch: request.branch,
          head,
          strings,
          changes: bump.changes,
        });
        return tellingPlaces(opened, places);
      }
      const committed = await commitFiles(ctx.github, ctx.repo, {
        branch: request.branch,
        parentSha: head.sha,
        parentTreeSha: head.treeSha,
        files: bump.changes,
        message: bumpCommitMessage(strings, bump.changes, places.notes),
        signoff: ctx.config.commits.signoff ? ctx.delivery.signers : undefined,
      });
      if (committed.status === "moved") {
        ctx.log.info(
          { branch: request.branch, attempt },
          "branch moved during the bump; recomputing",
        );
        continue;
      }
      if (committed.status === "protected") {
        const opened = await openReleasePullRequest(ctx, {
          branch: request.branch,
          head,
          strings,
          changes: bump.changes,
          ...(committed.sha ? { commitSha: committed.sha } : {}),
          protectedBranch: committed.refusal,
        });
        return tellingPlaces(opened, places);
      }
      commitSha = committed.sha;
      treeSha = committed.treeSha;
    }
    // The changelog the bump may prepend carries no version field to read back.
    const written = bump.changes
      .map((change) => change.path)
      .filter((path) => bump.targets.some((target) => target.path === path));
    // A commit whose tree has the id computed locally holds exactly the bytes the bump wrote:
    // those are checked, with no read. Any other tree is read back file by file.
    const exact =
      treeSha !== null && treeIdAfter(bump.listing, head.treeSha, bump.changes) === treeSha;
    const notCarried = await readBackVersion(ctx, {
      commitSha,
      strings,
      targets: bump.targets,
      contents: exact ? withChanges(bump.contents, bump.changes) : bump.contents,
      written: exact ? [] : written,
    });
    if (notCarried.length > 0) {
      return outcome(
        "failed",
        `Did not tag \`${strings.tag}\`: ${commitLink(ctx, commitSha)} on ${branchLink(ctx, request.branch)} does not carry \`${strings.version}\` in every managed version field: ${notCarried.join("; ")}.`,
      );
    }
    if (ctx.config.release.tagging === "workflow") {
      const committed = bump.changes.length > 0;
      const left = await leftToWorkflow(ctx, {
        branch: request.branch,
        strings,
        commitSha,
        committed,
      });
      return tellingPlaces(left, places);
    }
    return tagAndPublish(ctx, {
      branch: request.branch,
      strings,
      commitSha,
      previousTag: request.previousTag,
      changedPaths: bump.changes.map((change) => change.path),
      places,
    });
  }
  return outcome(
    "failed",
    `${branchLink(ctx, request.branch)} kept moving while the bot committed the version bump (${MAX_ATTEMPTS} tries); run the command again once merges settle.`,
  );
}

export interface PublishRequest {
  branch: string;
  strings: VersionStrings;
  commitSha: string;
  previousTag: string | null;
  /** Files the bump commit changed; empty when the branch already carried the version. */
  changedPaths: readonly string[];
  /** The caller just found that the tag has no GitHub release. */
  releaseKnownAbsent?: boolean;
  /** Places the bump left carrying an old version, for the reply. */
  places?: FoundPlaces;
}

/** Tags the bump commit and publishes the GitHub release; both steps are idempotent. */
export async function tagAndPublish(ctx: FlowContext, request: PublishRequest): Promise<Outcome> {
  const { strings, commitSha } = request;
  const tagged = await createAnnotatedTag(ctx.github, ctx.repo, {
    name: strings.tag,
    commitSha,
    message: tagMessage(ctx.config, strings),
  }).catch(async (error: unknown) => {
    await throwIfBurned(ctx, { ...request, ...strings }, error);
    const refused = await tagRefusedOutcome(ctx, { ...request, ...strings }, error);
    if (refused === null) throw error;
    return refused;
  });
  if ("message" in tagged) return tagged;
  if (tagged.status === "conflict") {
    return tagConflict(ctx, strings.tag, tagged.existingCommit, commitSha);
  }
  const isCandidate = semver.prerelease(strings.version) !== null;
  const release = ctx.config.release.notes
    ? await ensureTagRelease(ctx, {
        version: strings.version,
        tag: strings.tag,
        prerelease: isCandidate && ctx.config.release.prerelease,
        previousTag: request.previousTag,
        knownAbsent: request.releaseKnownAbsent === true || tagged.status === "created",
        ...(await changelogNotes(ctx, commitSha, strings)),
      })
    : null;
  const releaseUrl = release?.url ?? null;
  const charts = await chartsOfTag(ctx, {
    tag: strings.tag,
    commitSha,
    again: rerunCommand(strings.version),
  });
  if (tagged.status === "exists") {
    // Another delivery tagged this very commit a moment ago: answer as it would have.
    const told = await retold(ctx, request.branch, strings, commitSha, releaseUrl, release?.draft);
    return withCharts({ ...told, status: "unchanged" }, charts);
  }
  ctx.log.info({ tag: strings.tag, commit: commitSha, branch: request.branch }, "tagged release");
  const reply = outcome(
    "done",
    taggedMessage(ctx, { ...request, releaseUrl, draft: release?.draft }),
  );
  return tellingPlaces(withCharts(reply, charts), request.places ?? NO_PLACES);
}
