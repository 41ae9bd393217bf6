/**
 * A chart's metadata as Helm loads it from `Chart.yaml` (helm/helm `pkg/chart/v2` `Metadata`):
 * the fields Helm knows and nothing else, their text "sanitized" as Helm's validation does
 * (white space becomes a space, unprintable characters go), a missing `apiVersion` read as `v1`,
 * and Helm's refusals (no name, a name with a `/`, no version or one that is not SemVer, a type
 * other than application or library) in Helm's words. `helm package` writes this, not the file's
 * bytes, as the archive's `Chart.yaml`, and `helm repo index` makes the index entry of it. Pure.
 */
import { parse } from "yaml";
import { HELM_READS_YAML, helmYaml } from "./helm-yaml.js";

export interface ChartMaintainer {
  name?: string;
  email?: string;
  url?: string;
}

/** A dependency; `name` and `repository` are written even when empty, as Helm does. */
export type ChartDependency = Record<string, unknown> & { name: string; repository: string };

/** Helm's `Metadata`, by its JSON names; absent fields are Helm's empty ones (omitted). */
export type ChartMetadata = Record<string, unknown> & {
  name: string;
  version: string;
  apiVersion: string;
};

export type ChartMetadataRead =
  | { ok: true; metadata: ChartMetadata }
  | { ok: false; error: string };

type Kind = "string" | "sanitized" | "strings" | "bool" | "annotations";

/** The fields of Helm's `Metadata` and how each is read. */
const FIELDS: Record<string, Kind> = {
  name: "sanitized",
  home: "sanitized",
  sources: "strings",
  version: "string",
  description: "sanitized",
  keywords: "strings",
  icon: "sanitized",
  apiVersion: "string",
  condition: "sanitized",
  tags: "sanitized",
  appVersion: "sanitized",
  deprecated: "bool",
  annotations: "annotations",
  kubeVersion: "sanitized",
  type: "string",
};

const DEPENDENCY_FIELDS: Record<string, Kind | "keep"> = {
  name: "sanitized",
  version: "sanitized",
  repository: "sanitized",
  condition: "sanitized",
  tags: "strings",
  enabled: "bool",
  "import-values": "keep",
  alias: "string",
  "depends-on": "strings",
};

/**
 * Masterminds/semver's `NewVersion`, which Helm checks chart versions with: a `v` and missing
 * minor or patch numbers allowed.
 */
const LOOSE_SEMVER =
  /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*))?(\.(0|[1-9]\d*))?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** Whether Helm accepts `version` as a chart version. */
export function isChartVersion(version: string): boolean {
  return LOOSE_SEMVER.test(version);
}

/** Reads `Chart.yaml` as Helm does, or says why Helm would refuse the chart. */
export function readChartMetadata(text: string): ChartMetadataRead {
  let raw: unknown;
  try {
    raw = parse(text, HELM_READS_YAML);
  } catch (error) {
    return { ok: false, error: `Chart.yaml is not valid YAML: ${(error as Error).message}` };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, error: "Chart.yaml is not a YAML mapping" };
  }
  const fields = raw as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  try {
    for (const [key, kind] of Object.entries(FIELDS)) {
      setField(metadata, key, kind, fields[key], key);
    }
    const maintainers = listOf(fields.maintainers, "maintainers").map((m, i) =>
      record(m, `maintainers[${i}]`, { name: "sanitized", email: "sanitized", url: "sanitized" }),
    );
    if (maintainers.length > 0) metadata.maintainers = maintainers;
    const dependencies = listOf(fields.dependencies, "dependencies").map((d, i) => ({
      name: "",
      repository: "",
      ...record(d, `dependencies[${i}]`, DEPENDENCY_FIELDS),
    }));
    if (dependencies.length > 0) metadata.dependencies = dependencies;
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  metadata.apiVersion ??= "v1";
  const refused = refusal(metadata);
  if (refused) return { ok: false, error: refused };
  return { ok: true, metadata: metadata as ChartMetadata };
}

/** Helm's validation of loaded metadata, in its words; null when it passes. */
function refusal(metadata: Record<string, unknown>): string | null {
  const name = metadata.name as string | undefined;
  const version = metadata.version as string | undefined;
  if (!name) return "chart.metadata.name is required";
  // Helm refuses a name that is not its own base name; `..` would also leave the archive's root.
  if (name.includes("/") || name === "..") {
    return `chart.metadata.name "${name}" is invalid`;
  }
  if (!version) return "chart.metadata.version is required";
  if (!isChartVersion(version)) return `chart.metadata.version "${version}" is invalid`;
  const type = metadata.type as string | undefined;
  if (type !== undefined && type !== "application" && type !== "library") {
    return "chart.metadata.type must be application or library";
  }
  return dependencyRefusal(metadata.dependencies as Array<Record<string, unknown>> | undefined);
}

/** Helm's checks of a chart's dependencies: an alias of safe characters, no name or alias twice. */
function dependencyRefusal(
  dependencies: ReadonlyArray<Record<string, unknown>> = [],
): string | null {
  const seen = new Set<string>();
  for (const dependency of dependencies) {
    const name = String(dependency.name);
    const alias = dependency.alias as string | undefined;
    if (alias !== undefined && !/^[a-zA-Z0-9_-]+$/.test(alias)) {
      return `dependency "${name}" has disallowed characters in the alias`;
    }
    const key = alias ?? name;
    if (seen.has(key)) return `more than one dependency with name or alias "${key}"`;
    seen.add(key);
  }
  return null;
}

/** `Chart.yaml` as `helm package` writes it into the archive (v1 charts without dependencies). */
export function helmChartYaml(metadata: ChartMetadata): string {
  if (metadata.apiVersion !== "v1") return helmYaml(metadata);
  const { dependencies: _dropped, ...rest } = metadata;
  return helmYaml(rest);
}

function setField(
  target: Record<string, unknown>,
  key: string,
  kind: Kind | "keep",
  value: unknown,
  where: string,
): void {
  const read = readValue(kind, value, where);
  if (read !== undefined) target[key] = read;
}

function readValue(kind: Kind | "keep", value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (kind) {
    case "keep":
      return value;
    case "bool":
      if (typeof value !== "boolean") throw new Error(`${where} must be true or false`);
      return value || undefined;
    case "strings": {
      const items = listOf(value, where).map((item, i) => sanitize(text(item, `${where}[${i}]`)));
      return items.length > 0 ? items : undefined;
    }
    case "annotations": {
      if (typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`${where} must be a mapping of strings`);
      }
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([k, v]) => [k, text(v, `${where}.${k}`)] as const,
      );
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    case "string":
    case "sanitized": {
      const read = text(value, where);
      const clean = kind === "sanitized" ? sanitize(read) : read;
      return clean === "" ? undefined : clean;
    }
  }
}

function record(
  value: unknown,
  where: string,
  fields: Record<string, Kind | "keep">,
): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${where} must be a mapping`);
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(fields)) {
    setField(out, key, kind, source[key], `${where}.${key}`);
  }
  return out;
}

function listOf(value: unknown, where: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${where} must be a list`);
  return value;
}

/** A scalar as the text Helm's loader makes of it (`version: 1.10` is `1.1`, as in Helm). */
function text(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "";
  throw new Error(`${where} must be a string`);
}

/** Helm's `sanitizeString`: white space becomes a space; unprintable characters go. */
export function sanitize(value: string): string {
  return value.replace(/\s/gu, " ").replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu, "");
}
