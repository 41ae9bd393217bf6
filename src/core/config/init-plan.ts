/**
 * `release-bot init`'s decision: a configuration that manages every place the repository keeps
 * its release in. It starts from the charts and the VERSION file, then releases the repository
 * on paper (the bump the bot would make, to a version of the next line) and searches what still
 * says the old version, the way the bot searches after a bump; each place left becomes an entry
 * (`kustomize`, `values`, `charts.dependencies`, `files`) or is left alone with the reason, until
 * nothing is left. Pure.
 */
import semver from "semver";
import type { ConfigResult, RawConfig } from "../../config.js";
import { applyVersion } from "../files/apply.js";
import { findVersionPlaces, operatorImages, type VersionPlace } from "../files/discovery.js";
import { readKustomizeImages, setKustomizeTag } from "../files/kustomize.js";
import { PLACE_KIND_NAMES } from "../files/place-kinds.js";
import { selectVersionFiles } from "../files/targets.js";
import { setYamlScalar } from "../files/yaml-scalar.js";
import { versionStrings } from "../version/spellings.js";
import { capturePattern, yamlKeyAtLine } from "./init-entries.js";
import { findRelease, formatOf, type ReleaseFinding, type RepositoryView } from "./init-release.js";

/** One decision, as the file's comment and the printed explanation say it. */
export interface InitNote {
  /** The configuration key it went to: `charts`, `kustomize[0]`, `files[2]`. */
  key: string;
  /** What was found there and why it is managed so. */
  why: string;
}

export type InitPlan =
  | {
      ok: true;
      release: ReleaseFinding;
      raw: RawConfig;
      notes: InitNote[];
      /** Places found and not managed, each with the reason. */
      leftAlone: string[];
    }
  | { ok: false; error: string };

/** How many rounds of "release on paper, manage what is left" at most. */
const ROUNDS = 4;

/** Validates a configuration (src/config.ts's `parseConfig`, passed in: core reads no schema). */
export type ParseConfig = (raw: RawConfig) => ConfigResult;

export function planConfiguration(view: RepositoryView, parseConfig: ParseConfig): InitPlan {
  const release = findRelease(view);
  if (release === null) {
    return {
      ok: false,
      error:
        "found no release version: no Chart.yaml `version`/`appVersion`, root VERSION file or tag is a SemVer version",
    };
  }
  const { raw, notes } = baseConfiguration(view, release);
  const leftAlone = new Map<string, string>();
  const tried = new Set<string>();
  const next = nextLineVersion(release.version);
  for (let round = 0; round < ROUNDS; round++) {
    const left = placesLeft(view, parseConfig(raw), release.version, next);
    if (!left.ok) return left;
    const fresh = left.places.filter((p) => !leftAlone.has(`${p.path}:${p.line}`));
    if (fresh.length === 0) break;
    let added = 0;
    const thisRound = new Set<string>();
    for (const place of fresh) {
      const at = `${place.path}:${place.line}`;
      if (thisRound.has(at)) continue; // one entry per line a round: the next round sees the rest
      thisRound.add(at);
      if (tried.has(at)) {
        leftAlone.set(
          at,
          `${at}: \`${place.found}\` is still there after the entry made for this line (a second version on one line); set it by hand`,
        );
        continue;
      }
      tried.add(at);
      const decided = manage(view, raw, place);
      if (decided === null) continue;
      if ("leave" in decided) {
        leftAlone.set(`${place.path}:${place.line}`, decided.leave);
        continue;
      }
      notes.push(decided);
      added++;
    }
    if (added === 0) break;
  }
  return { ok: true, release, raw, notes, leftAlone: [...leftAlone.values()] };
}

/** The charts, the formats their fields spell and the VERSION file. */
function baseConfiguration(
  view: RepositoryView,
  release: ReleaseFinding,
): { raw: RawConfig; notes: InitNote[] } {
  const { version } = release;
  const tagSpelled = release.versionFile ?? view.tags.find((t) => t.replace(/^v/, "") === version);
  const tagFormat =
    tagSpelled !== undefined && !tagSpelled.startsWith("v") ? "{version}" : "v{version}";
  const bare = (format: string | false) =>
    format === "v{version}" ? (tagFormat === "v{version}" ? "{tag}" : "v{version}") : format;
  const app = release.charts.map((c) => formatOf(c.appVersion, version)).find((f) => f !== false);
  const imageTag = app === "v{version}" && tagFormat === "v{version}" ? "{tag}" : "{version}";
  const asImage = (format: string | false) =>
    format === false ? false : bare(format) === imageTag ? "{image}" : bare(format);
  const chartVersion = release.charts
    .map((c) => formatOf(c.version, version))
    .find((f) => f !== false);
  const raw: RawConfig = {};
  const notes: InitNote[] = [];
  if (tagFormat !== "v{version}") raw.tags = { format: tagFormat };
  if (imageTag !== "{version}") raw.image = { tag: imageTag };
  const chartPaths = release.charts.map((c) => c.path);
  const defaultGlob = view.paths.filter((p) => /^charts\/.*Chart\.yaml$/.test(p));
  const useDefault =
    chartPaths.length > 0 &&
    defaultGlob.length === chartPaths.length &&
    chartPaths.every((p) => p.startsWith("charts/"));
  raw.charts = {
    paths: useDefault ? ["charts/**/Chart.yaml"] : chartPaths,
    version: chartVersion === undefined ? false : (asImage(chartVersion) as string | false),
    appVersion: app === undefined ? false : (asImage(app) as string | false),
  };
  for (const chart of release.charts) {
    const fields = [
      chart.version === undefined ? "" : `version \`${chart.version}\``,
      chart.appVersion === undefined ? "no appVersion" : `appVersion \`${chart.appVersion}\``,
    ].filter(Boolean);
    notes.push({ key: "charts", why: `${chart.path}: ${fields.join(", ")}` });
  }
  if (release.versionFile !== null) {
    raw.versionFile = {
      path: "VERSION",
      format: bare(formatOf(release.versionFile, version)) as string,
    };
    notes.push({ key: "versionFile", why: `VERSION: \`${release.versionFile}\`` });
  } else if (view.files.has("VERSION")) {
    // A VERSION file of something else: the default would overwrite it.
    raw.versionFile = false;
    notes.push({ key: "versionFile", why: "VERSION does not hold the release: left alone" });
  }
  return { raw, notes };
}

/** A version of the next minor line: every spelling of it differs from the release's. */
function nextLineVersion(version: string): string {
  const parsed = semver.parse(version) as semver.SemVer;
  return `${parsed.major}.${parsed.minor + 1}.0-rc.0`;
}

/** The places that still say `from` once the configuration has released `to` on paper. */
function placesLeft(
  view: RepositoryView,
  parsed: ConfigResult,
  from: string,
  to: string,
): { ok: true; places: VersionPlace[] } | { ok: false; error: string } {
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const config = parsed.config;
  const selection = selectVersionFiles(config, view.paths);
  if (selection.errors.length > 0) return { ok: false, error: selection.errors.join("; ") };
  const applied = applyVersion(config, selection.targets, view.files, versionStrings(config, to));
  if (!applied.ok) return { ok: false, error: applied.errors.join("; ") };
  const after = new Map([
    ...view.files,
    ...applied.changes.map((c) => [c.path, c.content] as const),
  ]);
  const charts = selection.targets.filter((t) => t.kind === "chart").map((t) => t.path);
  const report = findVersionPlaces(config, {
    files: after,
    previous: [from],
    current: versionStrings(config, to),
    images: operatorImages(config, charts, view.files),
  });
  return { ok: true, places: report.places };
}

type Decision = InitNote | { leave: string } | null;

/** The entry that manages a place (added to `raw`), why it is left alone, or null (managed). */
function manage(view: RepositoryView, raw: RawConfig, place: VersionPlace): Decision {
  const text = view.files.get(place.path) ?? "";
  const line = text.split(/\r?\n/)[place.line - 1] ?? "";
  const where = `${place.path}:${place.line}`;
  // An image reference at another version had drifted already: managed, it follows from now on.
  const drifted =
    place.via === "image" && place.version !== null ? ", drifted from the release" : "";
  const what = `${PLACE_KIND_NAMES[place.kind]} \`${place.found}\`${drifted}`;
  if (place.format === null) {
    return {
      leave: `${where}: ${what} is spelled in no format the bot writes (a badge of an unmanaged chart, say)`,
    };
  }
  if (place.kind === "kustomize-new-tag") {
    const entry = (readKustomizeImages(text) ?? []).find((e) => e.newTagLine === place.line);
    const image = entry?.name ?? entry?.newName;
    if (image !== undefined && setKustomizeTag(text, image, place.found, place.path).ok) {
      raw.kustomize = [...(raw.kustomize ?? [])];
      const list = raw.kustomize;
      list.push({ path: place.path, image, format: place.format });
      return {
        key: `kustomize[${list.length - 1}]`,
        why: `${where}: newTag \`${place.found}\` of ${image}`,
      };
    }
  }
  if (place.kind === "chart-dependency") {
    // Already on for an earlier dependency: it sets this one too, no `files` entry beside it.
    if (raw.charts?.dependencies) return null;
    // A local dependency's constraint on a managed chart: Kueue's parent charts.
    raw.charts = { ...raw.charts, dependencies: true };
    return {
      key: "charts.dependencies",
      why: `${where}: a local dependency pinned at \`${place.found}\``,
    };
  }
  if (/\.ya?ml$/.test(place.path)) {
    const key = yamlKeyAtLine(text, place.line, place.found);
    if (key !== null && setYamlScalar(text, key, place.found).ok) {
      raw.values = [...(raw.values ?? [])];
      const list = raw.values;
      list.push({ path: place.path, key: key.join("."), format: place.format });
      return {
        key: `values[${list.length - 1}]`,
        why: `${where}: \`${key.join(".")}\` is ${what}`,
      };
    }
  }
  const pattern = capturePattern(line, place.found, place.format, {
    tag: raw.tags?.format ?? "v{version}",
    image: raw.image?.tag ?? "{version}",
  });
  if (pattern === null)
    return { leave: `${where}: ${what} cannot be matched by a pattern on its line` };
  if (raw.files?.some((f) => f.path === place.path && f.pattern === pattern)) return null;
  raw.files = [...(raw.files ?? [])];
  const list = raw.files;
  list.push({ path: place.path, pattern, format: place.format });
  return { key: `files[${list.length - 1}]`, why: `${where}: ${what}` };
}
