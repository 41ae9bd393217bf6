/**
 * A parent chart's local dependencies on charts the bot versions (Kueue's style:
 * `repository: file://../kueue-crds`, `version: "~0.14.0"`): their constraints follow the new
 * version, so `helm dependency build` still finds the chart it vendors. Pure.
 */
import { posix } from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { setYamlScalar } from "./yaml-scalar.js";

/** One comparator with an optional operator: `~0.14.0`, `^1.2.3`, `>=1.0.0`, `1.5.0`, `v1.5.0`. */
const SINGLE_CONSTRAINT = /^(\s*(?:[~^]|[<>]=?|=)?\s*)v?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?\s*$/;

export type DependencyEdit = { ok: true; text: string } | { ok: false; error: string };

/**
 * Sets the `version` of every `dependencies[]` entry whose `repository: file://…` names the
 * directory of a managed chart to `version`, keeping the constraint's operator. Only those bytes
 * change. A constraint that is not a single comparator (`>=1.0.0 <2.0.0`) cannot be rewritten
 * faithfully and is an error naming the file.
 */
export function setLocalDependencies(
  text: string,
  chartPath: string,
  managedChartDirs: ReadonlySet<string>,
  version: string,
): DependencyEdit {
  const dependencies = parseDocument(text).get("dependencies");
  if (!isSeq(dependencies)) return { ok: true, text };
  const chartDir = posix.dirname(chartPath);
  let current = text;
  for (const [index, entry] of dependencies.items.entries()) {
    if (!isMap(entry)) continue;
    const repository = entry.get("repository");
    const constraint = entry.get("version", true);
    if (typeof repository !== "string" || !repository.startsWith("file://")) continue;
    const target = posix.normalize(posix.join(chartDir, repository.slice("file://".length)));
    if (!managedChartDirs.has(target.replace(/\/$/, "")) || !isScalar(constraint)) continue;
    const written = String(constraint.value);
    const match = SINGLE_CONSTRAINT.exec(written);
    if (!match) {
      return {
        ok: false,
        error: `${chartPath}: the dependency on ${repository} has the version constraint ${JSON.stringify(written)}, which is not one version with an optional operator (~, ^, >=, =); write it as "~X.Y.Z" so the bot can keep it matching`,
      };
    }
    const edited = setYamlScalar(
      current,
      ["dependencies", index, "version"],
      `${match[1]}${version}`,
      chartPath,
    );
    if (!edited.ok) return { ok: false, error: edited.error.replace(/\.$/, "") };
    current = edited.text;
  }
  return { ok: true, text: current };
}
