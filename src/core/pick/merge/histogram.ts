/**
 * Git's histogram line diff (`--diff-algorithm=histogram`), the one git's own merges use
 * (merge-ort, so `git cherry-pick`, `git merge-tree`, and GitHub's merges). Pure.
 *
 * For a region of both texts it finds the longest run of common lines whose rarest line occurs
 * least often in the first text, splits the region around it and carries on each side. A
 * region where every common line occurs more than 64 times in the first text is handed to
 * git's Myers diff as a text of its own. Git 2.39's `xdiff/xhistogram.c` and its order of
 * search: the first text is indexed from its last line up, candidates in the second text are
 * taken from its first line down.
 */
import type { Marks } from "./lines.js";
import { myersMarks } from "./myers.js";

/** A common line occurring more often than this in the first text is never a split point. */
const MAX_OCCURRENCES = 64;

/** Lines `line..line+count-1` (1-based) of each text. */
interface Region {
  line1: number;
  count1: number;
  line2: number;
  count2: number;
}

/** The lines of `a` and `b` (line numbers) changed by git's histogram diff. */
export function histogramMarks(a: Int32Array, b: Int32Array, marks: Marks): void {
  const pending: Region[] = [{ line1: 1, count1: a.length, line2: 1, count2: b.length }];
  for (let region = pending.pop(); region !== undefined; region = pending.pop()) {
    const { line1, count1, line2, count2 } = region;
    if (count1 <= 0 && count2 <= 0) continue;
    if (count1 <= 0 || count2 <= 0) {
      markAll(marks, region);
      continue;
    }
    const found = longestRareRun(a, b, region);
    if (found === "fall-back") {
      const sub = myersMarks(
        a.subarray(line1 - 1, line1 - 1 + count1),
        b.subarray(line2 - 1, line2 - 1 + count2),
      );
      marks.a.set(sub.a.subarray(1, count1 + 1), line1);
      marks.b.set(sub.b.subarray(1, count2 + 1), line2);
    } else if (found === null) {
      markAll(marks, region);
    } else {
      pending.push(
        {
          line1: found.end1 + 1,
          count1: line1 + count1 - 1 - found.end1,
          line2: found.end2 + 1,
          count2: line2 + count2 - 1 - found.end2,
        },
        {
          line1,
          count1: found.begin1 - line1,
          line2,
          count2: found.begin2 - line2,
        },
      );
    }
  }
}

function markAll(marks: Marks, region: Region): void {
  for (let i = 0; i < region.count1; i++) marks.a[region.line1 + i] = 1;
  for (let i = 0; i < region.count2; i++) marks.b[region.line2 + i] = 1;
}

/** A run of common lines: `begin..end` (1-based, inclusive) in each text. */
interface Run {
  begin1: number;
  end1: number;
  begin2: number;
  end2: number;
}

/** One distinct line of the first text's region: its first place, and how often it occurs. */
interface Occurrences {
  first: number;
  count: number;
}

/**
 * The run to split the region at; null when the texts have no line in common there;
 * "fall-back" when every common line is too frequent to be a split point.
 */
function longestRareRun(a: Int32Array, b: Int32Array, region: Region): Run | null | "fall-back" {
  const { line1, count1, line2, count2 } = region;
  const end1 = line1 + count1 - 1;
  const end2 = line2 + count2 - 1;
  // Indexed from the last line up, so each line's chain of places runs forward.
  const byLine = new Map<number, Occurrences>();
  const lineOf = new Array<Occurrences>(count1);
  const next = new Int32Array(count1);
  for (let ptr = end1; ptr >= line1; ptr--) {
    const id = a[ptr - 1] as number;
    const seen = byLine.get(id);
    if (seen) {
      next[ptr - line1] = seen.first;
      seen.first = ptr;
      seen.count++;
      lineOf[ptr - line1] = seen;
    } else {
      const fresh = { first: ptr, count: 1 };
      byLine.set(id, fresh);
      lineOf[ptr - line1] = fresh;
    }
  }
  const countAt = (ptr: number) => (lineOf[ptr - line1] as Occurrences).count;

  let best: Run = { begin1: 0, end1: 0, begin2: 0, end2: 0 };
  let bestCount = MAX_OCCURRENCES + 1;
  let hasCommon = false;
  for (let bPtr = line2; bPtr <= end2; ) {
    let bNext = bPtr + 1;
    const occurrences = byLine.get(b[bPtr - 1] as number);
    if (occurrences !== undefined) {
      hasCommon = true;
      if (occurrences.count <= bestCount) {
        let as = occurrences.first;
        for (;;) {
          let np = next[as - line1] as number;
          let bs = bPtr;
          let ae = as;
          let be = bs;
          let rc = occurrences.count;
          while (line1 < as && line2 < bs && a[as - 2] === b[bs - 2]) {
            as--;
            bs--;
            if (1 < rc) rc = Math.min(rc, countAt(as));
          }
          while (ae < end1 && be < end2 && a[ae] === b[be]) {
            ae++;
            be++;
            if (1 < rc) rc = Math.min(rc, countAt(ae));
          }
          if (bNext <= be) bNext = be + 1;
          if (best.end1 - best.begin1 < ae - as || rc < bestCount) {
            best = { begin1: as, end1: ae, begin2: bs, end2: be };
            bestCount = rc;
          }
          if (np === 0) break;
          while (np !== 0 && np <= ae) np = next[np - line1] as number;
          if (np === 0) break;
          as = np;
        }
      }
    }
    bPtr = bNext;
  }
  if (hasCommon && bestCount > MAX_OCCURRENCES) return "fall-back";
  if (best.begin1 === 0 && best.begin2 === 0) return null;
  return best;
}
