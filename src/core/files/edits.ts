/** The edits of a VERSION file and of a `files[]` pattern target, on one file's text. Pure. */

import { CONFIG_PATH } from "../config/path.js";
import type { VersionFileTarget } from "./targets.js";

/** A VERSION file holds only the version: keep a BOM, surrounding blank space and the final newline. */
export function setVersionFile(
  text: string,
  value: string,
  target: VersionFileTarget,
  errors: string[],
): string | undefined {
  // Every part is optional, so any text matches.
  const [, before, body, after] = /^(\uFEFF?\s*)(.*?)(\s*)$/s.exec(text) as unknown as [
    string,
    string,
    string,
    string,
  ];
  if (/[\r\n]/.test(body)) {
    errors.push(
      `${target.path} holds more than one line; \`versionFile\` expects only the version (use \`files\` with a pattern for other layouts)`,
    );
    return undefined;
  }
  return `${before}${value}${after}`;
}

/** Replaces capture group 1 of every match; `^` and `$` match at line boundaries. */
export function replacePattern(
  text: string,
  value: string,
  target: VersionFileTarget,
  errors: string[],
): string | undefined {
  const where = `\`${target.setting}.pattern\` in ${CONFIG_PATH}`;
  // Pattern targets always carry their pattern (the configuration requires it).
  const pattern = target.pattern as string;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "dgm");
  } catch (error) {
    errors.push(
      `${target.path}: ${where} is not a valid regular expression (${(error as Error).message})`,
    );
    return undefined;
  }
  let next = "";
  let last = 0;
  let replaced = false;
  for (const match of text.matchAll(regex)) {
    // The `d` flag gives the indices; group 1 has none when it took no part in this match.
    const group = (match.indices as RegExpIndicesArray)[1];
    if (group === undefined) continue;
    next += text.slice(last, group[0]) + value;
    last = group[1];
    replaced = true;
  }
  if (!replaced) {
    errors.push(`${target.path} has no match for /${pattern}/ (${where})`);
    return undefined;
  }
  return next + text.slice(last);
}
