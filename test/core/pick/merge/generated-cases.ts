/**
 * Three-way merge cases made from a seed, the same on every machine: a base of lines drawn from
 * a small alphabet (so lines repeat, as `}` and blank lines do in code), and two sides edited
 * from it. `scripts/merge-fixtures.ts` records what git makes of each; the tests compare.
 */

export interface GeneratedCase {
  name: string;
  base: string;
  ours: string;
  theirs: string;
}

/** What git made of a case: `git merge-file` (myers) or `git merge-tree` (histogram). */
export interface GitResult {
  name: string;
  algorithm: "myers" | "histogram";
  clean: boolean;
  /** `git merge-file`'s conflict count (its exit code); null for merge-tree, which gives none. */
  conflicts: number | null;
  /** sha1 of the merged text, conflict marker labels replaced by `ours` and `theirs`. */
  sha1: string;
}

const CODE_LINES = [
  "}\n",
  "{\n",
  "\n",
  "\treturn nil\n",
  "\tif err != nil {\n",
  "\t\treturn err\n",
  "// comment\n",
  "a\n",
  "b\n",
  "c\n",
  "---\n",
  "x\r\n",
];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

interface Shape {
  name: string;
  seed: number;
  lines: number;
  edits: number;
  /** Distinct numbered lines beside the code lines: more makes long runs of unique lines. */
  distinct: number;
  /** The last line without a line end. */
  openEnd?: boolean;
  /** Exactly `lines` lines and `edits` edits, not at most. */
  exact?: boolean;
}

/** The shapes: small ones in number, and a few large enough for git's shortcuts. */
export function caseShapes(): Shape[] {
  const shapes: Shape[] = [];
  for (let seed = 1; seed <= 120; seed++) {
    shapes.push({
      name: `small-${seed}`,
      seed,
      lines: 30,
      edits: 6,
      distinct: 0,
      openEnd: seed % 7 === 0,
    });
  }
  for (let seed = 1; seed <= 12; seed++) {
    shapes.push({
      name: `medium-${seed}`,
      seed: 1000 + seed,
      lines: 400,
      edits: 40,
      distinct: 200,
    });
  }
  // Edit costs beyond 256: the search stops at the furthest path.
  shapes.push({ name: "costly-1", seed: 7001, lines: 3000, edits: 700, distinct: 1500 });
  shapes.push({ name: "costly-2", seed: 7002, lines: 3000, edits: 700, distinct: 60 });
  // Past 65,536 lines in all the cost bound grows, and long snakes stop the search early.
  shapes.push({
    name: "early-stop",
    seed: 2,
    lines: 34000,
    edits: 600,
    distinct: 20000,
    exact: true,
  });
  return shapes;
}

export function generateCase(shape: Shape): GeneratedCase {
  const next = random(shape.seed);
  const pick = () => {
    const i = Math.floor(next() * (CODE_LINES.length + shape.distinct));
    return i < CODE_LINES.length ? (CODE_LINES[i] as string) : `line ${i}\n`;
  };
  const lines = (n: number) => Array.from({ length: n }, pick);
  const edit = (from: string[]) => {
    const out = [...from];
    const edits = shape.exact ? shape.edits : 1 + Math.floor(next() * shape.edits);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * (out.length + 1));
      const kind = next();
      if (kind < 0.4) out.splice(at, Math.floor(next() * 4), ...lines(Math.floor(next() * 4)));
      else if (kind < 0.7) out.splice(at, 0, ...lines(1 + Math.floor(next() * 5)));
      else out.splice(at, 1 + Math.floor(next() * 5));
    }
    return out;
  };
  const text = (from: string[]) => {
    const joined = from.join("");
    return shape.openEnd ? joined.replace(/\r?\n$/, "") : joined;
  };
  const base = lines(shape.exact ? shape.lines : Math.floor(next() * shape.lines));
  return { name: shape.name, base: text(base), ours: text(edit(base)), theirs: text(edit(base)) };
}
