/** What each step does on the local GitHub, acting as the people of the repository. */
import { looksLikePickBody } from "../../../src/core/pick/pull-request.js";
import { CONTRIBUTOR, MAINTAINER, type RehearsalEnvironment } from "./environment.js";
import type { Step } from "./steps.js";

/** A step that cannot be played as written (a missing ref, a merge GitHub refuses). */
export class StepError extends Error {}

export interface PlayState {
  /** The issue slash commands are posted on. */
  trackingIssue: number;
  /** The pull request of the last `merge` step: where `/cherry-pick` goes. */
  lastMerged: number | null;
  /** Pull requests made by merge steps so far (for the branch names of non-branch refs). */
  merges: number;
}

/** Does the step, waiting after each action until the bot is done reacting (`settle`). */
export async function playStep(
  env: RehearsalEnvironment,
  step: Step,
  state: PlayState,
  settle: () => Promise<void>,
): Promise<void> {
  const { repo } = env;
  switch (step.kind) {
    case "command": {
      const onPull = step.body.startsWith("/cherry-pick") && state.lastMerged !== null;
      const target = onPull ? (state.lastMerged as number) : state.trackingIssue;
      await repo.comment(target, step.body, { as: MAINTAINER });
      await settle();
      return;
    }
    case "branch": {
      const sha = await requireRef(env, step.ref, step.text);
      await repo.createBranch(step.name, sha, { as: MAINTAINER });
      await settle();
      return;
    }
    case "tag": {
      const sha = await requireRef(env, step.ref, step.text);
      await repo.createTag(step.name, sha, { as: MAINTAINER });
      await settle();
      return;
    }
    case "merge": {
      const sha = await requireRef(env, step.ref, step.text);
      const base = step.into ?? repo.defaultBranch;
      const branches = await repo.branches();
      if (!branches.includes(base)) {
        throw new StepError(`"${step.text}": there is no branch ${base} to merge into`);
      }
      state.merges += 1;
      const head = branches.includes(step.ref) ? step.ref : `rehearsal/merge-${state.merges}`;
      if (head !== step.ref) await repo.createBranch(head, sha, { as: CONTRIBUTOR });
      const title = (await repo.readCommit(sha))?.message.split("\n", 1)[0] ?? step.ref;
      const pull = await repo.openPullRequest({
        head,
        base,
        title,
        body: `Rehearsal step \`${step.text}\`.`,
        user: CONTRIBUTOR,
      });
      if (step.labels.length > 0)
        await repo.addLabels(pull.number, step.labels, { as: MAINTAINER });
      await settle();
      try {
        await repo.mergePullRequest(pull.number, { method: step.style, as: MAINTAINER });
      } catch (error) {
        throw new StepError(
          `"${step.text}": GitHub refused the merge: ${(error as Error).message}`,
        );
      }
      state.lastMerged = pull.number;
      await settle();
      return;
    }
  }
}

/**
 * The commit a step's REF names, read as git reads a revision (`master~1`, a short sha,
 * `v1.5.0^{}`) in the local GitHub's repository as the steps before left it.
 */
async function requireRef(env: RehearsalEnvironment, ref: string, text: string): Promise<string> {
  const sha = ref.startsWith("-")
    ? null
    : await env.repo
        .git("rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`)
        .then(
          (out) => out.trim() || null,
          () => null,
        );
  if (sha === null) {
    throw new StepError(
      `"${text}": ${ref} names no commit of the repository (a branch, tag, sha or revision such as master~1, as git rev-parse reads it)`,
    );
  }
  return sha;
}

/**
 * Merges (squash, as a maintainer) every open pick pull request the bot opened; returns how many.
 * A conflict's workspace is a draft holding conflict markers: it stays open, as in the report.
 */
export async function mergePicks(
  env: RehearsalEnvironment,
  settle: () => Promise<void>,
): Promise<number> {
  const { repo, observer } = env;
  let merged = 0;
  for (;;) {
    const open = await observer.octokit.paginate(observer.octokit.rest.pulls.list, {
      owner: repo.owner,
      repo: repo.name,
      state: "open",
      per_page: 100,
    });
    const pick = open.find(
      (p) => p.user?.login === observer.botLogin && looksLikePickBody(p.body) && p.draft !== true,
    );
    if (!pick) return merged;
    try {
      await repo.mergePullRequest(pick.number, { method: "squash", as: MAINTAINER });
    } catch (error) {
      throw new StepError(
        `the bot's pick #${pick.number} cannot be merged: ${(error as Error).message}`,
      );
    }
    merged += 1;
    await settle();
  }
}
