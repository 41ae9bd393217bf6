import { parseBranchName } from "../core/version.js";
import type { GitHub, RepoId } from "./types.js";

/**
 * The release branches of the repository, newest line first: the branches whose names start
 * like the pattern (one matching-refs call) and parse as release branches of it.
 */
export async function listReleaseBranches(
  github: GitHub,
  repo: RepoId,
  pattern: string,
): Promise<string[]> {
  const first = Math.min(
    ...["{major}", "{minor}"].map((p) => pattern.indexOf(p)).filter((i) => i >= 0),
  );
  const prefix = pattern.slice(0, first);
  const refs = await github.paginate(github.rest.git.listMatchingRefs, {
    ...repo,
    ref: `heads/${prefix}`,
    per_page: 100,
  });
  return refs
    .map((ref) => ref.ref.replace(/^refs\/heads\//, ""))
    .flatMap((name) => {
      const line = parseBranchName(pattern, name);
      return line === null ? [] : [{ name, line }];
    })
    .sort((a, b) => b.line.major - a.line.major || b.line.minor - a.line.minor)
    .map((branch) => branch.name);
}
