import { runDemo } from "../demo/run.js";

process.exitCode = await runDemo({ keepServing: false });
