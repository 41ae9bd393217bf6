import { type Signer, withSignoff } from "../core/git/signoff.js";
import type { GitHub, RepoId } from "./types.js";

/**
 * Who GitHub records as the author of a commit the bot makes with no author given: the App's
 * `<slug>[bot]` with its noreply address, or the user or workflow a token stands for, by
 * repository. Learnt once from a commit object made for the purpose (unreferenced, GitHub
 * collects it) and kept by whoever owns the cache (the app instance): the identity of a token
 * does not change while the process runs.
 */
export type SignerCache = Map<string, Signer>;

export interface CommitObject {
  message: string;
  tree: string;
  parents: string[];
}

/** The commit's message ending in a `Signed-off-by:` line for the identity GitHub gives it. */
export async function signedOffMessage(
  github: GitHub,
  repo: RepoId,
  commit: CommitObject,
  signers: SignerCache,
): Promise<string> {
  const key = `${repo.owner}/${repo.repo}`.toLowerCase();
  let signer = signers.get(key);
  if (!signer) {
    const { data } = await github.rest.git.createCommit({ ...repo, ...commit });
    signer = { name: data.author.name, email: data.author.email };
    signers.set(key, signer);
  }
  return withSignoff(commit.message, signer);
}
