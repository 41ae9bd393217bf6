/**
 * Where a release lives besides what the configuration manages: every line of the files read
 * that still carries the previous version in one of its spellings, or the operator's image by
 * name with a version tag that is not the release's (a place that had drifted already). Pure;
 * the flows give it the files they read, managed ones as the bump leaves them, so a managed
 * place is found only when the bump did not set it.
 */
import picomatch from "picomatch";
import type { Config } from "../../config.js";
import { escapeRegExp } from "../text/regexp.js";
import { renderFormat, type VersionStrings, versionStrings } from "../version/spellings.js";
import { readKustomizeImages } from "./kustomize.js";
import { classifyPlace, type PlaceKind } from "./place-kinds.js";
import { shieldsMessage } from "./readme-badges.js";
import { readYamlString } from "./yaml-scalar.js";

export interface PlaceSearch {
  /** The text of every file searched: managed files as the bump leaves them. */
  files: ReadonlyMap<string, string>;
  /** The SemVer versions the release replaces (what the managed fields said before). */
  previous: readonly string[];
  /** The release: a place that carries it in any spelling is up to date. */
  current: VersionStrings;
  /** The operator image's names without tag (`ghcr.io/kubeflow/spark-operator/controller`). */
  images: readonly string[];
}

/** A line that carries a version of the release outside what the configuration sets. */
export interface VersionPlace {
  path: string;
  /** From 1. */
  line: number;
  /** The version text as written there: `v2.5.0-rc.0`, `2.5.0rc0`, `2.5.0--rc.0`. */
  found: string;
  kind: PlaceKind;
  /** Found as the previous version, or as the tag of a reference to the operator's image. */
  via: "previous-version" | "image";
  /** The format that writes `found` for its version (`{tag}`, `{pep440}`…), when one does. */
  format: string | null;
  /** The SemVer version `found` spells, when known. */
  version: string | null;
}

export interface PlaceReport {
  places: VersionPlace[];
  /** Places left out because `versionPlaces.ignore` lists their file. */
  ignored: number;
}

/** A tag that names a version: digits, a dot, digits somewhere in it. */
const VERSION_LIKE = /\d+\.\d+/;

/**
 * Finds the places. Spellings of a previous version: SemVer (`2.5.0-rc.0`), with `v`, the tag
 * and image formats of the configuration, the helm-docs badge (`2.5.0--rc.0`) and PEP 440
 * (`2.5.0rc0`); a match inside a longer version (`12.5.0`, `2.5.0.1`, `2.5.0-rc.1` for `2.5.0`)
 * is not one. Image references: `<registry>/<name>:<tag>`, a Kustomize `images[]` entry naming
 * the image with its `newTag`, and a values file's `tag:` beside `repository: <name>`.
 */
export function findVersionPlaces(
  config: Pick<Config, "tags" | "image" | "versionPlaces">,
  search: PlaceSearch,
): PlaceReport {
  const currentSpellings = spellings(config, search.current.version);
  const previous = [...new Set(search.previous)].filter((v) => v !== search.current.version);
  const known = new Map<string, { format: string | null; version: string }>();
  for (const version of previous) {
    for (const [text, format] of spellings(config, version)) {
      if (!known.has(text) && !currentSpellings.has(text)) known.set(text, { format, version });
    }
  }
  const previousPattern = alternation([...known.keys()]);
  const imageForms = [...new Set(search.images.flatMap(imageFormsOf))];
  const imagePattern = alternation(imageForms);
  const ignore = config.versionPlaces.ignore.map((glob) => glob.replace(/^(?:\.\/|\/)+/, ""));
  const isIgnored = ignore.length > 0 ? picomatch(ignore, { dot: true }) : () => false;
  const versionAt = previousPattern
    ? new RegExp(
        `(?<![\\w.+])(?:${previousPattern})(?![\\w+]|\\.\\d|-{1,2}(?:rc|alpha|beta|dev|pre|snapshot|\\d))`,
        "g",
      )
    : null;
  const imageAt = imagePattern
    ? new RegExp(
        `(?<![\\w./-])(?:[\\w-]+(?:\\.[\\w-]+)+(?::\\d+)?/|localhost(?::\\d+)?/)?(?:${imagePattern}):([\\w][\\w.-]{0,127})`,
        "g",
      )
    : null;

  const places: VersionPlace[] = [];
  let ignored = 0;
  const seen = new Set<string>();
  const add = (place: Omit<VersionPlace, "kind">, lineText: string) => {
    const key = `${place.path}\0${place.line}\0${place.found}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (isIgnored(place.path)) {
      ignored++;
      return;
    }
    places.push({ ...place, kind: classifyPlace(place.path, lineText, place.via === "image") });
  };
  const describe = (found: string) => {
    const spelled = known.get(found);
    return spelled
      ? { format: spelled.format, version: spelled.version }
      : describeTag(config, found, previous);
  };

  for (const [path, text] of search.files) {
    const lines = text.split(/\r?\n/);
    for (const [i, lineText] of lines.entries()) {
      for (const match of versionAt ? lineText.matchAll(versionAt) : []) {
        const found = match[0];
        add({ path, line: i + 1, found, via: "previous-version", ...describe(found) }, lineText);
      }
      for (const match of imageAt ? lineText.matchAll(imageAt) : []) {
        const tag = match[1] as string;
        if (!VERSION_LIKE.test(tag) || currentSpellings.has(tag)) continue;
        add({ path, line: i + 1, found: tag, via: "image", ...describe(tag) }, lineText);
      }
    }
    if (imageForms.length === 0) continue;
    for (const found of kustomizeTags(path, text, imageForms)) {
      if (currentSpellings.has(found.tag) || !VERSION_LIKE.test(found.tag)) continue;
      const lineText = lines[found.line - 1] ?? "";
      add(
        { path, line: found.line, found: found.tag, via: "image", ...describe(found.tag) },
        lineText,
      );
    }
    for (const found of valuesTags(path, lines, imageForms)) {
      if (currentSpellings.has(found.tag) || !VERSION_LIKE.test(found.tag)) continue;
      const lineText = lines[found.line - 1] ?? "";
      add(
        { path, line: found.line, found: found.tag, via: "image", ...describe(found.tag) },
        lineText,
      );
    }
  }
  places.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { places, ignored };
}

/** Every spelling of a version, with the format that writes it (null: the badge). */
export function spellings(
  config: Pick<Config, "tags" | "image">,
  version: string,
): Map<string, string | null> {
  const strings = versionStrings(config, version);
  const all = new Map<string, string | null>();
  for (const format of ["{version}", "{image}", "{tag}", "v{version}", "{pep440}"]) {
    const text = renderFormat(format, strings);
    if (!all.has(text)) all.set(text, format);
  }
  const badge = shieldsMessage(version);
  if (!all.has(badge)) all.set(badge, null);
  return all;
}

/** The format and version a tag of an image reference spells, among the previous versions'. */
function describeTag(
  config: Pick<Config, "tags" | "image">,
  tag: string,
  previous: readonly string[],
): { format: string | null; version: string | null } {
  const bare = tag.replace(/^v/, "");
  for (const version of [...previous, bare]) {
    const format = spellings(config, version).get(tag);
    if (format !== undefined) return { format, version };
  }
  return { format: null, version: null };
}

/** The name as written and without its registry (`kubeflow/spark-operator/controller`). */
function imageFormsOf(name: string): string[] {
  const trimmed = name.trim().replace(/:[^/]*$/, "");
  if (trimmed === "") return [];
  const [first = "", ...rest] = trimmed.split("/");
  const isRegistry = rest.length > 0 && (/[.:]/.test(first) || first === "localhost");
  return isRegistry ? [trimmed, rest.join("/")] : [trimmed];
}

function matchesImage(name: string, forms: readonly string[]): boolean {
  return forms.some((form) => name === form || name.endsWith(`/${form}`));
}

function kustomizeTags(
  path: string,
  text: string,
  forms: readonly string[],
): Array<{ tag: string; line: number }> {
  if (!/(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(path)) return [];
  return (readKustomizeImages(text) ?? []).flatMap((entry) => {
    const named = [entry.name, entry.newName].some(
      (n) => n !== undefined && matchesImage(n, forms),
    );
    return named && entry.newTag !== undefined && entry.newTagLine !== undefined
      ? [{ tag: entry.newTag, line: entry.newTagLine }]
      : [];
  });
}

/** `tag:` in the same mapping as `repository: <image>` in a values file (a Helm chart's). */
function valuesTags(
  path: string,
  lines: readonly string[],
  forms: readonly string[],
): Array<{ tag: string; line: number }> {
  if (!/(^|\/)values[\w.-]*\.ya?ml$/.test(path)) return [];
  const found: Array<{ tag: string; line: number }> = [];
  for (const [i, line] of lines.entries()) {
    const repository = /^(\s*)repository\s*:\s*["']?([^"'\s#]+)/.exec(line);
    if (!repository || !matchesImage(repository[2] as string, forms)) continue;
    const indent = (repository[1] as string).length;
    for (const j of siblings(lines, i, indent)) {
      const tag = /^\s*tag\s*:\s*["']?([^"'\s#]+)/.exec(lines[j] as string);
      if (tag) found.push({ tag: tag[1] as string, line: j + 1 });
    }
  }
  return found;
}

/** The lines of the block around line `at` with exactly `indent` spaces before their key. */
function siblings(lines: readonly string[], at: number, indent: number): number[] {
  const result: number[] = [];
  for (const step of [-1, 1]) {
    for (let j = at + step; j >= 0 && j < lines.length; j += step) {
      const line = lines[j] as string;
      if (line.trim() === "" || line.trim().startsWith("#")) continue;
      const own = (/^\s*/.exec(line)?.[0] ?? "").length;
      if (own < indent) break;
      if (own === indent) result.push(j);
    }
  }
  return result;
}

/** A regular expression matching any of the texts, longest first. */
function alternation(texts: readonly string[]): string {
  return [...texts]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
}

/**
 * The operator image's names, from what the configuration and the charts say: `image.name`,
 * each `kustomize` entry's image, and the `image.repository` (after `image.registry`, when set)
 * of the values.yaml beside each managed chart.
 */
export function operatorImages(
  config: Pick<Config, "image" | "kustomize">,
  chartPaths: readonly string[],
  files: ReadonlyMap<string, string>,
): string[] {
  const names = new Set<string>();
  if (config.image.name) names.add(config.image.name);
  for (const entry of config.kustomize) names.add(entry.image);
  for (const chart of chartPaths) {
    const values = files.get(chart.replace(/Chart\.yaml$/, "values.yaml"));
    if (values === undefined) continue;
    const repository = readYamlString(values, ["image", "repository"]);
    if (!repository) continue;
    const registry = readYamlString(values, ["image", "registry"]);
    names.add(registry ? `${registry.replace(/\/+$/, "")}/${repository}` : repository);
  }
  return [...names];
}
