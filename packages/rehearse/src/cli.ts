/** `npm run rehearse` / `release-bot rehearse`: arguments in, report out, an exit status. */
import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { promisify } from "node:util";
import { parseRehearsalArguments, type RehearsalOptions, USAGE } from "./arguments.js";
import { rehearse } from "./runner.js";

const execFileAsync = promisify(execFile);

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export async function rehearsalCli(argv: readonly string[]): Promise<number> {
  const parsed = parseRehearsalArguments(argv);
  if (parsed.ok && "help" in parsed) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const problem = parsed.ok ? await unusable(parsed.options) : parsed.error;
  if (!parsed.ok || problem !== null) {
    console.error(`release-bot rehearse: ${problem}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const { failure } = await rehearse(parsed.options, (text) => console.log(text));
    if (failure === null) return EXIT_OK;
    console.error(`\nrelease-bot rehearse: ${failure}`);
  } catch (error) {
    console.error(`release-bot rehearse: ${error instanceof Error ? error.message : error}`);
  }
  return EXIT_FAILED;
}

/** An option naming something that is not there (or, for --keep, something that is). */
async function unusable(options: RehearsalOptions): Promise<string | null> {
  const isRepository = await execFileAsync("git", ["-C", options.repo, "rev-parse", "--git-dir"], {
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
  }).then(
    () => true,
    () => false,
  );
  if (!isRepository) return `--repo ${options.repo} is not a git repository`;
  if (options.config !== null && !(await exists(options.config, constants.R_OK))) {
    return `--config ${options.config} cannot be read`;
  }
  if (options.keep !== null && (await exists(options.keep, constants.F_OK))) {
    return `--keep ${options.keep} already exists; name a new directory`;
  }
  return null;
}

function exists(path: string, mode: number): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}
