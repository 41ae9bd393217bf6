/**
 * Commit signature verification ("About commit signature verification",
 * https://docs.github.com/en/authentication/managing-commit-signature-verification/about-commit-signature-verification):
 * GitHub signs the commits it makes itself (merges, squashes and rebases of pull requests, the
 * merges API) and the commits a GitHub App creates through the API without a custom author or
 * committer; those show `verification.verified: true`, everything else is unsigned. The local
 * GitHub writes no signature into the git object: it remembers which commits GitHub signed.
 */
import type { RepoRecord } from "../model.js";

export function markSigned(repo: RepoRecord, sha: string): void {
  repo.signedCommits.add(sha);
}

export function isSigned(repo: RepoRecord, sha: string): boolean {
  return repo.signedCommits.has(sha);
}

const UNSIGNED = {
  verified: false,
  reason: "unsigned",
  signature: null,
  payload: null,
  verified_at: null,
};

/** The `verification` object of a commit. */
export function verificationOf(repo: RepoRecord, sha: string, signedAt: string) {
  if (!isSigned(repo, sha)) return UNSIGNED;
  return {
    verified: true,
    reason: "valid",
    signature: `-----BEGIN PGP SIGNATURE-----\n\nlocal GitHub signature of ${sha}\n-----END PGP SIGNATURE-----\n`,
    payload: `commit ${sha}\n`,
    verified_at: signedAt,
  };
}
