/**
 * User text shown as inline code in a reply: backticks and line breaks cannot break out of it,
 * and a pasted novel is cut short.
 */
export function inlineCode(text: string, max = 60): string {
  const flat = text.replace(/[`\r\n]/g, " ");
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return `\`${cut}\``;
}

/**
 * Text as a Markdown code span: mentions, links and emphasis inside it are inert. The fence is
 * longer than any run of backticks in the text; in a table, `|` is escaped so it stays in the cell.
 */
export function codeSpan(value: string, inTable = false): string {
  let safe = oneLine(value);
  if (inTable) safe = safe.replaceAll("|", "\\|");
  const longest = Math.max(0, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = safe.startsWith("`") || safe.endsWith("`") ? " " : "";
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/**
 * Plain text for Markdown: mentions (`@user`, `@org/team`) cannot ping (a word joiner follows the
 * `@`), and Markdown and HTML characters are escaped.
 */
export function escapeText(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, "\\$&")
    .replaceAll("@", "@\u2060");
}

/** A word for the shell: as it is when plain, else single-quoted. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9._/@%+=:,-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Text on one line: control characters (line breaks too) become spaces. */
export function oneLine(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are replaced
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ");
}
