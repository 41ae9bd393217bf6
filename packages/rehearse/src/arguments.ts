/** The rehearsal's command line: options and STEP arguments. Pure. */
import { parseArgs } from "node:util";
import { parseStep, type Step } from "./steps.js";

export const USAGE = `Usage: npm run rehearse -- [options] STEP...
       release-bot rehearse [options] STEP...

Plays STEPs with the real bot against a local GitHub serving your repository, and prints what
happened. Nothing is written to your repository.

Options:
  --repo DIR         a git work tree or bare repository (default: .)
  --config FILE      serve FILE as .github/release-bot.yml on the default branch
                     (default: the repository's own, if any)
  --json FILE        also write the result as JSON to FILE
  --keep DIR         leave the local GitHub's repository in DIR (a new bare repository)
  --no-merge-picks   leave the pick pull requests the bot opens unmerged
  --throttle         production write throttling (real timings)
  -h, --help         this text

Steps, each one argument, in order:
  "/branch 1.6", "/rc 1.6", "/release 1.6 --force", …
                     a maintainer comments the command on an issue; "/cherry-pick …" goes on
                     the pull request of the last merge step
  "branch NAME REF"  a person creates branch NAME at REF
  "tag NAME REF"     a person pushes a lightweight tag NAME at REF
  "merge REF [--into BRANCH] [--label LABEL]... [--style squash|rebase|merge]"
                     a pull request from REF into BRANCH (default: the default branch),
                     labelled, merged by a maintainer (default style: merge)
  REF is any git revision: a branch, a tag, a sha (short too), master~1, v1.5.0^{}

Exit status: 0 every step ran (a refusal by the bot is a result), 1 the bot failed or a step
timed out or referred to a missing ref, 2 bad arguments.

Example:
  npm run rehearse -- --repo ../spark-operator "/branch 1.6" \\
    "merge fix-branch --label cherry-pick/release-1.6" "/rc 1.6" "/release 1.6"`;

export interface RehearsalOptions {
  repo: string;
  config: string | null;
  json: string | null;
  keep: string | null;
  mergePicks: boolean;
  throttle: boolean;
  steps: Step[];
}

export type ArgumentsParse =
  | { ok: true; options: RehearsalOptions }
  | { ok: true; help: true }
  | { ok: false; error: string };

export function parseRehearsalArguments(argv: readonly string[]): ArgumentsParse {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  if (positionals.length === 0) return { ok: false, error: "no STEP given" };
  const steps: Step[] = [];
  for (const text of positionals) {
    const step = parseStep(text);
    if (!step.ok) return { ok: false, error: step.error };
    steps.push(step.step);
  }
  return {
    ok: true,
    options: {
      repo: values.repo ?? ".",
      config: values.config ?? null,
      json: values.json ?? null,
      keep: values.keep ?? null,
      mergePicks: !values["no-merge-picks"],
      throttle: values.throttle ?? false,
      steps,
    },
  };
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      repo: { type: "string" },
      config: { type: "string" },
      json: { type: "string" },
      keep: { type: "string" },
      "no-merge-picks": { type: "boolean" },
      throttle: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
