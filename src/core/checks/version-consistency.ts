/**
 * The version consistency check: every managed version field at a commit, read with the YAML
 * parser (quotes, comments and CRLF are fine), agrees with the others and with the configured
 * formats, and on a release pull request equals the version it releases. Pure; replaces
 * grep/awk scripts over Chart.yaml.
 */
import semver from "semver";
import type { Config } from "../../config.js";
import { applyVersion, type FileChange } from "../files/apply.js";
import { readChartVersions } from "../files/chart.js";
import { readKustomizeTags } from "../files/kustomize.js";
import type { VersionFileTarget } from "../files/targets.js";
import { readYamlString } from "../files/yaml-scalar.js";
import { formatLine, type ReleaseLine } from "../version/numbering.js";
import { pep440Candidates, renderFormat, versionStrings } from "../version/spellings.js";
import type { CheckAnnotation, CheckResult } from "./result.js";

/** A version field as found: where, what it says, and the release version it stands for. */
export interface FoundField {
  path: string;
  field: string;
  value: string;
  version: string | null;
}

export interface VersionCheckOptions {
  /** The release line of the branch the pull request goes into. */
  line: ReleaseLine;
  /** On a release pull request: the version it releases, which every field must carry. */
  releasing: string | null;
}

export function checkVersionConsistency(
  config: Config,
  targets: readonly VersionFileTarget[],
  contents: ReadonlyMap<string, string>,
  options: VersionCheckOptions,
): CheckResult {
  const fields = targets.flatMap((t) => readFields(config, t, contents.get(t.path) ?? ""));
  const expected = options.releasing ?? mostCommon(fields.flatMap((f) => f.version ?? []));
  const listing = fields.map((f) => `- \`${f.path}\` ${f.field}: \`${f.value}\``).join("\n");
  if (expected === null) {
    return {
      conclusion: "failure",
      title: "No managed field holds a release version",
      summary: `None of the version fields release-bot manages reads as a version in the configured format:\n\n${listing || "(no version file found)"}`,
      annotations: [],
    };
  }
  const applied = applyVersion(config, targets, contents, versionStrings(config, expected));
  if (!applied.ok) {
    return {
      conclusion: "failure",
      title: "The version files cannot be read",
      summary: applied.errors.map((e) => `- ${e}`).join("\n"),
      annotations: [],
    };
  }
  const parsed = semver.parse(expected);
  const offLine =
    parsed !== null && (parsed.major !== options.line.major || parsed.minor !== options.line.minor);
  const annotations = applied.changes.map((change) => disagreement(change, expected));
  const why = options.releasing
    ? `the version this pull request releases`
    : `the version most fields carry`;
  if (annotations.length === 0 && !offLine) {
    return {
      conclusion: "success",
      title: `Every version field says ${expected}`,
      summary: `Each managed field agrees with ${why}, \`${expected}\`, in its configured format:\n\n${listing}`,
      annotations: [],
    };
  }
  const problems = [
    ...(offLine
      ? [
          `\`${expected}\` is not a version of the ${formatLine(options.line)} line this branch carries.`,
        ]
      : []),
    ...annotations.map((a) => `- \`${a.path}\` line ${a.line}: ${a.message}`),
  ];
  return {
    conclusion: "failure",
    title: offLine
      ? `${expected} is not of line ${formatLine(options.line)}`
      : `${annotations.length} file${annotations.length === 1 ? " disagrees" : "s disagree"} with ${expected}`,
    summary: `The managed version fields must all carry ${why}, \`${expected}\`; \`/rc\` and \`/release\` set them for you.\n\n${problems.join("\n")}\n\nAs read:\n\n${listing}`,
    annotations,
  };
}

/** The first line that would change, as it is and as it should be. */
function disagreement(change: FileChange, expected: string): CheckAnnotation {
  const before = change.previous.split(/\r?\n/);
  const after = change.content.split(/\r?\n/);
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const is = (before[i] ?? "").trim();
  const should = (after[i] ?? "").trim();
  return {
    path: change.path,
    line: i + 1,
    level: "failure",
    title: `Not ${expected}`,
    message: `\`${is}\` should read \`${should}\``,
  };
}

/** The managed version fields a target holds, as written (the rehearsal reports them too). */
export function readFields(config: Config, target: VersionFileTarget, text: string): FoundField[] {
  const field = (name: string, value: string | undefined, format: string | false) =>
    value === undefined || format === false
      ? []
      : [{ path: target.path, field: name, value, version: versionIn(config, value, format) }];
  switch (target.kind) {
    case "chart": {
      const chart = readChartVersions(text);
      return [
        ...field("version", chart.version, config.charts.version),
        ...field("appVersion", chart.appVersion, config.charts.appVersion),
      ];
    }
    case "version-file":
      // trim() drops a byte order mark too: it counts U+FEFF as white space.
      return field("content", text.trim(), target.format ?? "{tag}");
    case "values": {
      const key = target.key ?? "image.tag";
      return field(key, readYamlString(text, key.split(".")), target.format ?? "{image}");
    }
    case "pattern": {
      const match = safeRegex(target.pattern)?.exec(text)?.[1];
      return field(`/${target.pattern}/`, match, target.format ?? "{image}");
    }
    case "kustomize": {
      const image = target.image ?? "";
      return readKustomizeTags(text, image).flatMap((tag) =>
        field(`images[${image}].newTag`, tag, target.format ?? "{image}"),
      );
    }
    case "chart-readme":
      // The badges follow the chart's values; the chart's fields are checked.
      return [];
  }
}

/** The SemVer version a value spells in the format, or null when it spells none. */
function versionIn(config: Config, value: string, format: string): string | null {
  const semverCandidates = [...value.matchAll(/\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/g)].map(
    (match) => match[0],
  );
  for (const candidate of [...semverCandidates, ...pep440Candidates(value)]) {
    if (renderFormat(format, versionStrings(config, candidate)) === value) return candidate;
  }
  return null;
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

function safeRegex(source: string | undefined): RegExp | null {
  try {
    return source === undefined ? null : new RegExp(source, "m");
  } catch {
    return null;
  }
}
