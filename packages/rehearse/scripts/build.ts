/**
 * The package's JavaScript: one esbuild bundle per `release-bot` subcommand in dist/, holding
 * this repository's own code (the rehearsal, the local GitHub, the bot) and importing npm packages
 * at run time. Every npm package a bundle imports must be a `dependencies` entry of this
 * package.json, so that `npm install` of the packed package, without devDependencies, runs it; the
 * build fails naming any that is not.
 *
 * `npm run build -w @release-bot/rehearse` (also run by `npm pack`, as `prepack`).
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const packageDir = fileURLToPath(new URL("../", import.meta.url));

/**
 * Subcommand → its script. A script runs on import and reads `process.argv.slice(2)`;
 * bin/release-bot.js dispatches to the bundles that were built. `init` (issue 24) is bundled
 * once src/bin/init.ts exists.
 */
const COMMANDS: Record<string, string> = {
  rehearse: "packages/rehearse/src/main.ts",
  init: "src/bin/init.ts",
};

const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, "utf8")) as {
  dependencies?: Record<string, string>;
};
const declared = new Set(Object.keys(manifest.dependencies ?? {}));

/** The package name of a bare import (`@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * npm packages stay imports (resolved from the installed package's dependencies); this
 * repository's workspace packages (`@release-bot/*`) are bundled, being no dependency anyone can
 * install.
 */
function npmPackagesExternal(undeclared: Set<string>): Plugin {
  return {
    name: "npm-packages-external",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:") || args.path.startsWith("@release-bot/")) return null;
        const name = packageOf(args.path);
        if (!declared.has(name)) undeclared.add(name);
        return { path: args.path, external: true };
      });
    },
  };
}

const entryPoints = Object.fromEntries(
  Object.entries(COMMANDS).filter(([, source]) => existsSync(`${root}${source}`)),
);
const undeclared = new Set<string>();
rmSync(`${packageDir}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(
    Object.entries(entryPoints).map(([name, source]) => [name, `${root}${source}`]),
  ),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  outdir: `${packageDir}dist`,
  plugins: [npmPackagesExternal(undeclared)],
  legalComments: "eof",
  logLevel: "warning",
});
if (undeclared.size > 0) {
  console.error(
    `@release-bot/rehearse: the bundles import ${[...undeclared].sort().join(", ")}, which packages/rehearse/package.json does not declare in "dependencies"; add them there.`,
  );
  process.exit(1);
}
console.log(`built ${Object.keys(entryPoints).join(", ")} into packages/rehearse/dist`);
