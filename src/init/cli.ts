/**
 * `npm run init -- --repo DIR [--out FILE]` (and `release-bot init`): inspects a repository,
 * writes a `.github/release-bot.yml` managing every place its release lives, and prints what it
 * decided, why, and what it left alone.
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseConfig } from "../config.js";
import { planConfiguration } from "../core/config/init-plan.js";
import { renderInitConfiguration } from "../core/config/init-yaml.js";
import { CONFIG_PATH } from "../core/config/path.js";
import { readRepository } from "./read-repository.js";

export const INIT_USAGE = `Usage: npm run init -- --repo DIR [--out FILE] [--force]
       release-bot init --repo DIR [--out FILE] [--force]

Reads the repository at DIR (a work tree or a bare repository; the commit at HEAD, with git;
nothing is written to it) and writes a configuration that manages every place its release
lives: charts, VERSION, values, Kustomize image tags, Python and Go versions, manifests, docs.

Options:
  --repo DIR    the repository (default: .)
  --out FILE    where to write (default: DIR/${CONFIG_PATH}; required for a bare repository)
  --force       replace FILE when it exists
  -h, --help    this text`;

export async function initCli(
  argv: readonly string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  let values: { repo?: string; out?: string; force?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        repo: { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    printError(`release-bot init: ${(error as Error).message}\n\n${INIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    print(INIT_USAGE);
    return 0;
  }
  const dir = values.repo ?? ".";
  let repository: Awaited<ReturnType<typeof readRepository>>;
  try {
    repository = await readRepository(dir);
  } catch (error) {
    printError(`release-bot init: ${(error as Error).message}; give --repo a git repository.`);
    return 2;
  }
  if (repository.bare && values.out === undefined) {
    printError(
      `release-bot init: ${dir} is a bare repository; say where to write with --out FILE.`,
    );
    return 2;
  }
  const out = resolve(values.out ?? join(dir, CONFIG_PATH));
  if (!values.force && (await exists(out))) {
    printError(`release-bot init: ${out} exists; pass --force to replace it.`);
    return 2;
  }
  const plan = planConfiguration(repository, parseConfig);
  if (!plan.ok) {
    printError(`release-bot init: ${plan.error}.`);
    return 1;
  }
  const text = renderInitConfiguration(plan.raw, plan.notes, [
    `Written by \`release-bot init\` from ${repository.commit.slice(0, 12)}, at release ${plan.release.version}.`,
    "Each entry says what was found there. Rehearse a release with it before relying on it:",
    `npm run rehearse -- --repo <this repository> "/branch <next line>"`,
  ]);
  const valid = parseConfig(plan.raw);
  if (!valid.ok) {
    printError(`release-bot init: the configuration it made is invalid (a bug): ${valid.error}`);
    return 1;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  print(`Release ${plan.release.version}, read from ${plan.release.sources.join(", ")}.`);
  print("\nManaged:");
  for (const note of plan.notes) print(`  ${note.key}: ${note.why}`);
  const alone = [
    ...plan.release.otherCharts.map(
      (c) =>
        `${c.path}: version \`${c.version ?? "none"}\`, appVersion \`${c.appVersion ?? "none"}\` are not the release`,
    ),
    ...plan.leftAlone,
  ];
  print(alone.length === 0 ? "\nLeft alone: nothing." : "\nLeft alone:");
  for (const line of alone) print(`  ${line}`);
  print(`\nWrote ${out}.`);
  return 0;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
