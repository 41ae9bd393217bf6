import { rehearsalCli } from "../rehearsal/cli.js";

process.exitCode = await rehearsalCli(process.argv.slice(2));
