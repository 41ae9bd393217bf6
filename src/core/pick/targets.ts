/**
 * Where a pick goes: target branches from labels and command arguments, and the name of the
 * branch that carries a pick pull request. Pure.
 */
import type { Config } from "../../config.js";
import { escapeRegExp } from "../text/regexp.js";
import { branchName, parseLineArgument } from "../version/numbering.js";

type PickConfig = Pick<Config, "branches" | "cherryPick"> & {
  commands?: Pick<Config["commands"], "prow">;
};

/** Prow's cherrypicker answers labels with this prefix. */
export const PROW_LABEL_PREFIX = "cherrypick/";

/**
 * The label prefixes that request a pick from release-bot: the configured ones, less Prow's when
 * Prow's cherrypicker runs beside it (`commands.prow`), so that one label never makes two picks.
 */
export function requestLabelPrefixes(config: PickConfig): string[] {
  const prefixes = config.cherryPick.labelPrefixes;
  return config.commands?.prow
    ? prefixes.filter((prefix) => prefix !== PROW_LABEL_PREFIX)
    : [...prefixes];
}

export type TargetResult = { ok: true; branch: string } | { ok: false; reason: string };

/**
 * The target branch a pick label requests (`cherry-pick/release-1.5` -> `release-1.5`,
 * `cherrypick/1.5` -> `release-1.5`), or null when the label does not request a pick. The failed
 * and conflict labels share the prefix and are not requests. A label naming no valid branch gives its text
 * as it is, which `isValidBranchName` refuses.
 */
export function labelTarget(label: string, config: PickConfig): string | null {
  if (isStateLabel(label, config)) return null;
  const prefix = requestLabelPrefixes(config).find((p) => label.startsWith(p));
  if (prefix === undefined) return null;
  const text = label.slice(prefix.length);
  const target = resolveTarget(text, config.branches.pattern);
  return target.ok ? target.branch : text;
}

/** The distinct targets the labels request, in label order. */
export function labelTargets(labels: readonly string[], config: PickConfig): string[] {
  const targets = labels.map((label) => labelTarget(label, config));
  return [...new Set(targets.filter((target) => target !== null))];
}

/** The label prefixes of the default configuration (ours and Prow's). */
const DEFAULT_LABEL_PREFIXES: readonly string[] = ["cherry-pick/", "cherrypick/"];

/**
 * Whether a label may request a pick, checked before the configuration is read so that the
 * label traffic of a Kubernetes project (`kind/bug`, `size/XS`, `lgtm`, `area/operator`, added
 * by Prow to every pull request) costs no API call. A label qualifies when it starts with a
 * default prefix (so `cherry-pick/main` still gets a reply naming the real release branches), or
 * when it names a release line (two runs of digits, as any `{major}`/`{minor}` branch has) after
 * a separator, which covers custom prefixes. A custom prefix with a label naming no release line
 * is left without a reply.
 */
export function mayBePickLabel(label: string): boolean {
  if (DEFAULT_LABEL_PREFIXES.some((prefix) => label.startsWith(prefix))) return true;
  return /[^A-Za-z0-9]/.test(label) && /\d\D+\d/.test(label);
}

/** Whether a label belongs to the cherry-pick machinery (a request, the failed or conflict label). */
export function isPickLabel(label: string, config: PickConfig): boolean {
  return (
    isStateLabel(label, config) ||
    config.cherryPick.labelPrefixes.some((prefix) => label.startsWith(prefix))
  );
}

/** The labels release-bot sets to say how picks went: they share the prefix, they request nothing. */
function isStateLabel(label: string, config: PickConfig): boolean {
  return label === config.cherryPick.failedLabel || label === config.cherryPick.conflictLabel;
}

/** The label that requests a pick onto `branch`, spelled with the first configured prefix. */
export function requestLabel(branch: string, config: PickConfig): string {
  // The configuration schema requires at least one prefix; Prow's is the fallback of a list
  // holding only Prow's, which then means Prow's cherrypicker does the pick.
  const [prefix = PROW_LABEL_PREFIX] = requestLabelPrefixes(config);
  return `${prefix}${branch}`;
}

/**
 * The branch a user means: a release line (`1.5`, `v1.5`) or a release branch (`release-1.5`)
 * is the release branch of the pattern; any other valid branch name is taken as it is.
 */
export function resolveTarget(argument: string, pattern: string): TargetResult {
  const text = argument.trim();
  const line = parseLineArgument(text, pattern);
  if (line !== null) return { ok: true, branch: branchName(pattern, line) };
  if (!isValidBranchName(text)) {
    return { ok: false, reason: `\`${text.replaceAll("`", "'")}\` is not a branch name` };
  }
  return { ok: true, branch: text };
}

/**
 * A name git accepts for a branch (the rules of `git check-ref-format --branch`): no space,
 * control character, `~^:?*[\`, `..`, `@{` or `//`; no part starting with `.` or ending with
 * `.lock`; not starting with `-` or `/`, not ending with `/` or `.`; not `@`.
 */
export function isValidBranchName(name: string): boolean {
  if (name === "" || name === "@" || name.length > 255) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) return false;
  if (name.includes("..") || name.includes("@{") || name.includes("//")) return false;
  if (name.startsWith("-") || name.startsWith("/") || name.endsWith("/") || name.endsWith(".")) {
    return false;
  }
  return name.split("/").every((part) => !part.startsWith(".") && !part.endsWith(".lock"));
}

/** `cherry-pick-{pr}-to-{branch}` with 123 and `release-1.5` -> `cherry-pick-123-to-release-1.5`. */
export function pickBranchName(template: string, pr: number, branch: string): string {
  return template.replaceAll("{pr}", String(pr)).replaceAll("{branch}", branch);
}

/** The pull request and target a pick branch name stands for, or null when it is not one. */
export function parsePickBranchName(
  template: string,
  name: string,
): { pr: number; branch: string } | null {
  const parts = template.split(/(\{pr\}|\{branch\})/);
  const groups: string[] = [];
  const source = parts
    .map((part) => {
      if (part === "{pr}" || part === "{branch}") {
        groups.push(part);
        return part === "{pr}" ? "([1-9]\\d{0,9})" : "(.+)";
      }
      return escapeRegExp(part);
    })
    .join("");
  const match = new RegExp(`^${source}$`).exec(name);
  if (match === null) return null;
  let pr: number | undefined;
  let branch: string | undefined;
  for (const [i, group] of groups.entries()) {
    const value = match[i + 1] as string;
    if (group === "{pr}") {
      if (pr !== undefined && pr !== Number(value)) return null;
      pr = Number(value);
    } else {
      if (branch !== undefined && branch !== value) return null;
      branch = value;
    }
  }
  if (pr === undefined || branch === undefined || !isValidBranchName(branch)) return null;
  return { pr, branch };
}
