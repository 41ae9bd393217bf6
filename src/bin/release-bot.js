#!/usr/bin/env node
// The `release-bot` command (package.json `bin`). Its one subcommand, `rehearse`, runs from the
// TypeScript sources through tsx, since it needs the local GitHub, which the build leaves out.
import { register } from "tsx/esm/api";

const [command, ...rest] = process.argv.slice(2);
if (command !== "rehearse") {
  console.error("Usage: release-bot rehearse [options] STEP...   (release-bot rehearse --help)");
  process.exit(2);
}
register();
const { rehearsalCli } = await import("../rehearsal/cli.ts");
process.exitCode = await rehearsalCli(rest);
