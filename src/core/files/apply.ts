/** The new bytes of every file that carries the version, for one release. Pure. */

import type { Config } from "../../config.js";
import { CONFIG_PATH } from "../config/path.js";
import { renderFormat, type VersionStrings } from "../version/spellings.js";
import { bumpChart, readChartVersions } from "./chart.js";
import { setLocalDependencies } from "./chart-dependencies.js";
import { replacePattern, setVersionFile } from "./edits.js";
import { setKustomizeTag } from "./kustomize.js";
import { bumpReadmeBadges } from "./readme-badges.js";
import type { VersionFileTarget } from "./targets.js";
import { setYamlScalar } from "./yaml-scalar.js";

export interface FileChange {
  path: string;
  content: string;
  previous: string;
}

export type ApplyVersionResult =
  | { ok: true; changes: FileChange[]; unchanged: string[] }
  | { ok: false; errors: string[] };

/**
 * Computes the new bytes of every target for a release. Several targets on one file apply in
 * order; a README's badges follow the new values of the Chart.yaml beside it. `changes` holds only
 * files whose bytes differ, so a run on an already bumped branch yields none. Every error is
 * collected, each naming its file; on any error there is no result.
 */
export function applyVersion(
  config: Config,
  targets: readonly VersionFileTarget[],
  contents: ReadonlyMap<string, string>,
  strings: VersionStrings,
): ApplyVersionResult {
  const errors: string[] = [];
  const byPath = new Map<string, VersionFileTarget[]>();
  for (const target of targets) {
    const list = byPath.get(target.path);
    if (list) list.push(target);
    else byPath.set(target.path, [target]);
  }

  const finals = new Map<string, string | undefined>();
  const chartDirs = new Set(
    targets.filter((t) => t.kind === "chart").map((t) => t.path.replace(/\/?Chart\.yaml$/, "")),
  );
  const chartFields = {
    version: config.charts.version === false ? false : renderFormat(config.charts.version, strings),
    appVersion:
      config.charts.appVersion === false ? false : renderFormat(config.charts.appVersion, strings),
  } as const;

  /** The new text of a file, or undefined when an edit of it failed (the error is recorded). */
  const finalText = (path: string): string | undefined => {
    if (finals.has(path)) return finals.get(path);
    finals.set(path, undefined); // a cycle (none exists today) reads as failed, not as a loop
    const original = contents.get(path);
    if (original === undefined) {
      errors.push(`${path}: its content was not read, so it cannot be updated`);
      return undefined;
    }
    let text: string | undefined = original;
    for (const target of byPath.get(path) ?? []) {
      text = applyTarget(target, text);
      if (text === undefined) break;
    }
    finals.set(path, text);
    return text;
  };

  const applyTarget = (target: VersionFileTarget, text: string): string | undefined => {
    switch (target.kind) {
      case "chart": {
        const result = bumpChart(text, chartFields, target.path);
        if (!result.ok) errors.push(stripPeriod(result.error));
        if (!result.ok || !config.charts.dependencies || chartFields.version === false) {
          return result.ok ? result.text : undefined;
        }
        const edited = setLocalDependencies(
          result.text,
          target.path,
          chartDirs,
          chartFields.version,
        );
        if (!edited.ok) errors.push(edited.error);
        return edited.ok ? edited.text : undefined;
      }
      case "chart-readme": {
        const chartText = target.chart === undefined ? undefined : finalText(target.chart);
        if (chartText === undefined) return text; // the chart's error is already recorded
        return bumpReadmeBadges(text, readChartVersions(chartText)).text;
      }
      case "version-file":
        return setVersionFile(
          text,
          renderFormat(target.format ?? "{tag}", strings),
          target,
          errors,
        );
      case "values": {
        const key = target.key ?? "image.tag";
        const value = renderFormat(target.format ?? "{image}", strings);
        const result = setYamlScalar(text, key.split("."), value, target.path);
        if (!result.ok) {
          errors.push(`${stripPeriod(result.error)} (\`${target.setting}\` in ${CONFIG_PATH})`);
          return undefined;
        }
        return result.text;
      }
      case "kustomize": {
        const value = renderFormat(target.format ?? "{image}", strings);
        const result = setKustomizeTag(text, target.image ?? "", value, target.path);
        if (!result.ok) {
          errors.push(`${stripPeriod(result.error)} (\`${target.setting}\` in ${CONFIG_PATH})`);
          return undefined;
        }
        return result.text;
      }
      case "pattern":
        return replacePattern(
          text,
          renderFormat(target.format ?? "{image}", strings),
          target,
          errors,
        );
    }
  };

  const results = [...byPath.keys()].map((path) => ({ path, text: finalText(path) }));
  if (errors.length > 0) return { ok: false, errors };
  // Without errors, every file was read and every edit produced text.
  const changes: FileChange[] = [];
  const unchanged: string[] = [];
  for (const { path, text } of results) {
    const previous = contents.get(path) as string;
    if (text === previous) unchanged.push(path);
    else changes.push({ path, content: text as string, previous });
  }
  return { ok: true, changes, unchanged };
}

function stripPeriod(sentence: string): string {
  return sentence.replace(/\.$/, "");
}
