/**
 * A line diff as git computes it for a merge: the algorithm's changed lines, then each group
 * of changed lines slid as git slides it (up against the previous group and down again,
 * lined up with the other side's changes when it can be), then read off as a list of changes.
 * Pure. (Git 2.39 `xdiff/xdiffi.c`: `xdl_change_compact` without the indent heuristic, which
 * merges do not use, and `xdl_build_script`.)
 */
import { histogramMarks } from "./histogram.js";
import { emptyMarks, type Marks } from "./lines.js";
import { myersMarks } from "./myers.js";

/** `myers`: git's default diff, and `git merge-file`'s. `histogram`: merge-ort's (`git cherry-pick`, GitHub). */
export type DiffAlgorithm = "myers" | "histogram";

/** Lines `at1..at1+count1` of the first text became lines `at2..at2+count2` of the second. */
export interface Change {
  at1: number;
  count1: number;
  at2: number;
  count2: number;
}

/** The changes from `a` to `b` (line numbers, equal lines equal numbers), in order. */
export function diffLines(a: Int32Array, b: Int32Array, algorithm: DiffAlgorithm): Change[] {
  let marks: Marks;
  if (algorithm === "myers") {
    marks = myersMarks(a, b);
  } else {
    marks = emptyMarks(a.length, b.length);
    histogramMarks(a, b, marks);
  }
  compact(a, marks.a, marks.b);
  compact(b, marks.b, marks.a);
  return changesOf(marks, a.length, b.length);
}

/** A run of changed lines `start..end` of one side (empty when start = end), 0-based. */
interface Group {
  start: number;
  end: number;
}

/** Slides the groups of changed lines of one side, keeping the other side's groups in step. */
function compact(ids: Int32Array, marks: Uint8Array, otherMarks: Uint8Array): void {
  const side = { ids, marks };
  const other = { ids: null, marks: otherMarks };
  const g = firstGroup(marks);
  const go = firstGroup(otherMarks);
  for (;;) {
    if (g.end !== g.start) {
      let size: number;
      let earliestEnd: number;
      let endMatchingOther: number;
      do {
        size = g.end - g.start;
        endMatchingOther = -1;
        while (slideUp(side, g)) previousGroup(other, go);
        earliestEnd = g.end;
        if (go.end > go.start) endMatchingOther = g.end;
        while (slideDown(side, g)) {
          nextGroup(other, go);
          if (go.end > go.start) endMatchingOther = g.end;
        }
      } while (size !== g.end - g.start);
      if (g.end !== earliestEnd && endMatchingOther !== -1) {
        // Back up to line up with the last group of the other side it can meet.
        while (go.end === go.start) {
          slideUp(side, g);
          previousGroup(other, go);
        }
      }
    }
    if (!nextGroup(side, g)) break;
    nextGroup(other, go);
  }
}

interface Side {
  ids: Int32Array | null;
  marks: Uint8Array;
}

const lineCount = (side: Side) => side.marks.length - 2;
const isChanged = (side: Side, line: number) => side.marks[line + 1] === 1;

function firstGroup(marks: Uint8Array): Group {
  const group = { start: 0, end: 0 };
  while (marks[group.end + 1] === 1) group.end++;
  return group;
}

function nextGroup(side: Side, g: Group): boolean {
  if (g.end === lineCount(side)) return false;
  g.start = g.end + 1;
  g.end = g.start;
  while (isChanged(side, g.end)) g.end++;
  return true;
}

function previousGroup(side: Side, g: Group): boolean {
  if (g.start === 0) return false;
  g.end = g.start - 1;
  g.start = g.end;
  while (isChanged(side, g.start - 1)) g.start--;
  return true;
}

function slideDown(side: Side, g: Group): boolean {
  const ids = side.ids as Int32Array;
  if (g.end < lineCount(side) && ids[g.start] === ids[g.end]) {
    side.marks[g.start + 1] = 0;
    g.start++;
    side.marks[g.end + 1] = 1;
    g.end++;
    while (isChanged(side, g.end)) g.end++;
    return true;
  }
  return false;
}

function slideUp(side: Side, g: Group): boolean {
  const ids = side.ids as Int32Array;
  if (g.start > 0 && ids[g.start - 1] === ids[g.end - 1]) {
    g.start--;
    side.marks[g.start + 1] = 1;
    g.end--;
    side.marks[g.end + 1] = 0;
    while (isChanged(side, g.start - 1)) g.start--;
    return true;
  }
  return false;
}

/** The changes, read from the end as git does, in order. */
function changesOf(marks: Marks, length1: number, length2: number): Change[] {
  const changes: Change[] = [];
  let i1 = length1;
  let i2 = length2;
  while (i1 >= 0 || i2 >= 0) {
    if (marks.a[i1] === 1 || marks.b[i2] === 1) {
      const last1 = i1;
      const last2 = i2;
      while (marks.a[i1] === 1) i1--;
      while (marks.b[i2] === 1) i2--;
      changes.push({ at1: i1, count1: last1 - i1, at2: i2, count2: last2 - i2 });
    }
    i1--;
    i2--;
  }
  return changes.reverse();
}
