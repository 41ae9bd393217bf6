/**
 * A Helm repository's `index.yaml`, updated the way `helm repo index --merge` updates it: each
 * chart version gets an entry (its metadata, `created`, `digest`, `urls`), a chart's entries stay
 * newest first, `generated` is the time of the update, and an entry already there for the same
 * name and version is kept as it is (the first one written wins, so a redelivery or a second
 * replica changes nothing). The rest of the file keeps its bytes: the new entries are inserted as
 * text where they belong and the result is read back; only when that reading differs from the
 * intended index (a layout the insertion does not understand) is the file written anew, in
 * Helm's own layout. Pure.
 */
import { type Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import type { ChartMetadata } from "./chart-metadata.js";
import { compareChartVersions } from "./chart-version-order.js";
import { HELM_READS_YAML, helmYaml, naturalKeyOrder } from "./helm-yaml.js";

/** What one chart version's entry says besides its metadata. */
export interface IndexEntry {
  metadata: ChartMetadata;
  /** sha256 of the `.tgz`, hexadecimal. */
  digest: string;
  /** Where the `.tgz` is downloaded: the release asset's address. */
  url: string;
  /** When the entry was made, RFC 3339 (`rfc3339(ms)`). */
  created: string;
}

/** An entry found already in the index for a chart version the bot publishes. */
export interface KeptEntry {
  name: string;
  version: string;
  /** Its digest is the one of the chart the bot packaged. */
  sameDigest: boolean;
}

export type IndexUpdate =
  | {
      ok: true;
      /** The new file, or null when every entry was there already. */
      text: string | null;
      added: string[];
      kept: KeptEntry[];
      /** The file was written anew in Helm's layout (its own could not take the insertion). */
      rewritten: boolean;
    }
  | { ok: false; error: string };

/** The fields of an entry as Helm's `ChartVersion` has them (the metadata inline). */
export function entryFields(entry: IndexEntry): Record<string, unknown> {
  return { ...entry.metadata, created: entry.created, digest: entry.digest, urls: [entry.url] };
}

/** A time as Go writes it (RFC 3339, fraction without trailing zeros): `2025-07-22T05:53:33.469Z`. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, "Z");
}

type Index = { entries: Record<string, Array<Record<string, unknown>>> } & Record<string, unknown>;

/** Adds the entries to the index (null: there is none yet), `generated` set when anything is added. */
export function addToIndex(
  current: string | null,
  entries: readonly IndexEntry[],
  generated: string,
): IndexUpdate {
  const read = current === null ? { ok: true as const, index: emptyIndex() } : readIndex(current);
  if (!read.ok) return read;
  const expected = structuredClone(read.index);
  const added: string[] = [];
  const kept: KeptEntry[] = [];
  let text = current;
  for (const entry of entries) {
    const { name, version } = entry.metadata;
    const versions = expected.entries[name] ?? [];
    const found = versions.find((item) => String(item.version) === version);
    if (found) {
      kept.push({ name, version, sameDigest: found.digest === entry.digest });
      continue;
    }
    const at = insertionIndex(versions, version);
    versions.splice(at, 0, entryFields(entry));
    expected.entries[name] = versions;
    added.push(`${name}-${version}`);
    text = text === null ? null : insertEntry(text, entry, at);
  }
  if (added.length === 0) return { ok: true, text: null, added, kept, rewritten: false };
  expected.generated = generated;
  if (text !== null) text = setGenerated(text, generated);
  if (text !== null && sameIndex(text, expected)) {
    return { ok: true, text, added, kept, rewritten: false };
  }
  return { ok: true, text: helmYaml(expected), added, kept, rewritten: current !== null };
}

function emptyIndex(): Index {
  return { apiVersion: "v1", entries: {} };
}

/** The index as data, or why it is not a Helm repository index. */
export function readIndex(text: string): { ok: true; index: Index } | { ok: false; error: string } {
  const doc = parseDocument(text, HELM_READS_YAML);
  const [error] = doc.errors;
  if (error) return { ok: false, error: `it is not valid YAML: ${error.message}` };
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, error: "it is not a YAML mapping" };
  }
  const index = data as Record<string, unknown>;
  if (!index.apiVersion) return { ok: false, error: "it has no `apiVersion`" };
  const entries = index.entries ?? {};
  if (typeof entries !== "object" || Array.isArray(entries)) {
    return { ok: false, error: "its `entries` is not a mapping of charts" };
  }
  for (const [name, versions] of Object.entries(entries as Record<string, unknown>)) {
    const list = versions ?? [];
    if (!Array.isArray(list) || list.some((v) => v === null || typeof v !== "object")) {
      return { ok: false, error: `its entries of \`${name}\` are not a list of chart versions` };
    }
  }
  return { ok: true, index: { ...index, entries: entries as Index["entries"] } };
}

/** Where a version goes among a chart's entries: before the first older one. */
function insertionIndex(versions: ReadonlyArray<Record<string, unknown>>, version: string): number {
  const at = versions.findIndex((item) => compareChartVersions(String(item.version), version) < 0);
  return at === -1 ? versions.length : at;
}

/** The text with the entry inserted as item `at` of its chart's list; null when it cannot tell where. */
function insertEntry(text: string, entry: IndexEntry, at: number): string | null {
  const doc = parseDocument(text, HELM_READS_YAML);
  const entries = blockMapAt(doc, "entries");
  if (entries === null) return null;
  const name = entry.metadata.name;
  const chart = entries.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === name);
  const fields = entryFields(entry);
  if (chart) {
    if (!isSeq(chart.value) || chart.value.flow || chart.value.items.length === 0) return null;
    const items = chart.value.items;
    const first = items[0] as { range?: [number, number, number] };
    const dash = dashColumn(text, first.range?.[0]);
    if (dash === null) return null;
    const block = indent(helmYaml([fields]), dash);
    const before = items[at] as { range?: [number, number, number] } | undefined;
    if (before?.range) return insertAt(text, lineStart(text, before.range[0]), block);
    const last = items[items.length - 1] as { range?: [number, number, number] };
    return last.range ? insertAt(text, last.range[1], block) : null;
  }
  const keys = entries.items.map((pair) => pair.key);
  const firstKey = keys[0] as { range?: [number, number, number] } | undefined;
  if (!firstKey?.range) return null;
  const column = firstKey.range[0] - lineStart(text, firstKey.range[0]);
  const block = indent(helmYaml({ [name]: [fields] }), column);
  const next = entries.items.find(
    (pair) => isScalar(pair.key) && naturalKeyOrder(String(pair.key.value), name) > 0,
  );
  const nextKey = next?.key as { range?: [number, number, number] } | undefined;
  if (nextKey?.range) return insertAt(text, lineStart(text, nextKey.range[0]), block);
  return entries.range ? insertAt(text, entries.range[1], block) : null;
}

/** The block mapping under a top-level key, with at least one entry; null otherwise. */
function blockMapAt(doc: Document, key: string): YAMLMap | null {
  const root = doc.contents;
  if (!isMap(root)) return null;
  const value = root.get(key, true);
  return isMap(value) && !value.flow && value.items.length > 0 ? value : null;
}

/** The column of the `- ` that starts the item whose content begins at `offset`. */
function dashColumn(text: string, offset: number | undefined): number | null {
  if (offset === undefined) return null;
  const start = lineStart(text, offset);
  const lead = /^( *)- +$/.exec(text.slice(start, offset));
  return lead ? (lead[1] as string).length : null;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function insertAt(text: string, offset: number, block: string): string {
  const newline = offset > 0 && text[offset - 1] !== "\n" ? "\n" : "";
  return `${text.slice(0, offset)}${newline}${block}${text.slice(offset)}`;
}

function indent(block: string, columns: number): string {
  const pad = " ".repeat(columns);
  return block.replace(/^(?=.)/gm, pad);
}

/** `generated` set to the time, in Helm's quotes; added at the end when the file has none. */
function setGenerated(text: string, generated: string): string | null {
  const doc = parseDocument(text, HELM_READS_YAML);
  if (!isMap(doc.contents) || doc.contents.flow) return null;
  const node = doc.contents.get("generated", true);
  const quoted = JSON.stringify(generated);
  if (node === undefined) return insertAt(text, text.length, `generated: ${quoted}\n`);
  if (!isScalar(node) || !node.range) return null;
  return `${text.slice(0, node.range[0])}${quoted}${text.slice(node.range[1])}`;
}

/** Whether the text reads as the intended index (key order aside). */
function sameIndex(text: string, expected: Index): boolean {
  const read = readIndex(text);
  return read.ok && canonical(read.index) === canonical(expected);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}
