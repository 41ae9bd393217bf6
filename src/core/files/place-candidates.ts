/**
 * Which files of a tree the search for version places reads, chosen from the listing alone so
 * the reads can start before anything else is known: text files where a release may live, the
 * likeliest first, within a fixed budget of reads. Pure.
 */

/** A file of the tree listing: its path and, when the listing gives it, its size in bytes. */
export interface ListedFile {
  path: string;
  size?: number;
}

export interface CandidateBudget {
  /** Read requests at most (each one batched read of many files). */
  requests: number;
  /** Files per request at most. */
  filesPerRequest: number;
  /** Bytes per request at most, by the listing's sizes. */
  bytesPerRequest: number;
  /** A file larger than this is skipped: generated or data, not a place someone edits. */
  maxFileBytes: number;
}

/** 3 requests of up to 100 files and 2 MiB each, files up to 256 KiB. */
export const DEFAULT_BUDGET: CandidateBudget = {
  requests: 3,
  filesPerRequest: 100,
  bytesPerRequest: 2 * 1024 * 1024,
  maxFileBytes: 256 * 1024,
};

export interface CandidateSelection {
  /** The files to read, one list per request, likeliest places first. */
  batches: string[][];
  /** Text-looking files left unread because the budget ran out. */
  unread: number;
}

import { CONFIG_PATH } from "../config/path.js";

/** Directories of other projects' code, build output and tooling state. */
const VENDORED = new Set([
  "vendor",
  "node_modules",
  "third_party",
  "third-party",
  "bower_components",
  ".git",
  "dist",
  "site-packages",
  ".venv",
  "venv",
  "__pycache__",
]);

const LOCK_FILES = new Set([
  "go.sum",
  "go.mod",
  "go.work",
  "go.work.sum",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "Cargo.lock",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "Gemfile.lock",
  "composer.lock",
  "Chart.lock",
  "requirements.lock",
]);

/** Extensions of files that hold no text a release would live in. */
const BINARY =
  /\.(png|jpe?g|gif|ico|svg|webp|bmp|pdf|zip|gz|tgz|tar|bz2|xz|7z|jar|war|class|so|dylib|dll|exe|bin|o|a|pyc|woff2?|ttf|otf|eot|mp[34]|mov|avi|wasm|pb|crt|pem|key|jks|keystore|ipynb|parquet|avro|orc)$/i;

/** Names of files where a release usually lives: read first. */
const LIKELY_NAMES =
  /^(Chart\.yaml|values[\w.-]*\.ya?ml|kustomization\.ya?ml|Kustomization|__init__\.py|_?version\.(py|go|txt)|pyproject\.toml|setup\.(py|cfg)|Makefile|[\w.-]*\.mk|VERSION|Dockerfile[\w.-]*|package\.json|README(\.md)?|install[\w.-]*\.(md|sh))$/i;

/** Extensions of configuration, manifests, scripts and docs. */
const TEXT_EXTENSIONS =
  /\.(ya?ml|json|toml|cfg|ini|conf|env|properties|txt|md|markdown|rst|adoc|sh|bash|py|mk|tpl|jsonnet|libsonnet|cue|tf|hcl|xml|gradle)$/i;

/**
 * The files to read for version places, in batches within the budget. Skipped before any read:
 * vendored directories, lock files and `go.mod`/`go.sum`, CHANGELOG files, binary extensions,
 * files larger than the cap, the bot's configuration, and `exclude` (the files already read).
 * The rest go likeliest first (known names, then configuration, manifests, scripts and docs,
 * then sources, shallow paths before deep ones) until the budget is spent; `unread` counts the
 * ones left over, so a report can say the search was not complete.
 */
export function selectPlaceCandidates(
  files: readonly ListedFile[],
  exclude: ReadonlySet<string>,
  budget: CandidateBudget = DEFAULT_BUDGET,
): CandidateSelection {
  const ranked = files
    .filter((file) => !exclude.has(file.path) && isSearchable(file, budget.maxFileBytes))
    .map((file) => ({ file, rank: rank(file.path) }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        depth(a.file.path) - depth(b.file.path) ||
        (a.file.path < b.file.path ? -1 : 1),
    );
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  let taken = 0;
  for (const { file } of ranked) {
    const size = file.size ?? 0;
    if (batch.length >= budget.filesPerRequest || bytes + size > budget.bytesPerRequest) {
      if (batch.length > 0) batches.push(batch);
      batch = [];
      bytes = 0;
      if (batches.length >= budget.requests) break;
    }
    batch.push(file.path);
    bytes += size;
    taken++;
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, unread: ranked.length - taken };
}

/** Whether a listed file may hold a version place (before reading it). */
export function isSearchable(file: ListedFile, maxFileBytes: number): boolean {
  if (file.size !== undefined && file.size > maxFileBytes) return false;
  if (file.path === CONFIG_PATH) return false;
  const parts = file.path.split("/");
  const name = parts.at(-1) as string;
  if (parts.slice(0, -1).some((dir) => VENDORED.has(dir))) return false;
  if (LOCK_FILES.has(name) || /\.lock$/i.test(name)) return false;
  if (
    /^(CHANGELOG|CHANGES|HISTORY|RELEASE[_-]?NOTES)([_-][\w.-]*?)?(\.(md|markdown|txt|rst|adoc))?$/i.test(
      name,
    )
  )
    return false;
  if (BINARY.test(name)) return false;
  // Go's generated code and test data repeat versions that are not the release.
  if (/(^zz_generated\.|_test\.go$|\.pb\.go$)/.test(name)) return false;
  return true;
}

/** 0 known places, 1 configuration/manifests/scripts/docs, 2 Go sources, 3 anything else. */
function rank(path: string): number {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (LIKELY_NAMES.test(name) || /version/i.test(name)) return 0;
  if (TEXT_EXTENSIONS.test(name)) return 1;
  if (name.endsWith(".go")) return 2;
  return 3;
}

function depth(path: string): number {
  return path.split("/").length;
}
