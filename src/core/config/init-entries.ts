/**
 * The entries `release-bot init` writes for a place outside the charts: the dotted key of a YAML
 * scalar at a line, and a `files[]` pattern anchored on the text before the version. Pure.
 */
import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import { escapeRegExp } from "../text/regexp.js";

/**
 * The keys (mappings only) of the scalar at `line` (from 1) whose value is exactly `value`, or
 * null when there is none (a list item, a value with more than the version, not one document).
 */
export function yamlKeyAtLine(text: string, line: number, value: string): string[] | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  const walk = (node: Node | null, path: string[]): string[] | null => {
    if (!isMap(node)) return null;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const child = pair.value as Node | null;
      if (isScalar(child) && child.range && lines.linePos(child.range[0]).line === line) {
        if (String(child.source ?? child.value) === value) return [...path, key];
      }
      const found = walk(child, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  return walk(doc.contents as Node | null, []);
}

/** SemVer as the bot writes it: `X.Y.Z` with an optional pre-release. */
const SEMVER = "\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?";
/** PEP 440 as `{pep440}` writes it. */
const PEP440 = "\\d+\\.\\d+\\.\\d+(?:(?:a|b|rc)\\d+|\\.dev\\d+)?";

/**
 * A regular expression for `files[]`: the line's text before the version, anchored at the line's
 * start, and one group capturing what `format` writes. Null when the line does not hold `found`
 * or the pattern would not capture exactly it.
 */
export function capturePattern(
  line: string,
  found: string,
  format: string,
  formats: { tag: string; image: string },
): string | null {
  const at = line.indexOf(found);
  if (at < 0) return null;
  const template = format.replaceAll("{image}", formats.image).replaceAll("{tag}", formats.tag);
  const value = escapeRegExp(template)
    .replaceAll("\\{version\\}", SEMVER)
    .replaceAll("\\{pep440\\}", PEP440);
  const pattern = `^${escapeRegExp(line.slice(0, at))}(${value})`;
  const match = new RegExp(pattern, "m").exec(line);
  return match?.[1] === found ? pattern : null;
}
