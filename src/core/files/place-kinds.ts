/**
 * What kind of place a found version is in, from the file's name and the line it is on, and which
 * setting of the configuration would manage a place of that kind. Pure.
 */

export type PlaceKind =
  | "chart"
  | "chart-dependency"
  | "chart-badge"
  | "values-image-tag"
  | "kustomize-new-tag"
  | "python-version"
  | "go-constant"
  | "manifest-image"
  | "makefile-variable"
  | "docs-install"
  | "version-file"
  | "other";

/** How a reply names each kind. */
export const PLACE_KIND_NAMES: Record<PlaceKind, string> = {
  chart: "Chart.yaml",
  "chart-dependency": "Chart.yaml dependency",
  "chart-badge": "helm-docs badge",
  "values-image-tag": "values image tag",
  "kustomize-new-tag": "Kustomize `newTag`",
  "python-version": "Python package version",
  "go-constant": "Go constant",
  "manifest-image": "manifest `image:` reference",
  "makefile-variable": "Makefile variable",
  "docs-install": "docs install command",
  "version-file": "VERSION file",
  other: "other",
};

/** The configuration key a place of this kind is managed with. */
export const PLACE_KIND_SETTINGS: Record<PlaceKind, string> = {
  chart: "charts.paths",
  "chart-dependency": "charts.dependencies",
  "chart-badge": "charts.readmeBadges",
  "values-image-tag": "values",
  "kustomize-new-tag": "kustomize",
  "python-version": "files",
  "go-constant": "files",
  "manifest-image": "files",
  "makefile-variable": "files",
  "docs-install": "files",
  "version-file": "versionFile",
  other: "files",
};

const DOCS = /\.(md|markdown|rst|adoc|txt)$/i;
// `--version` and `?ref=` stand outside the word boundary: the continuation line of a helm
// command (`  --version 2.3.0`) starts with no word before its dashes.
const INSTALL_COMMAND =
  /\b(helm\s+(install|upgrade|pull|template)|kubectl\s+(apply|create|kustomize)|kustomize\s+build|pip3?\s+install|uv\s+(pip|add)|go\s+(install|get)|docker\s+(pull|run)|podman\s+(pull|run)|curl|wget|git\s+clone)|--version|\?ref=/;

/**
 * The kind of place a line holds. `imageReference`: the version was found as the tag of a
 * reference to the operator's image (`ghcr.io/x/y:v1.2.3`), which outside docs and the
 * structured kinds is a manifest's `image:`.
 */
export function classifyPlace(path: string, lineText: string, imageReference = false): PlaceKind {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const line = lineText.trim();
  if (name === "Chart.yaml") {
    // The chart's own fields sit at the top level; a dependency's constraint is indented.
    if (/^(version|appVersion)\s*:/.test(lineText)) return "chart";
    if (/^\s*-?\s*version\s*:/.test(lineText)) return "chart-dependency";
    return imageReference ? "manifest-image" : "other";
  }
  if (/img\.shields\.io\/badge\//.test(line)) return "chart-badge";
  if (/^kustomization\.ya?ml$|^Kustomization$/.test(name) && /^-?\s*newTag\s*:/.test(line)) {
    return "kustomize-new-tag";
  }
  if (/^values[\w.-]*\.ya?ml$/.test(name) && /^-?\s*tag\s*:/.test(line)) return "values-image-tag";
  if (/\.py$/.test(name) && /^__version__\s*[:=]/.test(line)) return "python-version";
  if (/^(pyproject\.toml|setup\.cfg)$/.test(name) && /^version\s*=/.test(line)) {
    return "python-version";
  }
  if (name === "setup.py" && /\bversion\s*=/.test(line)) return "python-version";
  if (/\.go$/.test(name) && /^(const\s+|var\s+)?\(?\s*\w+\s*(\w+\s*)?=\s*["`]/.test(line)) {
    return "go-constant";
  }
  if ((name === "Makefile" || /\.mk$/.test(name)) && /^(export\s+)?\w+\s*[:?+!]?=/.test(line)) {
    return "makefile-variable";
  }
  if (name === "VERSION") return "version-file";
  if (DOCS.test(name)) return INSTALL_COMMAND.test(line) ? "docs-install" : "other";
  if (/\.(ya?ml|json)$/.test(name) && (imageReference || /(^|\s|")image"?\s*:/.test(line))) {
    return "manifest-image";
  }
  return "other";
}
