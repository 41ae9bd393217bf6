/**
 * The check before a tag: the files of the tree about to be tagged, as read back from it, carry
 * the release's version in every field the configuration manages. Pure.
 */

import type { Config } from "../../config.js";
import type { VersionStrings } from "../version/spellings.js";
import { applyVersion } from "./apply.js";
import type { VersionFileTarget } from "./targets.js";

/**
 * Why the tree does not carry `strings`' version, one sentence per file; empty when it does.
 * A field carries the version exactly when setting it again would change no byte, so this holds
 * for every kind of field the bump knows (chart, badges, VERSION, values, patterns).
 */
export function versionNotCarried(
  config: Config,
  targets: readonly VersionFileTarget[],
  contents: ReadonlyMap<string, string>,
  strings: VersionStrings,
): string[] {
  if (targets.length === 0) return ["no file of the tree carries the version"];
  const applied = applyVersion(config, targets, contents, strings);
  if (!applied.ok) return applied.errors;
  return applied.changes.map((change) => {
    const before = change.previous.split(/\r?\n/);
    const after = change.content.split(/\r?\n/);
    let i = 0;
    while (before[i] === after[i]) i++;
    return `\`${change.path}\` line ${i + 1} reads \`${(before[i] ?? "").trim()}\`, not \`${(after[i] ?? "").trim()}\``;
  });
}
