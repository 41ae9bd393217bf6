/**
 * The merge of every file of the real cherry-pick corpus (../shared/fixtures/merges: 82 picks of
 * kubeflow/spark-operator, 334 files, each with git's verdict and bytes) and of our own cases of
 * the same shape (test/fixtures/merges/cases.json): never clean where git conflicts, at least 99 %
 * of files classified as git classifies them, and git's bytes wherever both are clean. The merge
 * is the one the bot runs for a preview and a workspace: path by path, merge-ort's diff.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mergePath } from "../../../../src/core/pick/merge/file.js";
import { pickOptions } from "../../../../src/core/pick/merge/merge3.js";

interface Corpus {
  cases: Array<{
    id: string;
    files: Array<{
      path: string;
      base: string | null;
      ours: string | null;
      theirs: string | null;
      git: { clean: boolean; merged: string };
    }>;
  }>;
  blobs: Record<string, string>;
}

const SHARED = fileURLToPath(
  new URL("../../../../../shared/fixtures/merges/spark-operator.json", import.meta.url),
);
const OWN = fileURLToPath(new URL("../../../fixtures/merges/cases.json", import.meta.url));

function agreement(corpus: Corpus) {
  const counts = { files: 0, agree: 0, cleanWhereGitConflicts: 0, bothClean: 0, sameBytes: 0 };
  const disagreeing: string[] = [];
  for (const c of corpus.cases) {
    for (const f of c.files) {
      const text = (id: string | null) => (id === null ? null : (corpus.blobs[id] as string));
      const merged = mergePath(
        { path: f.path, base: text(f.base), ours: text(f.ours), theirs: text(f.theirs) },
        pickOptions("ours", "theirs"),
      );
      counts.files++;
      if (merged.clean === f.git.clean) counts.agree++;
      else disagreeing.push(`${c.id} ${f.path}: git ${f.git.clean ? "clean" : "conflict"}`);
      if (merged.clean && !f.git.clean) counts.cleanWhereGitConflicts++;
      if (merged.clean && f.git.clean) {
        counts.bothClean++;
        const bytes = merged.content === "unchanged" ? text(f.ours) : merged.content;
        if ((bytes ?? "") === text(f.git.merged)) counts.sameBytes++;
        else disagreeing.push(`${c.id} ${f.path}: other bytes than git's`);
      }
    }
  }
  return { counts, disagreeing };
}

const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Corpus;

describe("the merge agrees with git", () => {
  it("on our own cases, file by file", () => {
    const { counts, disagreeing } = agreement(read(OWN));
    expect(disagreeing).toEqual([]);
    expect(counts).toEqual({
      files: 8,
      agree: 8,
      cleanWhereGitConflicts: 0,
      bothClean: 4,
      sameBytes: 4,
    });
  });

  it.skipIf(!existsSync(SHARED))(
    "on the real cherry-picks of ../shared/fixtures/merges (skipped when ../shared is absent)",
    () => {
      const { counts, disagreeing } = agreement(read(SHARED));
      expect(counts.cleanWhereGitConflicts).toBe(0);
      expect(counts.agree / counts.files).toBeGreaterThanOrEqual(0.99);
      expect(counts.sameBytes).toBe(counts.bothClean);
      // Measured: every file as git classifies it, git's bytes on every file both call clean.
      expect(counts).toEqual({
        files: 334,
        agree: 334,
        cleanWhereGitConflicts: 0,
        bothClean: 292,
        sameBytes: 292,
      });
      expect(disagreeing).toEqual([]);
    },
  );
});
