import { parseBranchName } from "../core/version/numbering.js";
import type { GitHub, RepoId } from "./types.js";

/** Every ref the matching-refs call returns starts with it. */
const HEADS = "refs/heads/";

/**
 * The release branches of the repository, newest line first: the branches whose names start
 * like the pattern (one matching-refs call) and parse as release branches of it.
 */
export async function listReleaseBranches(
  github: GitHub,
  repo: RepoId,
  pattern: string,
): Promise<string[]> {
  // The configuration refuses a pattern without both placeholders.
  const prefix = pattern.slice(0, Math.min(pattern.indexOf("{major}"), pattern.indexOf("{minor}")));
  const refs = await github.paginate(github.rest.git.listMatchingRefs, {
    ...repo,
    ref: `heads/${prefix}`,
    per_page: 100,
  });
  return refs
    .map((ref) => ref.ref.slice(HEADS.length))
    .flatMap((name) => {
      const line = parseBranchName(pattern, name);
      return line === null ? [] : [{ name, line }];
    })
    .sort((a, b) => b.line.major - a.line.major || b.line.minor - a.line.minor)
    .map((branch) => branch.name);
}
