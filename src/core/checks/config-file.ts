/**
 * The configuration check: `.github/release-bot.yml` as pushed, validated like the bot loads it,
 * with each problem placed at the line of its key (the `yaml` parse tree knows where every node
 * is). Pure.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { describeIssue } from "../config/issues.js";
import { CONFIG_PATH } from "../config/path.js";
import type { CheckAnnotation, CheckResult } from "./result.js";

/** Probot's key for inheriting another repository's file; not one of ours to validate. */
const EXTENDS_KEY = "_extends";

/** The configuration's schema, given by the caller so that this check stays free of the loader. */
export type ConfigSchema = Pick<z.ZodType, "safeParse">;

export function checkConfigurationFile(
  text: string,
  schema: ConfigSchema,
  path = CONFIG_PATH,
): CheckResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    const annotations = doc.errors.map((error) => ({
      path,
      line: lineOf(error.pos[0]),
      level: "failure" as const,
      title: "Not valid YAML",
      message: error.message.split("\n", 1)[0] ?? "",
    }));
    return failure(path, annotations, "is not valid YAML");
  }
  const raw = doc.toJS() ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    const annotation = {
      path,
      line: 1,
      level: "failure" as const,
      title: "Not a mapping",
      message: "The file must be a YAML mapping of settings.",
    };
    return failure(path, [annotation], "is not a mapping of settings");
  }
  delete (raw as Record<string, unknown>)[EXTENDS_KEY];
  const result = schema.safeParse(raw);
  if (result.success) {
    return {
      conclusion: "success",
      title: `${path} is valid`,
      summary: `Every key of \`${path}\` is a known setting with a valid value; release-bot will read it as written.`,
      annotations: [],
    };
  }
  const annotations = result.error.issues
    .map((issue) => {
      // An unknown key is placed at itself, not at the mapping that holds it.
      const where =
        issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] as string] : issue.path;
      return {
        path,
        line: lineOf(positionOf(doc.contents, where)),
        level: "failure" as const,
        title: "Invalid setting",
        message: `${describeIssue(issue)}.`,
      };
    })
    .sort((a, b) => a.line - b.line);
  return failure(path, annotations, "has invalid settings");
}

function failure(path: string, annotations: CheckAnnotation[], what: string): CheckResult {
  const n = annotations.length;
  return {
    conclusion: "failure",
    title: `${path} ${what} (${n} problem${n === 1 ? "" : "s"})`,
    summary: [
      `release-bot cannot use \`${path}\` as it is here: every command would answer with this error instead of running.`,
      "",
      ...annotations.map((a) => `- line ${a.line}: ${a.message}`),
      "",
      "The settings are described in docs/configuration.md; the JSON Schema docs/release-bot.schema.json lets an editor check them as you type.",
    ].join("\n"),
    annotations,
  };
}

/**
 * The offset of the node a validation path names: the key of the deepest mapping entry (or the
 * list item) that exists on the path, else the start of the file.
 */
function positionOf(root: Node | null | undefined, path: readonly PropertyKey[]): number {
  let node: unknown = root;
  let offset = 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
