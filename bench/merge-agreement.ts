/**
 * How often release-bot's merge (the one its cherry-pick preview and conflict workspace run:
 * path by path, merge-ort's histogram diff) classifies a file as git does, over the corpus of
 * real cherry-picks (../shared/fixtures/merges: each file with git's verdict and bytes), or over
 * this repository's own cases of the same shape when ../shared is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mergePath } from "../src/core/pick/merge/file.js";
import { pickOptions } from "../src/core/pick/merge/merge3.js";

const SHARED = fileURLToPath(
  new URL("../../shared/fixtures/merges/spark-operator.json", import.meta.url),
);
const OWN = fileURLToPath(new URL("../test/fixtures/merges/cases.json", import.meta.url));

export interface MergeAgreement {
  corpus: string;
  cases: number;
  files: number;
  /** Files our merge calls clean or conflicting as git does. */
  agree: number;
  /** Files our merge calls clean where git conflicts: must be none. */
  cleanWhereGitConflicts: number;
  bothClean: number;
  /** Of those, files whose merged bytes are git's. */
  sameBytes: number;
  ms: number;
}

interface Corpus {
  cases: Array<{
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

export function runMergeAgreement(): MergeAgreement {
  const path = existsSync(SHARED) ? SHARED : OWN;
  const corpus = JSON.parse(readFileSync(path, "utf8")) as Corpus;
  const text = (id: string | null) => (id === null ? null : (corpus.blobs[id] as string));
  const result: MergeAgreement = {
    corpus:
      path === SHARED
        ? "../shared/fixtures/merges/spark-operator.json"
        : "test/fixtures/merges/cases.json (../shared absent)",
    cases: corpus.cases.length,
    files: 0,
    agree: 0,
    cleanWhereGitConflicts: 0,
    bothClean: 0,
    sameBytes: 0,
    ms: 0,
  };
  const started = performance.now();
  for (const c of corpus.cases) {
    for (const f of c.files) {
      const merged = mergePath(
        { path: f.path, base: text(f.base), ours: text(f.ours), theirs: text(f.theirs) },
        pickOptions("ours", "theirs"),
      );
      result.files++;
      if (merged.clean === f.git.clean) result.agree++;
      if (merged.clean && !f.git.clean) result.cleanWhereGitConflicts++;
      if (merged.clean && f.git.clean) {
        result.bothClean++;
        const bytes = merged.content === "unchanged" ? text(f.ours) : merged.content;
        if ((bytes ?? "") === text(f.git.merged)) result.sameBytes++;
      }
    }
  }
  result.ms = performance.now() - started;
  return result;
}
