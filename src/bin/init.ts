import { initCli } from "../init/cli.js";

process.exitCode = await initCli(process.argv.slice(2));
