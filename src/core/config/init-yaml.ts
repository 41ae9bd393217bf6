/**
 * The `.github/release-bot.yml` `release-bot init` writes: the planned keys, each entry under a
 * comment saying what was found there, and a header saying where it came from. Pure.
 */
import { Document, isMap, isNode, isScalar } from "yaml";
import type { RawConfig } from "../../config.js";
import type { InitNote } from "./init-plan.js";

/** `kustomize[1]` → `["kustomize", 1]`; `charts.dependencies` → `["charts", "dependencies"]`. */
function keyPath(key: string): Array<string | number> {
  return key
    .split(/\.|\[(\d+)\]/)
    .flatMap(
      (part, i): Array<string | number> =>
        part === undefined || part === "" ? [] : i % 2 === 1 ? [Number(part)] : [part],
    );
}

export function renderInitConfiguration(
  raw: RawConfig,
  notes: readonly InitNote[],
  header: readonly string[],
): string {
  const doc = new Document(raw);
  doc.commentBefore = header.map((line) => ` ${line}`).join("\n");
  const byKey = new Map<string, string[]>();
  for (const note of notes) byKey.set(note.key, [...(byKey.get(note.key) ?? []), note.why]);
  for (const [key, whys] of byKey) {
    const path = keyPath(key);
    const comment = whys.map((why) => ` ${why}`).join("\n");
    const last = path.at(-1);
    if (typeof last === "number") {
      // A list item: the comment goes above its first line.
      const item = doc.getIn(path, true);
      if (isNode(item)) item.commentBefore = comment;
      continue;
    }
    // A key: the comment goes above the key.
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) continue;
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair && isScalar(pair.key)) pair.key.commentBefore = comment;
  }
  return doc.toString({ lineWidth: 0 });
}
