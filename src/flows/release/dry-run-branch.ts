import { requiredPlacesRefusal } from "../../core/files/places-report.js";
import { DRY_RUN_LEAD } from "../../core/release/dry-run-plan.js";
import { formatTag, nextCandidate, type ReleaseLine } from "../../core/version/numbering.js";
import { versionStrings } from "../../core/version/spellings.js";
import { type FlowContext, type Outcome, outcome } from "../context.js";
import { branchLink, commitLink, tagLink } from "../links.js";
import { computeBump } from "./bump.js";
import { dryRunOutcome } from "./dry-run.js";
import { readLineState } from "./line-state.js";
import { tellingPlaces } from "./version-places.js";

/**
 * `/branch` under a dry run: the branch it would create from `sha`, and the first candidate it
 * would cut there, read from that commit's tree as the real run would after creating the branch.
 */
export async function planReleaseBranch(
  ctx: FlowContext,
  line: ReleaseLine,
  start: { from: string; sha: string },
): Promise<Outcome> {
  const [state, { data: commit }] = await Promise.all([
    readLineState(ctx, line),
    ctx.github.rest.git.getCommit({ ...ctx.repo, commit_sha: start.sha }),
  ]);
  if (state.newest) {
    const tag = formatTag(ctx.config.tags.format, state.newest.version);
    return outcome(
      "planned",
      `${DRY_RUN_LEAD} The bot would create ${branchLink(ctx, state.branch)} from \`${start.from}\` at ${commitLink(ctx, start.sha)}; the line already has releases (newest ${tagLink(ctx, tag)}), so no first candidate would be cut.`,
    );
  }
  const head = { sha: start.sha, treeSha: commit.tree.sha };
  const strings = versionStrings(ctx.config, nextCandidate(line, []));
  const bump = await computeBump(ctx, head, strings);
  if (!bump.ok) {
    return outcome(
      "failed",
      `${DRY_RUN_LEAD} The bot would create ${branchLink(ctx, state.branch)}, then fail to set the version to \`${strings.version}\`: ${bump.errors.join("; ")}.`,
    );
  }
  const planned = dryRunOutcome(ctx, {
    branch: state.branch,
    head,
    strings,
    previousTag: null,
    changes: bump.changes,
    unchanged: bump.unchanged,
    createFrom: start.from,
  });
  if (ctx.config.versionPlaces.require && bump.places.notes.length > 0) {
    const refusal = requiredPlacesRefusal(strings.version, bump.places.notes);
    return outcome(
      "refused",
      `${DRY_RUN_LEAD} The bot would create ${branchLink(ctx, state.branch)}, then refuse: ${refusal}`,
    );
  }
  return tellingPlaces(planned, bump.places);
}
