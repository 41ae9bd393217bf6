/**
 * `helm package` of a chart directory, from its files' bytes: the archive `<name>-<version>.tgz`
 * with the chart under `<name>/`, its `.helmignore` honoured (Helm's rules, `helmignore.ts`), in
 * Helm's order: `Chart.yaml` first, written as Helm writes it from the metadata, then
 * `Chart.lock`, `values.yaml`, `values.schema.json`, the templates, the other files, and last
 * what `charts/` holds, each group in the order of Helm's walk (directory by directory, names
 * sorted). Files keep their bytes (a UTF-8 byte order mark dropped, as Helm's loader does);
 * dependencies in `charts/` stay as they are in the tree (archives as archives, directories
 * file by file), except the `_` and `.` entries Helm skips. The same files always give the same
 * bytes: `tar.ts` fixes every header field, and the gzip header carries no time or system. Pure.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { parseAllDocuments } from "yaml";
import { type ChartMetadata, helmChartYaml, readChartMetadata } from "./chart-metadata.js";
import { keptPaths, parseHelmignore } from "./helmignore.js";
import { tarArchive } from "./tar.js";

export interface PackagedChart {
  name: string;
  version: string;
  /** The asset's name: `<name>-<version>.tgz`. */
  fileName: string;
  metadata: ChartMetadata;
  /** The archive's paths, in order: `operator/Chart.yaml` first. */
  paths: string[];
  /** The uncompressed archive: what two packagings of the same chart agree on byte for byte. */
  tar: Buffer;
  tgz: Buffer;
  /** sha256 of the `.tgz`, hexadecimal: the index entry's `digest`. */
  digest: string;
}

export type Packaging = { ok: true; chart: PackagedChart } | { ok: false; error: string };

const BOM = [0xef, 0xbb, 0xbf];

/** Packages a chart from its files, keyed by their path relative to the chart's directory. */
export function packageChart(files: ReadonlyMap<string, Uint8Array>): Packaging {
  const bytes = new Map([...files].map(([path, data]) => [path, withoutBom(data)]));
  const ignoreFile = bytes.get(".helmignore");
  const ignore = parseHelmignore(ignoreFile ? utf8(ignoreFile) : null);
  if (!ignore.ok) return { ok: false, error: ignore.error };
  const kept = keptPaths(ignore.rules, [...bytes.keys()].sort(walkOrder));
  const chartYaml = kept.includes("Chart.yaml") ? bytes.get("Chart.yaml") : undefined;
  if (chartYaml === undefined) return { ok: false, error: "the chart has no Chart.yaml" };
  const read = readChartMetadata(utf8(chartYaml));
  if (!read.ok) return { ok: false, error: read.error };
  const { metadata } = read;
  const problem = contentProblem(bytes, kept);
  if (problem) return { ok: false, error: problem };

  const ordered = helmOrder(kept);
  const entries = ordered.map((path) => ({
    path: `${metadata.name}/${path}`,
    bytes:
      path === "Chart.yaml"
        ? Buffer.from(helmChartYaml(metadata))
        : (bytes.get(path) as Uint8Array),
  }));
  const tar = tarArchive(entries);
  const tgz = gzip(tar);
  return {
    ok: true,
    chart: {
      name: metadata.name,
      version: metadata.version,
      fileName: `${metadata.name}-${metadata.version}.tgz`,
      metadata,
      paths: entries.map((entry) => entry.path),
      tar,
      tgz,
      digest: createHash("sha256").update(tgz).digest("hex"),
    },
  };
}

/** What Helm refuses in a chart's files: `values.yaml` that is not YAML, a schema that is not JSON. */
function contentProblem(bytes: ReadonlyMap<string, Uint8Array>, kept: string[]): string | null {
  const values = kept.includes("values.yaml") ? bytes.get("values.yaml") : undefined;
  if (values !== undefined) {
    const broken = parseAllDocuments(utf8(values)).flatMap((doc) => doc.errors);
    const [first] = broken;
    if (first) return `values.yaml is not valid YAML: ${first.message}`;
  }
  const schema = kept.includes("values.schema.json") ? bytes.get("values.schema.json") : undefined;
  if (schema !== undefined) {
    try {
      JSON.parse(utf8(schema));
    } catch {
      return "values.schema.json is not valid JSON";
    }
  }
  return null;
}

const LEADING = ["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json"];

/**
 * Helm's order of a chart's files: the leading four, templates, other files (signatures of
 * dependencies, `charts/*.prov`, among them), then the dependencies; `charts/_*` and `charts/.*`
 * are left out as Helm leaves them.
 */
export function helmOrder(paths: readonly string[]): string[] {
  const sorted = [...paths].sort(walkOrder);
  const isDependency = (p: string) => p.startsWith("charts/") && !p.endsWith(".prov");
  const skipped = (p: string) => /^charts\/[_.]/.test(p);
  return [
    ...LEADING.filter((name) => sorted.includes(name)),
    ...sorted.filter((p) => p.startsWith("templates/")),
    ...sorted.filter(
      (p) => !LEADING.includes(p) && !p.startsWith("templates/") && !isDependency(p),
    ),
    ...sorted.filter((p) => isDependency(p) && !skipped(p)),
  ];
}

/** The order of Helm's walk: directory by directory, each one's names sorted byte-wise. */
export function walkOrder(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < x.length && i < y.length; i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return Buffer.compare(Buffer.from(p), Buffer.from(q));
  }
  return x.length - y.length;
}

/** gzip with no file name and no time, the system byte set to "unknown" (255) as Go's writer does. */
function gzip(bytes: Buffer): Buffer {
  const zipped = gzipSync(bytes, { level: 9 });
  zipped[9] = 255;
  return zipped;
}

function withoutBom(data: Uint8Array): Uint8Array {
  const bom = BOM.every((byte, i) => data[i] === byte);
  return bom ? data.subarray(BOM.length) : data;
}

function utf8(data: Uint8Array): string {
  return Buffer.from(data).toString("utf8");
}
