import type { Command } from "../core/commands/parse.js";

/** The command as the user would type it, for replies. */
export function describeCommand(command: Command): string {
  switch (command.name) {
    case "branch":
      return `/branch ${command.target}${command.from ? ` from ${command.from}` : ""}${dryRun(command)}`;
    case "rc":
      return `/rc ${command.target}${dryRun(command)}`;
    case "publish":
      return `/publish ${command.target}${dryRun(command)}`;
    case "release":
      return `/release ${command.target}${command.force ? " --force" : ""}${dryRun(command)}`;
    case "cherry-pick":
      return `/cherry-pick ${command.targets.join(" ")}${dryRun(command)}`;
    case "help":
      return "/help";
    case "status":
      return `/status${command.target ? ` ${command.target}` : ""}`;
    case "invalid":
    case "unknown":
      return `/${command.command}`;
  }
}

function dryRun(command: { dryRun?: true }): string {
  return command.dryRun ? " --dry-run" : "";
}
