/**
 * A tag's charts in the Helm repository: their entries added to `index.yaml` on
 * `charts.indexBranch` in one commit made on the head that was read. When another release (of
 * another line, or another replica) moved that branch first, GitHub refuses the fast-forward, and
 * the index is read again with the other's entries and the addition redone: no entry is lost,
 * for at most `MAX_INDEX_ATTEMPTS` rounds. An entry already there is kept (a redelivery adds
 * nothing). The commit is read back before the reply says the chart is listed.
 */
import {
  addToIndex,
  type IndexEntry,
  type KeptEntry,
  readIndex,
  rfc3339,
} from "../../core/charts/index-file.js";
import { INDEX_FILE, readIndexAt, readIndexFile, writeIndexFile } from "../../github/helm-index.js";
import type { FlowContext } from "../context.js";

/** How many times the index is read and committed while its branch keeps moving. */
export const MAX_INDEX_ATTEMPTS = 5;

export type Indexing =
  | {
      ok: true;
      /** `operator-1.5.0-rc.0` for each entry this run added. */
      added: string[];
      kept: KeptEntry[];
      /** This run created the branch. */
      createdBranch: boolean;
    }
  | { ok: false; problem: string };

export async function indexCharts(
  ctx: FlowContext,
  entries: readonly IndexEntry[],
): Promise<Indexing> {
  const branch = ctx.config.charts.indexBranch;
  for (let attempt = 1; attempt <= MAX_INDEX_ATTEMPTS; attempt++) {
    const read = await readIndexFile(ctx.github, ctx.repo, branch);
    const update = addToIndex(read.text, entries, rfc3339(ctx.delivery.clock.now()));
    if (!update.ok) {
      return {
        ok: false,
        problem: `\`${INDEX_FILE}\` on \`${branch}\` is not a Helm repository index (${update.error}); fix or remove it`,
      };
    }
    if (update.text === null)
      return { ok: true, added: [], kept: update.kept, createdBranch: false };
    const written = await writeIndexFile(ctx.github, ctx.repo, {
      branch,
      head: read.head,
      text: update.text,
      message: indexCommitMessage(update.added),
      signoff: ctx.config.commits.signoff ? ctx.delivery.signers : undefined,
    });
    if (written.status === "moved") {
      ctx.log.info({ branch, attempt }, "index branch moved; reading the index again");
      continue;
    }
    if (written.status === "protected") {
      return {
        ok: false,
        problem: `GitHub refused the commit to \`${branch}\`: ${written.refusal}`,
      };
    }
    const missing = await notListed(ctx, written.sha, entries);
    if (missing.length > 0) {
      return {
        ok: false,
        problem: `\`${INDEX_FILE}\` at ${written.sha.slice(0, 7)} on \`${branch}\` does not list ${missing.join(", ")} after the commit`,
      };
    }
    return { ok: true, added: update.added, kept: update.kept, createdBranch: read.head === null };
  }
  return {
    ok: false,
    problem: `\`${branch}\` kept moving while the bot added the chart to \`${INDEX_FILE}\` (${MAX_INDEX_ATTEMPTS} tries)`,
  };
}

/** The entries the index at a commit does not list (read back after writing it). */
async function notListed(
  ctx: FlowContext,
  commitSha: string,
  entries: readonly IndexEntry[],
): Promise<string[]> {
  const text = await readIndexAt(ctx.github, ctx.repo, commitSha);
  const read = text === null ? null : readIndex(text);
  return entries
    .filter(({ metadata }) => {
      const versions = read?.ok ? (read.index.entries[metadata.name] ?? []) : [];
      return !versions.some((entry) => String(entry.version) === metadata.version);
    })
    .map(({ metadata }) => `${metadata.name} ${metadata.version}`);
}

export function indexCommitMessage(added: readonly string[]): string {
  return `Add ${added.join(", ")} to the Helm repository index\n`;
}
