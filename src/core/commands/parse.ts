/**
 * Slash commands in issue and pull request comments: the grammar of each command. Pure.
 *
 * A command is a plain-text line (see `plain-text-lines.ts`) whose first text is `/name`.
 * Commands of Prow and other bots are ignored entirely so the bot does not answer every `/lgtm`;
 * so is any `/word` that is not near one of ours (`/me`, `/ok`, `/coderabbit review`).
 */

import {
  COMMAND_EXAMPLES,
  COMMAND_USAGE,
  isForeignCommand,
  KNOWN_COMMANDS,
  type KnownName,
} from "./names.js";
import { plainTextLines } from "./plain-text-lines.js";
import { suggestCommand } from "./suggestion.js";

/** `--dry-run` on a writing command: the reply gives the plan, nothing is written. */
interface DryRunnable {
  dryRun?: true;
}

export type Command =
  | ({ name: "branch"; target: string; from?: string; force?: boolean } & DryRunnable)
  | ({ name: "rc"; target: string } & DryRunnable)
  | ({ name: "release"; target: string; force: boolean } & DryRunnable)
  | ({ name: "publish"; target: string } & DryRunnable)
  | ({ name: "cherry-pick"; targets: string[] } & DryRunnable)
  | { name: "help" }
  | { name: "status"; target?: string }
  | { name: "invalid"; command: string; message: string }
  | { name: "unknown"; command: string; suggestion: KnownName };

/** How comments are read: beside Prow (`commands.prow`), `/help` and `/cherrypick` are Prow's. */
export interface Grammar {
  prow: boolean;
}

/** Names Prow answers to that release-bot also knows; beside Prow, they are left to it. */
const PROW_NAMES: ReadonlySet<string> = new Set(["help", "cherrypick"]);

/** `/release-bot help`: the bot's help where `/help` is Prow's. */
const OWN_PREFIX = "release-bot";

/** At most this many commands are read from one comment; the rest is ignored. */
export const MAX_COMMANDS = 20;

/** Longest command name we read; longer `/words` are not commands. */
const MAX_NAME_LENGTH = 50;

/** `/name` at the start of a line, followed by whitespace or the end of the line. */
const COMMAND_LINE = new RegExp(
  `^[ \\t]*\\/([A-Za-z][A-Za-z0-9_-]{0,${MAX_NAME_LENGTH - 1}})(?=\\s|$)([\\s\\S]*)$`,
);

/**
 * The commands of a comment body, in order, at most `MAX_COMMANDS`; `/help` written more than
 * once is answered once.
 */
export function parseCommands(body: string, grammar: Grammar = { prow: false }): Command[] {
  const commands: Command[] = [];
  for (const line of plainTextLines(body)) {
    const command = parseLine(line, grammar);
    if (command === null) continue;
    if (command.name === "help" && commands.some((c) => c.name === "help")) continue;
    commands.push(command);
    if (commands.length >= MAX_COMMANDS) break;
  }
  return commands;
}

function parseLine(line: string, grammar: Grammar): Command | null {
  const match = COMMAND_LINE.exec(line);
  if (match === null) return null;
  const name = (match[1] as string).toLowerCase();
  const args = (match[2] as string).split(/\s+/).filter((arg) => arg !== "");

  if (name === OWN_PREFIX) return parseOwnPrefix(args);
  if (grammar.prow && PROW_NAMES.has(name)) return null;
  const known = KNOWN_COMMANDS.get(name);
  if (known !== undefined) return parseKnown(known, args);
  if (isForeignCommand(name)) return null;

  // Only a near miss of one of ours is worth an answer; a typo of Prow's `/help` is Prow's.
  const suggestion = suggestCommand(name);
  if (suggestion === undefined || (grammar.prow && suggestion === "help")) return null;
  return { name: "unknown", command: name, suggestion };
}

function parseOwnPrefix(args: string[]): Command {
  if (args.join(" ").toLowerCase() === "help") return { name: "help" };
  return {
    name: "invalid",
    command: "help",
    message: `${code(`/${OWN_PREFIX}`)} is followed by ${code("help")} only, for example ${code(`/${OWN_PREFIX} help`)}.`,
  };
}

function parseKnown(name: KnownName, args: string[]): Command {
  switch (name) {
    case "help":
      // `/help` takes no arguments; words after it are read as part of the request for help.
      return { name: "help" };
    case "rc":
    case "publish": {
      const { options, positional } = splitOptions(args);
      const unknownOption = firstUnknown(options, [DRY_RUN]);
      if (unknownOption !== undefined) return unknownOptionOf(name, unknownOption, [DRY_RUN]);
      const what = name === "rc" ? "release line" : "version";
      if (positional.length === 0) return invalid(name, `${code(`/${name}`)} needs a ${what}`);
      if (positional.length > 1) {
        return invalid(
          name,
          `${code(`/${name}`)} takes one ${what}, not ${code(positional.join(" "))}`,
        );
      }
      return { name, target: positional[0] as string, ...dryRunOf(options) };
    }
    case "status": {
      const { options, positional } = splitOptions(args);
      if (options.length > 0) return invalid(name, `${code("/status")} takes no options`);
      if (positional.length > 1) {
        return invalid(name, `${code("/status")} takes at most one release line`);
      }
      return { name, target: positional[0] };
    }
    case "release": {
      const { options, positional } = splitOptions(args);
      const unknownOption = firstUnknown(options, [FORCE, DRY_RUN]);
      if (unknownOption !== undefined) {
        return unknownOptionOf(name, unknownOption, [FORCE, DRY_RUN]);
      }
      if (positional.length === 0) return invalid(name, `${code("/release")} needs a release line`);
      if (positional.length > 1) {
        return invalid(
          name,
          `${code("/release")} takes one release line, not ${code(positional.join(" "))}`,
        );
      }
      return {
        name: "release",
        target: positional[0] as string,
        force: hasOption(options, FORCE),
        ...dryRunOf(options),
      };
    }
    case "branch":
      return parseBranch(args);
    case "cherry-pick": {
      const { options, positional } = splitOptions(args);
      const unknownOption = firstUnknown(options, [DRY_RUN]);
      if (unknownOption !== undefined) return unknownOptionOf(name, unknownOption, [DRY_RUN]);
      // Commas are separators too: `/cherry-pick release-1.5, release-1.4`.
      const targets = [
        ...new Set(positional.flatMap((arg) => arg.split(",")).filter((t) => t !== "")),
      ];
      if (targets.length === 0) {
        return invalid(name, `${code("/cherry-pick")} needs at least one release branch`);
      }
      return { name: "cherry-pick", targets, ...dryRunOf(options) };
    }
  }
}

function parseBranch(args: string[]): Command {
  const { options, positional } = splitOptions(args);
  const [target, keyword, from, ...extra] = positional;
  const branch = code("/branch");
  const unknownOption = firstUnknown(options, [FORCE, DRY_RUN]);
  if (unknownOption !== undefined) {
    return unknownOptionOf("branch", unknownOption, [FORCE, DRY_RUN]);
  }
  if (target === undefined || target.toLowerCase() === "from") {
    return invalid("branch", `${branch} needs a release line`);
  }
  const flags = { ...(hasOption(options, FORCE) ? { force: true } : {}), ...dryRunOf(options) };
  if (keyword === undefined) return { name: "branch", target, ...flags };
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
  return { name: "branch", target, from, ...flags };
}

const FORCE = "--force";
const DRY_RUN = "--dry-run";

/** The first option not among `allowed`; options are case-insensitive. */
function firstUnknown(options: readonly string[], allowed: readonly string[]): string | undefined {
  return options.find((option) => !allowed.includes(option.toLowerCase()));
}

function hasOption(options: readonly string[], option: string): boolean {
  return options.some((given) => given.toLowerCase() === option);
}

function dryRunOf(options: readonly string[]): DryRunnable {
  return hasOption(options, DRY_RUN) ? { dryRun: true } : {};
}

function unknownOptionOf(name: KnownName, option: string, allowed: readonly string[]): Command {
  const known = allowed.map((a) => code(a));
  return invalid(
    name,
    `${code(`/${name}`)} has no option ${code(option)}, only ${known.join(" and ")}`,
  );
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
    // Our own words: shown whole, unlike user text.
    message: `${problem}; usage: \`${COMMAND_USAGE[name]}\`, for example \`${COMMAND_EXAMPLES[name]}\`.`,
  };
}

/** User text inside a Markdown code span: no backticks to break out of it, and short. */
function code(text: string): string {
  const safe = text.replaceAll("`", "'");
  return `\`${safe.length > 40 ? `${safe.slice(0, 39)}…` : safe}\``;
}
