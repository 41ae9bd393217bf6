/**
 * Git's default line diff (xdiff's, `git diff --diff-algorithm=myers`), reproduced so that
 * which lines count as changed is exactly git's, ties and shortcuts included. Pure.
 *
 * Myers' O(ND) algorithm alone does not decide which of several equally short edit scripts
 * is taken; git's implementation does, by its own order of search and by three shortcuts that
 * the result depends on:
 *   1. common lines at both ends are set aside before anything else;
 *   2. lines that occur nowhere in the other text are changed for certain and left out of the
 *      search, and so are lines that occur very often there when they sit among such lines;
 *   3. the search for the middle of the edit script gives up, once it costs more than a bound
 *      that grows with the texts, for the best path found so far.
 * Both directions of the search and every tie are taken in git's order. (Git 2.39 `xdiff/`:
 * `xprepare.c` for 1 and 2, `xdiffi.c` for 3.)
 */
import { emptyMarks, type Marks } from "./lines.js";

/** Occurrences beyond which a line counts as "very often" is capped at this. */
const MAX_OCCURRENCE_LIMIT = 1024;
/** How far around a frequent line the look for changed neighbours goes. */
const NEIGHBOUR_WINDOW = 100;
/** A frequent line among changed ones is dropped when its run holds less than 1/4 of them. */
const FREQUENT_RUN_SHARE = 4;
/** The search's cost bound is at least this. */
const MIN_COST_BOUND = 256;
/** A run of this many equal lines is a "snake" worth stopping at early. */
const SNAKE_LENGTH = 20;
/** Above this cost, a good snake ends the search early. */
const EARLY_STOP_COST = 256;
/** How much better than the cost so far an early stop must be. */
const EARLY_STOP_FACTOR = 4;
const FAR = 0x7fffffff;

/** Git's integer square root estimate: 2 to the power of half the number of bits. */
export function roughSqrt(n: number): number {
  let root = 1;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 4)) root *= 2;
  return root;
}

/** The lines of `a` and `b` (line numbers) changed by git's Myers diff. */
export function myersMarks(a: Int32Array, b: Int32Array): Marks {
  const marks = emptyMarks(a.length, b.length);
  const ends = commonEnds(a, b);
  const keptA = keptLines(a, b, ends.start, a.length - ends.end - 1, marks.a);
  const keptB = keptLines(b, a, ends.start, b.length - ends.end - 1, marks.b);
  compareKept(keptA, keptB, marks);
  return marks;
}

/** How many lines both texts share at the start, and at the end after those. */
function commonEnds(a: Int32Array, b: Int32Array): { start: number; end: number } {
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && a[start] === b[start]) start++;
  let end = 0;
  while (end < shorter - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { start, end };
}

/** The lines of one side the search looks at: their numbers, and where each one is. */
interface Kept {
  ids: Int32Array;
  at: Int32Array;
}

/**
 * Lines `from..to` of `side` that take part in the search; the others are marked changed:
 * those absent from `other`, and those frequent in `other` when surrounded by changed ones.
 */
function keptLines(
  side: Int32Array,
  other: Int32Array,
  from: number,
  to: number,
  marks: Uint8Array,
): Kept {
  const limit = Math.min(roughSqrt(side.length), MAX_OCCURRENCE_LIMIT);
  const inOther = new Map<number, number>();
  for (const id of other) inOther.set(id, (inOther.get(id) ?? 0) + 1);
  // 0: absent from the other side, 1: present, 2: present `limit` times or more.
  const kind = new Uint8Array(side.length);
  for (let i = from; i <= to; i++) {
    const count = inOther.get(side[i] as number) ?? 0;
    kind[i] = count === 0 ? 0 : count >= limit ? 2 : 1;
  }
  const ids: number[] = [];
  const at: number[] = [];
  for (let i = from; i <= to; i++) {
    if (kind[i] === 1 || (kind[i] === 2 && !amongChanged(kind, i, from, to))) {
      ids.push(side[i] as number);
      at.push(i);
    } else {
      marks[i + 1] = 1;
    }
  }
  return { ids: Int32Array.from(ids), at: Int32Array.from(at) };
}

/**
 * Whether the frequent line `i` sits in a run of changed-for-certain and frequent lines on
 * both sides, with changed-for-certain lines making up more than a quarter of it.
 */
function amongChanged(kind: Uint8Array, i: number, from: number, to: number): boolean {
  const start = Math.max(from, i - NEIGHBOUR_WINDOW);
  const end = Math.min(to, i + NEIGHBOUR_WINDOW);
  let absentBefore = 0;
  let frequentBefore = 1;
  for (let j = i - 1; j >= start; j--) {
    if (kind[j] === 0) absentBefore++;
    else if (kind[j] === 2) frequentBefore++;
    else break;
  }
  if (absentBefore === 0) return false;
  let absent = 0;
  let frequent = 1;
  for (let j = i + 1; j <= end; j++) {
    if (kind[j] === 0) absent++;
    else if (kind[j] === 2) frequent++;
    else break;
  }
  if (absent === 0) return false;
  absent += absentBefore;
  frequent += frequentBefore;
  return frequent * FREQUENT_RUN_SHARE < frequent + absent;
}

/** A box of the edit graph still to compare: lines `off..lim` of each kept side. */
interface Box {
  off1: number;
  lim1: number;
  off2: number;
  lim2: number;
  /** Whether this box must be compared to the end, without shortcuts. */
  exact: boolean;
}

/** Divide and conquer over the kept lines, marking the changed ones at their places. */
function compareKept(keptA: Kept, keptB: Kept, marks: Marks): void {
  const a = keptA.ids;
  const b = keptB.ids;
  const diagonals = a.length + b.length + 3;
  const search: Search = {
    a,
    b,
    forward: new Int32Array(2 * diagonals + 2),
    backward: new Int32Array(2 * diagonals + 2),
    // Diagonal k is at index k + shift: k goes from -(b.length + 1) to a.length + 1.
    shift: b.length + 1,
    costBound: Math.max(roughSqrt(diagonals), MIN_COST_BOUND),
  };
  const boxes: Box[] = [{ off1: 0, lim1: a.length, off2: 0, lim2: b.length, exact: false }];
  for (let box = boxes.pop(); box !== undefined; box = boxes.pop()) {
    let { off1, lim1, off2, lim2 } = box;
    while (off1 < lim1 && off2 < lim2 && a[off1] === b[off2]) {
      off1++;
      off2++;
    }
    while (off1 < lim1 && off2 < lim2 && a[lim1 - 1] === b[lim2 - 1]) {
      lim1--;
      lim2--;
    }
    if (off1 === lim1) {
      for (let i = off2; i < lim2; i++) marks.b[(keptB.at[i] as number) + 1] = 1;
    } else if (off2 === lim2) {
      for (let i = off1; i < lim1; i++) marks.a[(keptA.at[i] as number) + 1] = 1;
    } else {
      const split = middle(search, { off1, lim1, off2, lim2, exact: box.exact });
      boxes.push(
        { off1: split.i1, lim1, off2: split.i2, lim2, exact: split.exactAfter },
        { off1, lim1: split.i1, off2, lim2: split.i2, exact: split.exactBefore },
      );
    }
  }
}

interface Search {
  a: Int32Array;
  b: Int32Array;
  forward: Int32Array;
  backward: Int32Array;
  shift: number;
  costBound: number;
}

interface Split {
  i1: number;
  i2: number;
  exactBefore: boolean;
  exactAfter: boolean;
}

/**
 * Where to split a box: the middle of its shortest edit script, searched from both corners at
 * once, or, when that gets too expensive, a good place found so far.
 */
function middle(s: Search, box: Box): Split {
  const { a, b, forward: kf, backward: kb, shift: z } = s;
  const { off1, lim1, off2, lim2 } = box;
  const dmin = off1 - lim2;
  const dmax = lim1 - off2;
  const fmid = off1 - off2;
  const bmid = lim1 - lim2;
  const odd = ((fmid - bmid) & 1) !== 0;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;
  kf[fmid + z] = off1;
  kb[bmid + z] = lim1;

  for (let cost = 1; ; cost++) {
    let gotSnake = false;
    if (fmin > dmin) kf[--fmin - 1 + z] = -1;
    else ++fmin;
    if (fmax < dmax) kf[++fmax + 1 + z] = -1;
    else --fmax;
    for (let d = fmax; d >= fmin; d -= 2) {
      let i1 =
        (kf[d - 1 + z] as number) >= (kf[d + 1 + z] as number)
          ? (kf[d - 1 + z] as number) + 1
          : (kf[d + 1 + z] as number);
      const from = i1;
      let i2 = i1 - d;
      while (i1 < lim1 && i2 < lim2 && a[i1] === b[i2]) {
        i1++;
        i2++;
      }
      if (i1 - from > SNAKE_LENGTH) gotSnake = true;
      kf[d + z] = i1;
      if (odd && bmin <= d && d <= bmax && (kb[d + z] as number) <= i1) {
        return { i1, i2, exactBefore: true, exactAfter: true };
      }
    }

    if (bmin > dmin) kb[--bmin - 1 + z] = FAR;
    else ++bmin;
    if (bmax < dmax) kb[++bmax + 1 + z] = FAR;
    else --bmax;
    for (let d = bmax; d >= bmin; d -= 2) {
      let i1 =
        (kb[d - 1 + z] as number) < (kb[d + 1 + z] as number)
          ? (kb[d - 1 + z] as number)
          : (kb[d + 1 + z] as number) - 1;
      const from = i1;
      let i2 = i1 - d;
      while (i1 > off1 && i2 > off2 && a[i1 - 1] === b[i2 - 1]) {
        i1--;
        i2--;
      }
      if (from - i1 > SNAKE_LENGTH) gotSnake = true;
      kb[d + z] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= (kf[d + z] as number)) {
        return { i1, i2, exactBefore: true, exactAfter: true };
      }
    }

    if (box.exact) continue;

    if (gotSnake && cost > EARLY_STOP_COST) {
      const early = earlyStop(s, box, { fmin, fmax, bmin, bmax, fmid, bmid }, cost);
      if (early !== null) return early;
    }
    if (cost >= s.costBound) return furthest(s, box, { fmin, fmax, bmin, bmax });
  }
}

interface Range {
  fmin: number;
  fmax: number;
  bmin: number;
  bmax: number;
}

/**
 * A path from either corner that went far (measured from its corner, less its distance from
 * the middle diagonal) and ends in a snake: the split, exact only on the side it came from.
 */
function earlyStop(
  s: Search,
  box: Box,
  range: Range & { fmid: number; bmid: number },
  cost: number,
): Split | null {
  const { a, b, forward: kf, backward: kb, shift: z } = s;
  const { off1, lim1, off2, lim2 } = box;
  let best = 0;
  let split: Split | null = null;
  for (let d = range.fmax; d >= range.fmin; d -= 2) {
    const dd = d > range.fmid ? d - range.fmid : range.fmid - d;
    const i1 = kf[d + z] as number;
    const i2 = i1 - d;
    const v = i1 - off1 + (i2 - off2) - dd;
    if (
      v > EARLY_STOP_FACTOR * cost &&
      v > best &&
      off1 + SNAKE_LENGTH <= i1 &&
      i1 < lim1 &&
      off2 + SNAKE_LENGTH <= i2 &&
      i2 < lim2
    ) {
      for (let k = 1; a[i1 - k] === b[i2 - k]; k++) {
        if (k === SNAKE_LENGTH) {
          best = v;
          split = { i1, i2, exactBefore: true, exactAfter: false };
          break;
        }
      }
    }
  }
  if (split !== null) return split;

  for (let d = range.bmax; d >= range.bmin; d -= 2) {
    const dd = d > range.bmid ? d - range.bmid : range.bmid - d;
    const i1 = kb[d + z] as number;
    const i2 = i1 - d;
    const v = lim1 - i1 + (lim2 - i2) - dd;
    if (
      v > EARLY_STOP_FACTOR * cost &&
      v > best &&
      off1 < i1 &&
      i1 <= lim1 - SNAKE_LENGTH &&
      off2 < i2 &&
      i2 <= lim2 - SNAKE_LENGTH
    ) {
      for (let k = 0; a[i1 + k] === b[i2 + k]; k++) {
        if (k === SNAKE_LENGTH - 1) {
          best = v;
          split = { i1, i2, exactBefore: false, exactAfter: true };
          break;
        }
      }
    }
  }
  return split;
}

/** The search cost too much: the path that got furthest, forward or backward. */
function furthest(s: Search, box: Box, range: Range): Split {
  const { forward: kf, backward: kb, shift: z } = s;
  const { off1, lim1, off2, lim2 } = box;
  let fbest = -1;
  let fbest1 = -1;
  for (let d = range.fmax; d >= range.fmin; d -= 2) {
    let i1 = Math.min(kf[d + z] as number, lim1);
    let i2 = i1 - d;
    if (lim2 < i2) {
      i1 = lim2 + d;
      i2 = lim2;
    }
    if (fbest < i1 + i2) {
      fbest = i1 + i2;
      fbest1 = i1;
    }
  }
  let bbest = FAR;
  let bbest1 = FAR;
  for (let d = range.bmax; d >= range.bmin; d -= 2) {
    let i1 = Math.max(off1, kb[d + z] as number);
    let i2 = i1 - d;
    if (i2 < off2) {
      i1 = off2 + d;
      i2 = off2;
    }
    if (i1 + i2 < bbest) {
      bbest = i1 + i2;
      bbest1 = i1;
    }
  }
  if (lim1 + lim2 - bbest < fbest - (off1 + off2)) {
    return { i1: fbest1, i2: fbest - fbest1, exactBefore: true, exactAfter: false };
  }
  return { i1: bbest1, i2: bbest - bbest1, exactBefore: false, exactAfter: true };
}
