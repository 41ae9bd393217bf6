/**
 * Did-you-mean for a slash command release-bot does not know: a small edit distance (a swap of
 * two letters counts as one) or the beginning of a name (`/cherry`, `/rel`).
 */

import { KNOWN_COMMANDS, type KnownName } from "./names.js";

/** The command a mistyped name most likely meant. */
export function suggestCommand(name: string): KnownName | undefined {
  const near = nearestWithin(name, KNOWN_COMMANDS.keys());
  if (near !== undefined) return KNOWN_COMMANDS.get(near);
  if (name.length < 2) return undefined;
  for (const [alias, known] of KNOWN_COMMANDS) if (alias.startsWith(name)) return known;
  return undefined;
}

/** The closest candidate within its allowed distance: 1 for names of up to 4 letters, else 2. */
function nearestWithin(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const allowed = candidate.length <= 4 ? 1 : 2;
    const d = editDistance(name, candidate);
    if (d <= allowed && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      // In the first row or column `a[i - 2]` or `b[j - 2]` is undefined: no swap there.
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] as number) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}
