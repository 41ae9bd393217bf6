/**
 * `release-bot rehearse` and `npm run rehearse`: the arguments after the command are the
 * rehearsal's. Bundled into dist/rehearse.js for the package's `release-bot` command.
 */
import { rehearsalCli } from "./cli.js";

process.exitCode = await rehearsalCli(process.argv.slice(2));
