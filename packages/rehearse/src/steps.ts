/** The steps of a rehearsal, parsed from the command line's STEP arguments. Pure. */
import { parseArgs } from "node:util";

export const MERGE_STYLES = ["merge", "squash", "rebase"] as const;
export type MergeStyle = (typeof MERGE_STYLES)[number];

export type Step =
  /** A maintainer comments a slash command (on the last merged PR for `/cherry-pick`). */
  | { kind: "command"; text: string; body: string }
  /** A person creates a branch at a ref. */
  | { kind: "branch"; text: string; name: string; ref: string }
  /** A person pushes a lightweight tag at a ref. */
  | { kind: "tag"; text: string; name: string; ref: string }
  /** A pull request from a ref, labelled, then merged by a maintainer. */
  | {
      kind: "merge";
      text: string;
      ref: string;
      into: string | null;
      labels: string[];
      style: MergeStyle;
    };

export type StepParse = { ok: true; step: Step } | { ok: false; error: string };

/** GitHub's default merge button. */
const DEFAULT_STYLE: MergeStyle = "merge";

/**
 * One STEP argument: `/command …`, `branch NAME REF`, `tag NAME REF` or
 * `merge REF [--into BRANCH] [--label LABEL]... [--style squash|rebase|merge]`.
 */
export function parseStep(text: string): StepParse {
  const trimmed = text.trim();
  if (trimmed.startsWith("/")) {
    return trimmed.length > 1
      ? { ok: true, step: { kind: "command", text, body: trimmed } }
      : { ok: false, error: `"${text}": a slash command needs a name, for example "/rc 1.6"` };
  }
  const [verb = "", ...words] = trimmed.split(/\s+/);
  switch (verb) {
    case "branch":
    case "tag":
      return refStep(text, verb, words);
    case "merge":
      return mergeStep(text, words);
    default:
      return {
        ok: false,
        error: `"${text}" is not a step: use a slash command ("/rc 1.6"), "branch NAME REF", "tag NAME REF" or "merge REF [--into BRANCH] [--label LABEL]... [--style squash|rebase|merge]"`,
      };
  }
}

function refStep(text: string, verb: "branch" | "tag", words: string[]): StepParse {
  const [name, ref, ...extra] = words;
  if (name === undefined || ref === undefined || extra.length > 0) {
    return { ok: false, error: `"${text}": expected "${verb} NAME REF"` };
  }
  return { ok: true, step: { kind: verb, text, name, ref } };
}

function mergeStep(text: string, words: string[]): StepParse {
  let parsed: ReturnType<typeof parseMergeWords>;
  try {
    parsed = parseMergeWords(words);
  } catch (error) {
    return { ok: false, error: `"${text}": ${(error as Error).message}` };
  }
  const { values, positionals } = parsed;
  const [ref, ...extra] = positionals;
  if (ref === undefined || extra.length > 0) {
    return { ok: false, error: `"${text}": expected "merge REF" with exactly one REF` };
  }
  const style = values.style ?? DEFAULT_STYLE;
  if (!isMergeStyle(style)) {
    return {
      ok: false,
      error: `"${text}": --style must be one of ${MERGE_STYLES.join(", ")}, not "${style}"`,
    };
  }
  return {
    ok: true,
    step: {
      kind: "merge",
      text,
      ref,
      into: values.into ?? null,
      labels: values.label ?? [],
      style,
    },
  };
}

function parseMergeWords(words: string[]) {
  return parseArgs({
    args: words,
    allowPositionals: true,
    strict: true,
    options: {
      into: { type: "string" },
      label: { type: "string", multiple: true },
      style: { type: "string" },
    },
  });
}

function isMergeStyle(value: string): value is MergeStyle {
  return (MERGE_STYLES as readonly string[]).includes(value);
}
