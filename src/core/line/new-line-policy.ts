/** Whether `/branch` may open a release line, given the lines that exist. Pure. */
import { formatLine, type ReleaseLine } from "../version/numbering.js";

/** Git, Helm and most tools read version numbers as 32-bit signed integers. */
const LARGEST_NUMBER = 2 ** 31 - 1;

export type NewLineDecision = { ok: true } | { ok: false; reason: string; forceable: boolean };

/**
 * A new line is the next minor of the newest existing line (`1.5` after `1.4`) or the first
 * minor of the next major (`2.0` after `1.5`). A line further ahead, or older than the newest,
 * is most likely a typo, which would publish a release: refused unless forced. Numbers past
 * 2^31 - 1 are refused even when forced.
 */
export function decideNewLine(
  line: ReleaseLine,
  existing: readonly ReleaseLine[],
  force: boolean,
): NewLineDecision {
  if (line.major > LARGEST_NUMBER || line.minor > LARGEST_NUMBER) {
    return {
      ok: false,
      forceable: false,
      reason: `${formatLine(line)} has a number past ${LARGEST_NUMBER}, which tools read as 32-bit integers cannot hold`,
    };
  }
  if (force || existing.length === 0) return { ok: true };
  const newest = existing.reduce((a, b) =>
    b.major > a.major || (b.major === a.major && b.minor > a.minor) ? b : a,
  );
  const nextMinor = line.major === newest.major && line.minor === newest.minor + 1;
  const nextMajor = line.major === newest.major + 1 && line.minor === 0;
  if (nextMinor || nextMajor) return { ok: true };
  const older =
    line.major < newest.major || (line.major === newest.major && line.minor < newest.minor);
  const expected = `${newest.major}.${newest.minor + 1}\` or \`${newest.major + 1}.0`;
  return {
    ok: false,
    forceable: true,
    reason: older
      ? `${formatLine(line)} is older than the newest release line, ${formatLine(newest)}`
      : `${formatLine(line)} is more than one step ahead of the newest release line, ${formatLine(newest)} (the next is \`${expected}\`)`,
  };
}
