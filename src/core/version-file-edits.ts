/** The edits of a VERSION file and of a `files[]` pattern target, on one file's text. Pure. */

import { CONFIG_PATH } from "../config.js";
import type { VersionFileTarget } from "./version-file-targets.js";

/** A VERSION file holds only the version: keep a BOM, surrounding blank space and the final newline. */
export function setVersionFile(
  text: string,
  value: string,
  target: VersionFileTarget,
  errors: string[],
): string | undefined {
  const match = /^(\uFEFF?\s*)(.*?)(\s*)$/s.exec(text);
  const body = match?.[2] ?? "";
  if (/[\r\n]/.test(body)) {
    errors.push(
      `${target.path} holds more than one line; \`versionFile\` expects only the version (use \`files\` with a pattern for other layouts)`,
    );
    return undefined;
  }
  return `${match?.[1] ?? ""}${value}${match?.[3] ?? ""}`;
}

/** Replaces capture group 1 of every match; `^` and `$` match at line boundaries. */
export function replacePattern(
  text: string,
  value: string,
  target: VersionFileTarget,
  errors: string[],
): string | undefined {
  const where = `\`${target.setting}.pattern\` in ${CONFIG_PATH}`;
  let regex: RegExp;
  try {
    regex = new RegExp(target.pattern ?? "", "dgm");
  } catch (error) {
    errors.push(
      `${target.path}: ${where} is not a valid regular expression (${(error as Error).message})`,
    );
    return undefined;
  }
  let next = "";
  let last = 0;
  let count = 0;
  for (const match of text.matchAll(regex)) {
    const group = match.indices?.[1];
    if (!group) continue;
    next += text.slice(last, group[0]) + value;
    last = group[1];
    count++;
  }
  if (count === 0) {
    errors.push(`${target.path} has no match for /${target.pattern}/ (${where})`);
    return undefined;
  }
  return next + text.slice(last);
}
