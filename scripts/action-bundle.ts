import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The GitHub Action's bundle, dist/index.js: src/bin/action.ts and everything it imports (the
 * app, Probot, Octokit) in one file, so the runner needs no `npm install`. Built from the
 * installed (locked) dependencies; the same sources give the same bytes.
 *
 * `npm run build:action` writes it; `npm run check:action-dist` (in .ci/run) fails when the
 * committed file differs from a fresh build.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const target = `${root}dist/index.js`;

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/bin/action.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // CommonJS dependencies call require() for Node's built-in modules; an ES module has none.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
  legalComments: "eof",
  logLevel: "warning",
  write: false,
  outfile: target,
});
const bundle = result.outputFiles[0]?.contents;
if (!bundle) throw new Error("esbuild produced no output");

if (process.argv.includes("--check")) {
  const committed = existsSync(target) ? readFileSync(target) : Buffer.alloc(0);
  if (!committed.equals(bundle)) {
    console.error(
      "dist/index.js is out of date with src/ or the locked dependencies: run `npm run build:action` and commit dist/.",
    );
    process.exit(1);
  }
  console.log("dist/index.js is up to date");
} else {
  writeFileSync(target, bundle);
  console.log(`wrote dist/index.js (${bundle.length} bytes)`);
}
