/**
 * The layers' arrows are enforced by `npm run lint` (Biome's noRestrictedImports, one override
 * per folder in biome.json), not described: imports planted in a copy of the tree with the
 * project's own biome.json fail it, and the imports the layers are allowed pass.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIOME = join(ROOT, "node_modules/.bin/biome");

/** A planted file: where it sits, what it imports. */
const PLANTED: Record<string, string> = {
  "src/core/pick/reaches-github.ts": 'import { listTags } from "../../github/tags.js";',
  "src/core/files/reads-files.ts": 'import { readFileSync } from "node:fs";',
  "src/core/files/config-value.ts": 'import { CONFIG_PATH } from "../../config.js";',
  "src/core/line/calls-octokit.ts": 'import { Octokit } from "@octokit/rest";',
  "src/core/config/reaches-init.ts":
    'import { readRepository } from "../../init/read-repository.js";',
  "src/core/line/reads-the-clock.ts": 'import { systemClock } from "../../clock.js";',
  "src/core/line/clock-type.ts": 'import type { Clock } from "../../clock.js";',
  "src/core/pick/merge/reaches-wiring.ts": 'import { createReleaseBot } from "../../../index.js";',
  "src/github/reaches-flows.ts": 'import { outcome } from "../flows/context.js";',
  "src/github/pick/reaches-init.ts": 'import { initCli } from "../../init/cli.js";',
  "src/github/reaches-wiring.ts": 'import { createReleaseBot } from "../index.js";',
  "src/github/pick/reaches-handlers.ts":
    'import { openDelivery } from "../../handlers/delivery.js";',
  "src/flows/pick/reaches-observability.ts":
    'import { observeDeliveries } from "../../observability/delivery-observer.js";',
  "src/flows/release/reaches-handlers.ts":
    'import { loadConfig } from "../../handlers/load-config.js";',
  "src/flows/reconcile/reaches-reconcile.ts":
    'import { reconcileRepository } from "../../reconcile.js";',
  "src/flows/reaches-wiring.ts": 'import { createReleaseBot } from "../index.js";',
  "src/handlers/reaches-wiring.ts": 'import { createReleaseBot } from "../index.js";',
  "src/handlers/starts-local-github.ts":
    'import { startSandbox } from "@release-bot/local-github";',
  "src/server-local.ts": 'import { Sandbox } from "../packages/local-github/src/sandbox.js";',
  "src/rehearsal/starts-local-github.ts":
    'import { startSandbox } from "@release-bot/local-github";',
};

/** Imports each layer may make: none of these may be reported. */
const ALLOWED: Record<string, string> = {
  "src/core/pick/uses-core.ts": 'import { escapeRegExp } from "../text/regexp.js";',
  "src/core/checks/config-type.ts": 'import type { Config } from "../../config.js";',
  "src/core/files/pure-library.ts":
    'import { posix } from "node:path";\nimport { parse } from "yaml";',
  // Only src/index.ts (the wiring) is refused, not an index.js of the layer's own or a library's.
  "src/core/pick/uses-own-index.ts":
    'import { merge } from "./merge/index.js";\nimport { z } from "zod/v4/index.js";',
  "src/core/line/uses-own-clock.ts": 'import { elapsed } from "./clock.js";',
  "src/github/uses-core.ts": 'import { parseTag } from "../core/version/numbering.js";',
  "src/github/uses-pick-index.ts": 'import { pickOnto } from "./pick/index.js";',
  "src/flows/pick/uses-github.ts": 'import { getBranchHead } from "../../github/branches.js";',
  "src/handlers/uses-flows.ts": 'import { outcome } from "../flows/context.js";',
  "src/demo/starts-local-github.ts": 'import { startSandbox } from "@release-bot/local-github";',
  "packages/rehearse/src/starts-local-github.ts":
    'import { startSandbox } from "@release-bot/local-github";',
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

let tree: string;
let reported: Map<string, string[]>;

beforeAll(async () => {
  tree = await mkdtemp(join(tmpdir(), "release-bot-layers-"));
  // The project's rules as they are; only the file selection is made to fit a bare folder.
  const config = JSON.parse(await readFile(join(ROOT, "biome.json"), "utf8"));
  config.vcs = { enabled: false };
  config.files = { ignoreUnknown: true };
  await writeFile(join(tree, "biome.json"), JSON.stringify(config));
  for (const [path, text] of Object.entries({ ...PLANTED, ...ALLOWED })) {
    await mkdir(join(tree, dirname(path)), { recursive: true });
    await writeFile(join(tree, path), `${text}\nexport {};\n`);
  }
  // Biome exits 1 when it reports anything: the diagnostics are what the test reads.
  const { stdout } = await run(BIOME, ["lint", "--reporter=json", "--max-diagnostics=none", "."], {
    cwd: tree,
  }).catch((error: { stdout: string; code: number }) => {
    expect(error.code).toBe(1);
    return error;
  });
  const { diagnostics } = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
  reported = new Map();
  for (const d of diagnostics) {
    reported.set(d.location.path, [...(reported.get(d.location.path) ?? []), d.category]);
  }
});

afterAll(async () => {
  await rm(tree, { recursive: true, force: true });
});

describe("npm run lint enforces the layers' arrows", () => {
  it.each(Object.keys(PLANTED))("fails on a wrong-way import planted at %s", (path) => {
    expect(reported.get(path)).toContain("lint/style/noRestrictedImports");
  });

  it.each(Object.keys(ALLOWED))("passes the allowed import at %s", (path) => {
    expect(reported.get(path) ?? []).not.toContain("lint/style/noRestrictedImports");
  });
});
