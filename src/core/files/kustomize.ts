/**
 * The operator image's tag in a kustomization.yaml: `images[].newTag` of the entry naming the
 * image, set with the same byte-preserving edit as Chart.yaml (comments, quoting, order kept).
 * Pure.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";
import { type EditResult, setYamlScalar } from "./yaml-scalar.js";

/** An `images[]` entry as written: its position and the keys that matter here. */
export interface KustomizeImage {
  index: number;
  name?: string;
  newName?: string;
  /** As written; an alias as `*name`. */
  newTag?: string;
  /** The line (from 1) of the `newTag` value. */
  newTagLine?: number;
}

/**
 * The `images[]` entries of a kustomization, or null when the text is not one YAML document
 * (the edit then says why). Entries that are not mappings are skipped.
 */
export function readKustomizeImages(text: string): KustomizeImage[] | null {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { uniqueKeys: false, lineCounter: lines });
  if (docs.length !== 1 || (docs[0]?.errors.length ?? 0) > 0) return null;
  const images = docs[0]?.get("images", true);
  if (!isSeq(images)) return [];
  const found: KustomizeImage[] = [];
  for (const [index, item] of images.items.entries()) {
    if (!isMap(item)) continue;
    const entry: KustomizeImage = { index };
    for (const key of ["name", "newName", "newTag"] as const) {
      const value = item.get(key, true);
      if (isAlias(value)) {
        // Written as an alias: kept as written, so the edit can say why it will not set it.
        entry[key] = `*${value.source}`;
      } else if (isScalar(value) && value.value !== null) {
        entry[key] = String(value.source ?? value.value);
        if (key === "newTag" && value.range) {
          entry.newTagLine = lines.linePos(value.range[0]).line;
        }
      }
    }
    found.push(entry);
  }
  return found;
}

/** Whether an entry is about `image`: it names it, or renames another image to it. */
export function namesImage(entry: KustomizeImage, image: string): boolean {
  return entry.name === image || entry.newName === image;
}

/** The `newTag` of every entry naming `image` that has one. */
export function readKustomizeTags(text: string, image: string): string[] {
  return (readKustomizeImages(text) ?? []).flatMap((entry) =>
    namesImage(entry, image) && entry.newTag !== undefined ? [entry.newTag] : [],
  );
}

/**
 * Sets `newTag` of every `images[]` entry naming `image` (by `name` or `newName`). Entries
 * without a `newTag` (`newName` or `digest` only) are left alone: they pin no tag. An image no
 * entry names, or named only by entries without a tag, is an error naming the file and the
 * images it does list.
 */
export function setKustomizeTag(
  text: string,
  image: string,
  value: string,
  file: string,
): EditResult {
  const entries = readKustomizeImages(text);
  // Not one valid document: the scalar edit words the reason (invalid YAML, several documents).
  if (entries === null) return setYamlScalar(text, ["images"], value, file);
  const named = entries.filter((entry) => namesImage(entry, image));
  const tagged = named.filter((entry) => entry.newTag !== undefined);
  if (tagged.length === 0) {
    const listed = entries.flatMap((entry) => (entry.name ? [`\`${entry.name}\``] : []));
    const reason =
      named.length > 0
        ? `its \`images\` entry for \`${image}\` sets no \`newTag\` (only \`newName\` or \`digest\`), so it pins no tag to set`
        : listed.length > 0
          ? `its \`images\` list has no entry named \`${image}\` (it lists ${listed.join(", ")})`
          : `it has no \`images\` list`;
    return { ok: false, code: "missing-key", error: `${file}: ${reason}.` };
  }
  let current = text;
  let previous: string | undefined;
  for (const entry of tagged) {
    const result = setYamlScalar(current, ["images", entry.index, "newTag"], value, file);
    if (!result.ok) return result;
    current = result.text;
    previous ??= result.previous;
  }
  return { ok: true, text: current, changed: current !== text, previous: previous as string };
}
