/**
 * The `conflict markers` check of a pull request into a release branch: every changed text
 * file read at the head and searched for git's conflict markers. Calls: the pull request's
 * files (1 per 100), each changed file's blob (1 each, at most `MAX_READ`), the check (1 write).
 */
import { conflictMarkersResult, findConflictMarkers } from "../../core/checks/conflict-markers.js";
import { CHECK_NAMES } from "../../core/checks/result.js";
import { reportCheck } from "../../github/check-runs.js";
import { decode } from "../../github/pick/versions.js";
import type { FlowContext } from "../context.js";

/** Most files read; the others are named in the summary as not read. */
export const MAX_READ = 300;
/** Larger files are not read (a generated file, a vendored bundle). */
const MAX_BYTES = 1024 * 1024;

export async function runConflictMarkersCheck(
  ctx: FlowContext,
  pr: { number: number; headSha: string },
): Promise<void> {
  if (!ctx.config.checks.conflictMarkers) return;
  const files = await ctx.github.paginate(ctx.github.rest.pulls.listFiles, {
    ...ctx.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  const changed = files.flatMap((f) =>
    f.status !== "removed" && f.sha ? [{ filename: f.filename, sha: f.sha }] : [],
  );
  const toRead = changed.slice(0, MAX_READ);
  const unchecked = changed.slice(MAX_READ).map((f) => f.filename);
  let checked = 0;
  const scanned = await Promise.all(
    toRead.map(async (file) => {
      const { data } = await ctx.github.rest.git.getBlob({ ...ctx.repo, file_sha: file.sha });
      if ((data.size ?? 0) > MAX_BYTES) {
        unchecked.push(file.filename);
        return { path: file.filename, markers: [] };
      }
      const text = data.encoding === "base64" ? decode(data.content) : null;
      if (text === null) return { path: file.filename, markers: [] };
      checked++;
      return { path: file.filename, markers: findConflictMarkers(text) };
    }),
  );
  await reportCheck(ctx.github, ctx.repo, {
    name: CHECK_NAMES.markers,
    headSha: pr.headSha,
    result: conflictMarkersResult({ files: scanned, checked, unchecked }),
  });
}
