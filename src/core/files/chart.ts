import { CONFIG_PATH } from "../config/path.js";
import { type EditResult, readYamlString, setYamlScalar } from "./yaml-scalar.js";

/** The values to write into a Chart.yaml; `false` leaves that field alone. */
export interface ChartFields {
  version: string | false;
  appVersion: string | false;
}

/** SemVer 2.0.0, from semver.org: what Helm requires of a chart's `version`. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Whether Helm accepts `version` as a chart version: SemVer 2, with or without a leading `v`. */
export function isChartSemver(version: string): boolean {
  return SEMVER.test(version.startsWith("v") ? version.slice(1) : version);
}

/**
 * Sets Chart.yaml `version` and/or `appVersion`, changing only the bytes of those values.
 * `previous` is the old `version` (the old `appVersion` when `version` is left alone).
 * `file` names the chart in error messages.
 */
export function bumpChart(text: string, fields: ChartFields, file = "Chart.yaml"): EditResult {
  if (fields.version !== false && !isChartSemver(fields.version)) {
    return {
      ok: false,
      code: "invalid-value",
      error: `The chart version ${JSON.stringify(fields.version)} for ${file} is not SemVer 2 (a leading "v" aside), which Helm requires; check \`charts.version\` and \`image.tag\` in ${CONFIG_PATH}.`,
    };
  }

  let current = text;
  let previous: string | undefined;
  for (const key of ["version", "appVersion"] as const) {
    const value = fields[key];
    if (value === false) continue;
    const result = setYamlScalar(current, [key], value, file);
    if (!result.ok) {
      if (result.code !== "missing-key") return result;
      const hint =
        key === "appVersion"
          ? `set \`charts.appVersion: false\` in ${CONFIG_PATH} to leave it out`
          : `Helm requires one; add it, or set \`charts.version: false\` in ${CONFIG_PATH} to leave it alone`;
      return { ok: false, code: result.code, error: `${file} has no \`${key}\` key; ${hint}.` };
    }
    current = result.text;
    previous ??= result.previous;
  }
  // Both fields left alone: nothing to set, nothing to check.
  previous ??= readYamlString(text, ["version"]) ?? "";
  return { ok: true, text: current, changed: current !== text, previous };
}

/** The `version` and `appVersion` a Chart.yaml holds, as written (undefined when absent). */
export function readChartVersions(text: string): { version?: string; appVersion?: string } {
  return {
    version: readYamlString(text, ["version"]),
    appVersion: readYamlString(text, ["appVersion"]),
  };
}
