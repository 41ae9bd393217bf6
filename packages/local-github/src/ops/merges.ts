import { actorUser, type OpContext } from "../context.js";
import type { RepoRecord } from "../model.js";
import { markSigned } from "../rules/signatures.js";
import { HttpError } from "../util.js";
import { advanceBranch, guardBranchWrite, resolveCommitish } from "./refs.js";

export type MergeBranchResult = { status: 201; sha: string } | { status: 204 };

/**
 * `POST /repos/{o}/{r}/merges`: merge `head` (any commitish) into the branch `base` with a real
 * three-way merge (`git merge-tree --write-tree`). 201 with a new merge commit (always a merge
 * commit, as GitHub makes, never a fast-forward), 204 when head is already in base, 409 on a
 * conflict, 404 when base or head is missing.
 */
export async function mergeBranches(
  ctx: OpContext,
  repo: RepoRecord,
  options: { base: string; head: string; commitMessage?: string },
): Promise<MergeBranchResult> {
  const git = repo.git;
  const w = ctx.world;
  const author = actorUser(ctx);
  for (let attempt = 0; attempt < 10; attempt++) {
    const baseSha = await git.readRef(`refs/heads/${options.base}`);
    if (!baseSha) throw new HttpError(404, "Base does not exist");
    const headSha = await resolveCommitish(repo, options.head);
    if (!headSha) throw new HttpError(404, "Head does not exist");
    if (await git.isAncestor(headSha, baseSha)) return { status: 204 };
    const merged = await git.mergeTree(baseSha, headSha);
    if (!merged.clean || !merged.tree) throw new HttpError(409, "Merge conflict");
    const now = w.clock();
    const sha = await git.commitTree({
      tree: merged.tree,
      parents: [baseSha, headSha],
      message: options.commitMessage ?? `Merge ${options.head} into ${options.base}`,
      author: w.ident(author, now),
      committer: w.webFlowIdent(now),
    });
    markSigned(repo, sha);
    await guardBranchWrite(ctx, repo, {
      ref: `refs/heads/${options.base}`,
      before: baseSha,
      after: sha,
    });
    if (await advanceBranch(ctx, repo, options.base, baseSha, sha)) return { status: 201, sha };
  }
  throw new HttpError(409, "Base branch was modified. Review and try the merge again.");
}
