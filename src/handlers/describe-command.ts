import type { Command } from "../core/commands.js";

/** The command as the user would type it, for replies. */
export function describeCommand(command: Command): string {
  switch (command.name) {
    case "branch":
      return `/branch ${command.target}${command.from ? ` from ${command.from}` : ""}`;
    case "rc":
      return `/rc ${command.target}`;
    case "release":
      return `/release ${command.target}${command.force ? " --force" : ""}`;
    case "cherry-pick":
      return `/cherry-pick ${command.targets.join(" ")}`;
    case "help":
      return "/help";
    case "status":
      return `/status${command.target ? ` ${command.target}` : ""}`;
    case "invalid":
    case "unknown":
      return `/${command.command}`;
  }
}
