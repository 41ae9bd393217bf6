/**
 * Git's three-way merge of one text file (xdiff's `xdl_merge`), byte for byte: the same
 * verdict (clean, or how many conflicts), the same merged text, and conflicts written with
 * git's markers. Pure.
 *
 * Both sides are diffed against the base; changes that do not touch are taken, changes that
 * touch are a conflict unless identical. Then, as git's "zealous" level does, each conflict is
 * narrowed to the lines where the two sides really differ (a diff of one side's lines against
 * the other's), and conflicts at most three lines apart become one (at the "alnum" level of
 * `git merge-file`, also conflicts separated only by lines without a letter or digit).
 *
 * Git 2.39 `xdiff/xmerge.c`. `git merge-file` uses the Myers diff and the alnum level;
 * merge-ort (`git cherry-pick`, `git merge-tree`, GitHub's merges) the histogram diff and
 * the zealous level.
 */
import { type Change, type DiffAlgorithm, diffLines } from "./diff.js";
import { classify, splitLines } from "./lines.js";

export interface MergeOptions {
  algorithm: DiffAlgorithm;
  /** `zealous`: merge-ort's; `alnum`: `git merge-file`'s. */
  level: "zealous" | "alnum";
  /** After `<<<<<<< ` (our side) and `>>>>>>> ` (their side). */
  ours: string;
  theirs: string;
}

/** How git merges for a cherry-pick (merge-ort), with the given marker labels. */
export const pickOptions = (ours: string, theirs: string): MergeOptions => ({
  algorithm: "histogram",
  level: "zealous",
  ours,
  theirs,
});

/** A conflict of the merged text: where it is in the result and in each version (0-based lines). */
export interface ConflictHunk {
  /** The `<<<<<<<` line and the `>>>>>>>` line of the result, 1-based. */
  resultStart: number;
  resultEnd: number;
  /** The lines of our side in conflict (0-based start, count). */
  ours: { at: number; count: number };
  /** The lines of their side in conflict. */
  theirs: { at: number; count: number };
}

export interface MergeResult {
  clean: boolean;
  /** The merged text; with conflicts, conflict markers around each. */
  text: string;
  conflicts: ConflictHunk[];
}

const MARKER_SIZE = 7;

/** Merges `ours` and `theirs`, both changed from `base`. */
export function mergeTexts(
  base: string,
  ours: string,
  theirs: string,
  options: MergeOptions,
): MergeResult {
  const lines = { base: splitLines(base), ours: splitLines(ours), theirs: splitLines(theirs) };
  const [b, o, t] = classify(lines.base, lines.ours, lines.theirs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const changes1 = diffLines(b, o, options.algorithm);
  const changes2 = diffLines(b, t, options.algorithm);
  if (changes1.length === 0) return { clean: true, text: theirs, conflicts: [] };
  if (changes2.length === 0) return { clean: true, text: ours, conflicts: [] };
  const hunks = combine(changes1, changes2, { base: b, ours: o, theirs: t });
  refine(hunks, o, t, options.algorithm);
  joinNearConflicts(hunks, lines.ours, options.level === "alnum");
  return write(hunks, lines, options);
}

/** 0: conflict; 1: take ours; 2: take theirs; 4: a conflict whose two sides are the same. */
type Mode = 0 | 1 | 2 | 4;

/**
 * A stretch of the merge: base lines `at0..+count0` became ours `at1..+count1` and theirs
 * `at2..+count2`.
 */
interface Hunk {
  mode: Mode;
  at0: number;
  count0: number;
  at1: number;
  count1: number;
  at2: number;
  count2: number;
}

/** Walks both sides' changes in base order: apart, each is taken; touching, a conflict. */
function combine(
  changes1: readonly Change[],
  changes2: readonly Change[],
  texts: { base: Int32Array; ours: Int32Array; theirs: Int32Array },
): Hunk[] {
  const { ours, theirs } = texts;
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let x1 = changes1[0];
  let x2 = changes2[0];
  while (x1 !== undefined && x2 !== undefined) {
    if (x1.at1 + x1.count1 < x2.at1) {
      append(hunks, 1, x1.at1, x1.count1, x1.at2, x1.count2, x2.at2 - x2.at1 + x1.at1, x1.count1);
      x1 = changes1[++i];
      continue;
    }
    if (x2.at1 + x2.count1 < x1.at1) {
      append(hunks, 2, x2.at1, x2.count1, x1.at2 - x1.at1 + x2.at1, x2.count1, x2.at2, x2.count2);
      x2 = changes2[++j];
      continue;
    }
    if (
      x1.at1 !== x2.at1 ||
      x1.count1 !== x2.count1 ||
      x1.count2 !== x2.count2 ||
      !sameLines(ours, x1.at2, theirs, x2.at2, x1.count2)
    ) {
      const off = x1.at1 - x2.at1;
      const ffo = off + x1.count1 - x2.count1;
      let at0 = x1.at1;
      let at1 = x1.at2;
      let at2 = x2.at2;
      if (off > 0) {
        at0 -= off;
        at1 -= off;
      } else {
        at2 += off;
      }
      let count0 = x1.at1 + x1.count1 - at0;
      let count1 = x1.at2 + x1.count2 - at1;
      let count2 = x2.at2 + x2.count2 - at2;
      if (ffo < 0) {
        count0 -= ffo;
        count1 -= ffo;
      } else {
        count2 += ffo;
      }
      append(hunks, 0, at0, count0, at1, count1, at2, count2);
    }
    const end1 = x1.at1 + x1.count1;
    const end2 = x2.at1 + x2.count1;
    if (end1 >= end2) x2 = changes2[++j];
    if (end2 >= end1) x1 = changes1[++i];
  }
  // Past the other side's last change, its lines keep their offset from the base.
  const ourShift = ours.length - texts.base.length;
  const theirShift = theirs.length - texts.base.length;
  for (; x1 !== undefined; x1 = changes1[++i]) {
    append(hunks, 1, x1.at1, x1.count1, x1.at2, x1.count2, x1.at1 + theirShift, x1.count1);
  }
  for (; x2 !== undefined; x2 = changes2[++j]) {
    append(hunks, 2, x2.at1, x2.count1, x2.at1 + ourShift, x2.count1, x2.at2, x2.count2);
  }
  return hunks;
}

/** Adds a stretch, or widens the last one when they overlap (a conflict unless of one side). */
function append(
  hunks: Hunk[],
  mode: Mode,
  at0: number,
  count0: number,
  at1: number,
  count1: number,
  at2: number,
  count2: number,
): void {
  const last = hunks.at(-1);
  if (last && (at1 <= last.at1 + last.count1 || at2 <= last.at2 + last.count2)) {
    if (mode !== last.mode) last.mode = 0;
    last.count0 = at0 + count0 - last.at0;
    last.count1 = at1 + count1 - last.at1;
    last.count2 = at2 + count2 - last.at2;
    return;
  }
  hunks.push({ mode, at0, count0, at1, count1, at2, count2 });
}

function sameLines(a: Int32Array, atA: number, b: Int32Array, atB: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (a[atA + k] !== b[atB + k]) return false;
  return true;
}

/**
 * Narrows each conflict to the lines where the two sides differ: a conflict whose sides are the
 * same is none, and one of several differences becomes several conflicts.
 */
function refine(hunks: Hunk[], ours: Int32Array, theirs: Int32Array, algorithm: DiffAlgorithm) {
  for (let k = 0; k < hunks.length; k++) {
    const hunk = hunks[k] as Hunk;
    if (hunk.mode !== 0 || hunk.count1 === 0 || hunk.count2 === 0) continue;
    const changes = diffLines(
      ours.subarray(hunk.at1, hunk.at1 + hunk.count1),
      theirs.subarray(hunk.at2, hunk.at2 + hunk.count2),
      algorithm,
    );
    if (changes.length === 0) {
      hunk.mode = 4;
      continue;
    }
    const narrowed = changes.map(
      (c): Hunk => ({
        mode: 0,
        at0: hunk.at0,
        count0: hunk.count0,
        at1: hunk.at1 + c.at1,
        count1: c.count1,
        at2: hunk.at2 + c.at2,
        count2: c.count2,
      }),
    );
    hunks.splice(k, 1, ...narrowed);
    k += narrowed.length - 1;
  }
}

const ALNUM = /[A-Za-z0-9]/;

/** Conflicts at most three of our lines apart (or only lines without letters or digits) become one. */
function joinNearConflicts(hunks: Hunk[], ours: readonly string[], alnum: boolean): void {
  for (let k = 0; k + 1 < hunks.length; ) {
    const hunk = hunks[k] as Hunk;
    const next = hunks[k + 1] as Hunk;
    const begin = hunk.at1 + hunk.count1;
    const end = next.at1;
    const between = ours.slice(begin, end);
    const apart =
      hunk.mode !== 0 ||
      next.mode !== 0 ||
      (end - begin > 3 && (!alnum || between.some((line) => ALNUM.test(line))));
    if (apart) {
      k++;
      continue;
    }
    hunk.count1 = next.at1 + next.count1 - hunk.at1;
    hunk.count2 = next.at2 + next.count2 - hunk.at2;
    hunks.splice(k + 1, 1);
  }
}

/** The merged text: our lines between stretches, each stretch as its mode says. */
function write(
  hunks: readonly Hunk[],
  lines: { base: string[]; ours: string[]; theirs: string[] },
  options: MergeOptions,
): MergeResult {
  const out: string[] = [];
  const conflicts: ConflictHunk[] = [];
  let newlines = 0;
  const emit = (text: string) => {
    out.push(text);
    for (let p = text.indexOf("\n"); p >= 0; p = text.indexOf("\n", p + 1)) newlines++;
  };
  const copy = (from: string[], at: number, count: number, lineEnd: string | null) => {
    if (count < 1) return;
    const chunk = from.slice(at, at + count).join("");
    emit(lineEnd !== null && !chunk.endsWith("\n") ? `${chunk}${lineEnd}` : chunk);
  };
  let i = 0;
  for (const hunk of hunks) {
    if (hunk.mode === 4) continue;
    copy(lines.ours, i, hunk.at1 - i, null);
    const eol = needsCr(lines, hunk) ? "\r\n" : "\n";
    if (hunk.mode === 0) {
      const resultStart = newlines + 1;
      emit(`${"<".repeat(MARKER_SIZE)} ${options.ours}${eol}`);
      copy(lines.ours, hunk.at1, hunk.count1, eol);
      emit(`${"=".repeat(MARKER_SIZE)}${eol}`);
      copy(lines.theirs, hunk.at2, hunk.count2, eol);
      emit(`${">".repeat(MARKER_SIZE)} ${options.theirs}${eol}`);
      conflicts.push({
        resultStart,
        resultEnd: newlines,
        ours: { at: hunk.at1, count: hunk.count1 },
        theirs: { at: hunk.at2, count: hunk.count2 },
      });
    } else if (hunk.mode === 1) {
      copy(lines.ours, hunk.at1, hunk.count1, null);
    } else {
      copy(lines.theirs, hunk.at2, hunk.count2, null);
    }
    i = hunk.at1 + hunk.count1;
  }
  copy(lines.ours, i, lines.ours.length - i, null);
  return { clean: conflicts.length === 0, text: out.join(""), conflicts };
}

/**
 * Whether a conflict's markers end in CRLF: when the lines before it on both sides do (or
 * cannot tell), and the base's first line does (or cannot tell), as git decides.
 */
function needsCr(lines: { base: string[]; ours: string[]; theirs: string[] }, hunk: Hunk): boolean {
  let crlf = endsInCrlf(lines.ours, hunk.at1 ? hunk.at1 - 1 : 0);
  if (crlf !== 0) crlf = endsInCrlf(lines.theirs, hunk.at2 ? hunk.at2 - 1 : 0);
  if (crlf !== 0) crlf = endsInCrlf(lines.base, 0);
  return crlf === 1;
}

/** 1: line `i` ends in CRLF (the one before it when it has no line end), 0: in LF, -1: unknown. */
function endsInCrlf(lines: readonly string[], i: number): 1 | 0 | -1 {
  const crlf = (line: string | undefined) => (line?.endsWith("\r\n") ? 1 : 0);
  if (i < lines.length - 1) return crlf(lines[i]);
  if (lines.length === 0) return -1;
  if ((lines[i] as string).endsWith("\n")) return crlf(lines[i]);
  if (i === 0) return -1;
  return crlf(lines[i - 1]);
}
