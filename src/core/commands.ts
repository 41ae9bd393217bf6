/**
 * Slash commands in issue and pull request comments. Pure; one pass over the lines of the body.
 *
 * A command is a line whose first text is `/name`. Lines a reader does not see as plain text
 * are never commands: fenced and indented code, block quotes and HTML comments. Commands of
 * Prow and other bots are ignored entirely so the bot does not answer every `/lgtm`.
 */

export type Command =
  | { name: "branch"; target: string; from?: string }
  | { name: "rc"; target: string }
  | { name: "release"; target: string; force: boolean }
  | { name: "cherry-pick"; targets: string[] }
  | { name: "help" }
  | { name: "status"; target?: string }
  | { name: "invalid"; command: string; message: string }
  | { name: "unknown"; command: string; suggestion?: string };

type KnownName = "branch" | "rc" | "release" | "cherry-pick" | "help" | "status";

/** At most this many commands are read from one comment; the rest is ignored. */
export const MAX_COMMANDS = 20;

export const COMMAND_USAGE: Record<KnownName, string> = {
  branch: "/branch <major.minor> [from <ref>]",
  rc: "/rc <major.minor>",
  release: "/release <major.minor> [--force]",
  "cherry-pick": "/cherry-pick <branch> [<branch> ...]",
  help: "/help",
  status: "/status [<major.minor>]",
};

const EXAMPLES: Record<KnownName, string> = {
  branch: "/branch 1.5",
  rc: "/rc 1.5",
  release: "/release 1.5",
  "cherry-pick": "/cherry-pick release-1.5",
  help: "/help",
  status: "/status 1.5",
};

/** Names we answer to, lower case; Prow spells cherry-pick `cherrypick`. */
const KNOWN = new Map<string, KnownName>([
  ["branch", "branch"],
  ["rc", "rc"],
  ["release", "release"],
  ["cherry-pick", "cherry-pick"],
  ["cherrypick", "cherry-pick"],
  ["help", "help"],
  ["status", "status"],
]);

/**
 * Commands of Prow and other bots common in Kubeflow repositories. They are not ours and get no
 * answer, not even "unknown command". Any `/remove-...` is Prow's as well.
 */
export const FOREIGN_COMMANDS: ReadonlySet<string> = new Set([
  // Prow: review and merge
  "lgtm",
  "approve",
  "hold",
  "unhold",
  "override",
  "skip",
  // Prow: CI
  "retest",
  "retest-required",
  "test",
  "ok-to-test",
  // Prow: people
  "assign",
  "unassign",
  "cc",
  "uncc",
  "auto-cc",
  // Prow: labels
  "kind",
  "area",
  "priority",
  "sig",
  "wg",
  "committee",
  "triage",
  "lifecycle",
  "label",
  "stage",
  "good-first-issue",
  "release-note",
  "release-note-none",
  "release-note-edit",
  // Prow: issues and pull requests
  "close",
  "reopen",
  "milestone",
  "project",
  "retitle",
  "transfer",
  "transfer-issue",
  "verify-owners",
  "lint",
  "bugzilla",
  "jira",
  // Prow: fun
  "joke",
  "meow",
  "meowvie",
  "woof",
  "bark",
  "honk",
  "pony",
  "shrug",
  "unshrug",
  "this-is-fine",
  "this-is-not-fine",
  "this-is-unbearable",
  // CLA / DCO bots, other CI and review bots
  "easycla",
  "check-cla",
  "check-dco",
  "gemini",
  "gcbrun",
  "azp",
  "rebase",
]);

/** Longest command name we read; longer `/words` are not commands. */
const MAX_NAME_LENGTH = 50;

/** `/name` at the start of a line, followed by whitespace or the end of the line. */
const COMMAND_LINE = new RegExp(
  `^([ \\t]*)\\/([A-Za-z][A-Za-z0-9_-]{0,${MAX_NAME_LENGTH - 1}})(?=\\s|$)([\\s\\S]*)$`,
);

/** An opening code fence, also after list markers (`- ```yaml`). */
const FENCE_OPEN = /^ {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;

interface Fence {
  char: string;
  length: number;
}

/** The commands of a comment body, in order, at most `MAX_COMMANDS`. */
export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
  let fence: Fence | null = null;
  let inComment = false;

  for (const line of body.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    if (commands.length >= MAX_COMMANDS) break;

    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }

    let text: string;
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) continue;
      inComment = false;
      text = line.slice(end + 3);
    } else {
      fence = opensFence(line);
      if (fence !== null || BLOCKQUOTE.test(line)) continue;
      text = line;
    }

    const stripped = stripComments(text);
    inComment = stripped.open;
    const command = parseLine(stripped.visible);
    if (command !== null) commands.push(command);
  }
  return commands;
}

function opensFence(line: string): Fence | null {
  const match = FENCE_OPEN.exec(line);
  const marker = match?.[1];
  if (marker === undefined) return null;
  const char = marker.charAt(0);
  // A backtick fence's info string has no backtick: "```code```" on one line is inline code.
  if (char === "`" && (match?.[2] ?? "").includes("`")) return null;
  return { char, length: marker.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const marker = FENCE_CLOSE.exec(line)?.[1];
  return marker !== undefined && marker.charAt(0) === fence.char && marker.length >= fence.length;
}

/** Removes `<!-- ... -->`; `open` when a comment starts on this line and does not end on it. */
function stripComments(text: string): { visible: string; open: boolean } {
  let visible = "";
  let from = 0;
  for (;;) {
    const start = text.indexOf("<!--", from);
    if (start < 0) return { visible: visible + text.slice(from), open: false };
    visible += text.slice(from, start);
    // `<!-->` and `<!--->` are complete (empty) comments too.
    const end = text.indexOf("-->", start + 2);
    if (end < 0) return { visible, open: true };
    from = end + 3;
  }
}

/** Columns of leading whitespace, tabs to the next multiple of 4 (CommonMark). */
function indentation(whitespace: string): number {
  let column = 0;
  for (const ch of whitespace) column = ch === "\t" ? column + 4 - (column % 4) : column + 1;
  return column;
}

function parseLine(line: string): Command | null {
  const match = COMMAND_LINE.exec(line);
  if (match === null) return null;
  const [, indent = "", rawName = "", rest = ""] = match;
  // Four columns of indentation make an indented code block.
  if (indentation(indent) >= 4) return null;
  const name = rawName.toLowerCase();
  const args = rest.split(/\s+/).filter((arg) => arg !== "");

  const known = KNOWN.get(name);
  if (known !== undefined) return parseKnown(known, args);
  if (isForeign(name)) return null;

  const suggestion = suggest(name);
  if (suggestion !== undefined) return { name: "unknown", command: name, suggestion };
  // A typo of another bot's command (`/lgmt`) is that bot's business.
  if (nearestWithin(name, FOREIGN_COMMANDS.keys()) !== undefined) return null;
  return { name: "unknown", command: name };
}

function isForeign(name: string): boolean {
  return FOREIGN_COMMANDS.has(name) || name.startsWith("remove-");
}

function parseKnown(name: KnownName, args: string[]): Command {
  switch (name) {
    case "help":
      // `/help` takes no arguments; words after it are read as part of the request for help.
      return { name: "help" };
    case "rc": {
      const { options, positional } = splitOptions(args);
      if (options.length > 0) return invalid(name, `${code("/rc")} takes no options`);
      if (positional.length === 0) return invalid(name, `${code("/rc")} needs a release line`);
      if (positional.length > 1) {
        return invalid(
          name,
          `${code("/rc")} takes one release line, not ${code(positional.join(" "))}`,
        );
      }
      return { name: "rc", target: positional[0] as string };
    }
    case "release": {
      const { options, positional } = splitOptions(args);
      const unknownOption = options.find((option) => option.toLowerCase() !== "--force");
      if (unknownOption !== undefined) {
        return invalid(
          name,
          `${code("/release")} has no option ${code(unknownOption)}, only ${code("--force")}`,
        );
      }
      if (positional.length === 0) return invalid(name, `${code("/release")} needs a release line`);
      if (positional.length > 1) {
        return invalid(
          name,
          `${code("/release")} takes one release line, not ${code(positional.join(" "))}`,
        );
      }
      return { name: "release", target: positional[0] as string, force: options.length > 0 };
    }
    case "status": {
      const { options, positional } = splitOptions(args);
      if (options.length > 0) return invalid(name, `${code("/status")} takes no options`);
      if (positional.length > 1) {
        return invalid(name, `${code("/status")} takes at most one release line`);
      }
      return positional[0] === undefined ? { name } : { name, target: positional[0] };
    }
    case "branch":
      return parseBranch(args);
    case "cherry-pick": {
      const { options, positional } = splitOptions(args);
      if (options.length > 0) return invalid(name, `${code("/cherry-pick")} takes no options`);
      // Commas are separators too: `/cherry-pick release-1.5, release-1.4`.
      const targets = [
        ...new Set(positional.flatMap((arg) => arg.split(",")).filter((t) => t !== "")),
      ];
      if (targets.length === 0) {
        return invalid(name, `${code("/cherry-pick")} needs at least one release branch`);
      }
      return { name: "cherry-pick", targets };
    }
  }
}

function parseBranch(args: string[]): Command {
  const { options, positional } = splitOptions(args);
  const [target, keyword, from, ...extra] = positional;
  const branch = code("/branch");
  if (options.length > 0) return invalid("branch", `${branch} takes no options`);
  if (target === undefined || target.toLowerCase() === "from") {
    return invalid("branch", `${branch} needs a release line`);
  }
  if (keyword === undefined) return { name: "branch", target };
  if (keyword.toLowerCase() !== "from") {
    return invalid(
      "branch",
      `${branch} expects ${code("from <ref>")} after the release line, not ${code(positional.slice(1).join(" "))}`,
    );
  }
  if (from === undefined) {
    return invalid("branch", `${branch} needs a branch, tag or commit after ${code("from")}`);
  }
  if (extra.length > 0) {
    return invalid(
      "branch",
      `${branch} takes one ref after ${code("from")}, not ${code(positional.slice(2).join(" "))}`,
    );
  }
  return { name: "branch", target, from };
}

/** `--word` arguments are options; a lone `-` or `-1` is not. */
function splitOptions(args: string[]): { options: string[]; positional: string[] } {
  const options: string[] = [];
  const positional: string[] = [];
  for (const arg of args) (/^--?[A-Za-z]/.test(arg) ? options : positional).push(arg);
  return { options, positional };
}

function invalid(name: KnownName, problem: string): Command {
  return {
    name: "invalid",
    command: name,
    message: `${problem}; usage: ${code(COMMAND_USAGE[name])}, for example ${code(EXAMPLES[name])}.`,
  };
}

/** User text inside a Markdown code span: no backticks to break out of it, and short. */
function code(text: string): string {
  const safe = text.replaceAll("`", "'");
  return `\`${safe.length > 40 ? `${safe.slice(0, 39)}…` : safe}\``;
}

/**
 * The command a mistyped name most likely meant: within a small edit distance (a swap of two
 * letters counts as one), or the beginning of a name (`/cherry`, `/rel`).
 */
function suggest(name: string): KnownName | undefined {
  const near = nearestWithin(name, KNOWN.keys());
  if (near !== undefined) return KNOWN.get(near);
  if (name.length < 2) return undefined;
  for (const [alias, known] of KNOWN) if (alias.startsWith(name)) return known;
  return undefined;
}

/** The closest candidate within its allowed distance: 1 for names of up to 4 letters, else 2. */
function nearestWithin(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const allowed = candidate.length <= 4 ? 1 : 2;
    if (Math.abs(candidate.length - name.length) > allowed) continue;
    const d = editDistance(name, candidate);
    if (d <= allowed && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] as number) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}
