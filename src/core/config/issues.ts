import type { z } from "zod";

/** One validation problem in words, naming its key (the configuration check annotates with it). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const key = formatKey(issue.path) || "(top level)";
  if (issue.code === "unrecognized_keys") {
    const prefix = issue.path.length > 0 ? `${key}.` : "";
    return issue.keys.map((k) => `\`${prefix}${k}\` is not a known setting`).join("; ");
  }
  if (issue.code === "invalid_type") {
    return `\`${key}\` must be ${article(issue.expected)}`;
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
    return `\`${key}\` must be one of ${allowed}`;
  }
  if (issue.code === "invalid_union") {
    // A union of a format string and `false`: say what either accepts.
    return `\`${key}\` must be a format string with a version placeholder, or false`;
  }
  return `\`${key}\` ${issue.message}`;
}

/** `files.0.pattern` reads better as `files[0].pattern`. */
function formatKey(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${String(part)}`,
    )
    .join("");
}

function article(expected: string): string {
  if (expected === "array") return "a list";
  if (expected === "object") return "a mapping";
  return `a ${expected}`;
}
