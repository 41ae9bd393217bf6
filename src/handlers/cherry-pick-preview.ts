import type { Context } from "probot";
import {
  isValidBranchName,
  labelTarget,
  labelTargets,
  mayBePickLabel,
} from "../core/pick/targets.js";
import { isReleaseCommitMessage } from "../core/release/commit.js";
import { parseBranchName } from "../core/version/numbering.js";
import {
  type PreviewedPull,
  previewPick,
  withdrawPreview,
} from "../flows/checks/cherry-pick-preview.js";
import type { FlowContext } from "../flows/context.js";
import { MAY_BE_RELEASE_BRANCH, type PullRequestContext } from "./checks.js";
import type { Delivery } from "./delivery.js";
import { flowContext } from "./flow-context.js";

/** Open pull requests looked at when a release branch moves (three pages). */
const MAX_OPEN_PULLS = 300;

/**
 * An open pull request with pick requests was opened, pushed to or reopened: the preview of
 * each target on its new head. A pick label added: that target's preview; removed (and no
 * other label asks for the branch): its preview says no pick is requested. Anything else is
 * dropped on the payload, before the configuration is read.
 */
export async function onPullRequestForPreview(
  context: PullRequestContext,
  delivery: Delivery,
): Promise<void> {
  const { pull_request: pr, action } = context.payload;
  if (pr.state !== "open") return;
  const changed = "label" in context.payload ? context.payload.label?.name : undefined;
  const labelChange = action === "labeled" || action === "unlabeled";
  if (labelChange && !(changed && mayBePickLabel(changed))) return;
  const labels = pr.labels.map((l) => l.name);
  if (action !== "unlabeled" && !labels.some(mayBePickLabel)) return;
  const loaded = await delivery.config();
  if (!loaded.ok || !loaded.config.checks.cherryPickPreview) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const pull: PreviewedPull = { number: pr.number, headSha: pr.head.sha, baseRef: pr.base.ref };
  const one = changed === undefined ? null : labelTarget(changed, ctx.config);
  if (action === "unlabeled") {
    if (one !== null && !labelTargets(labels, ctx.config).includes(one)) {
      await withdrawPreview(ctx, pull, one);
    }
    return;
  }
  const targets =
    action === "labeled" ? (one === null ? [] : [one]) : labelTargets(labels, ctx.config);
  await previewEach(
    ctx,
    pull,
    targets.filter((b) => isValidBranchName(b) && b !== pr.base.ref),
  );
}

/**
 * A release branch moved: the preview onto it of every open pull request that asks for a pick
 * onto it, merged onto the pushed head. The bot's own version bumps are left out, as the
 * dashboard leaves them: they change the version fields alone.
 */
export async function onPushForPreview(
  context: Context<"push">,
  delivery: Delivery,
): Promise<void> {
  const { ref, after, deleted, head_commit: head } = context.payload;
  if (deleted || !ref.startsWith("refs/heads/")) return;
  const branch = ref.slice("refs/heads/".length);
  if (!MAY_BE_RELEASE_BRANCH.test(branch)) return;
  // The bot's version bump changes the version fields alone: no pick's verdict.
  if (head && isReleaseCommitMessage(head.message, () => true)) return;
  const loaded = await delivery.config();
  if (!loaded.ok || !loaded.config.checks.cherryPickPreview) return;
  if (parseBranchName(loaded.config.branches.pattern, branch) === null) return;
  const ctx = flowContext(context, loaded.config, delivery);
  const open = await ctx.github.paginate(
    ctx.github.rest.pulls.list,
    { ...ctx.repo, state: "open", per_page: 100 },
    (response, done) => {
      if (response.data.length < 100) done();
      return response.data;
    },
  );
  const asking = open
    .slice(0, MAX_OPEN_PULLS)
    .filter((p) => p.base.ref !== branch)
    .filter((p) =>
      labelTargets(
        p.labels.map((l) => l.name),
        ctx.config,
      ).includes(branch),
    );
  for (const p of asking) {
    await previewEach(
      ctx,
      { number: p.number, headSha: p.head.sha, baseRef: p.base.ref },
      [branch],
      after,
    );
  }
}

/** One target failing does not stop the others; the failure is logged. */
async function previewEach(
  ctx: FlowContext,
  pull: PreviewedPull,
  targets: readonly string[],
  branchHead?: string,
): Promise<void> {
  for (const branch of targets) {
    try {
      await previewPick(ctx, pull, branch, branchHead);
    } catch (error) {
      ctx.log.error({ err: error, pull: pull.number, branch }, "cherry-pick preview failed");
    }
  }
}
