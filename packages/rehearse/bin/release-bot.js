#!/usr/bin/env node
// The `release-bot` command of @release-bot/rehearse. Each subcommand is a script bundled into
// ../dist (scripts/build.ts) that reads its own arguments from process.argv.slice(2): the
// subcommand's name is taken out of argv and the script imported. Plain JavaScript, so that the
// installed package runs on node alone.
import { existsSync } from "node:fs";

/** Subcommand → its bundle. The build makes each one whose source exists (see scripts/build.ts). */
const COMMANDS = {
  rehearse: "../dist/rehearse.js",
  init: "../dist/init.js",
};

const available = Object.keys(COMMANDS).filter((name) =>
  existsSync(new URL(COMMANDS[name], import.meta.url)),
);
const [command] = process.argv.splice(2, 1);
if (command === undefined || !Object.hasOwn(COMMANDS, command) || !available.includes(command)) {
  const list =
    available.length > 0
      ? available.join(", ")
      : "none built yet (npm run build -w @release-bot/rehearse)";
  if (command !== undefined) console.error(`release-bot: "${command}" is not a command here`);
  console.error(`Usage: release-bot rehearse [options] STEP...   (release-bot rehearse --help)
       release-bot <command> [options]   commands: ${list}`);
  process.exit(2);
}
await import(COMMANDS[command]);
