/**
 * A disk cache of compiled JSON-schema validators (ajv standalone code) shared by test files
 * and runs: compiling GitHub's big response schemas costs about a second per test file, loading
 * the generated code a few milliseconds. Entries live in the OS temp dir under a namespace that
 * changes with the schema files, so an upgraded package never meets stale code.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";

const require = createRequire(import.meta.url);
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ??
  standaloneModule) as (ajv: Ajv, validate: ValidateFunction) => string;

/** Bump when the way schemas are prepared changes. */
const FORMAT_VERSION = "4";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** A cache directory for validators compiled from `file` (keyed by its size and mtime). */
export function cacheDirFor(name: string, file: string): string {
  const stat = statSync(file);
  const ajvVersion = (require("ajv/package.json") as { version: string }).version;
  const stamp = sha1(`${FORMAT_VERSION} ${ajvVersion} ${file} ${stat.size} ${stat.mtimeMs}`).slice(
    0,
    16,
  );
  const dir = join(
    process.env.SANDBOX_SCHEMA_CACHE ?? join(tmpdir(), "release-bot-schema-cache"),
    `${name}-${stamp}`,
  );
  mkdirSync(dir, { recursive: true });
  return dir;
}

function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

/** Read a JSON file from the cache, or null. */
export function readCachedJson<T>(dir: string, name: string): T | null {
  try {
    return JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
  } catch {
    return null;
  }
}

export function writeCachedJson(dir: string, name: string, value: unknown): void {
  try {
    writeAtomic(join(dir, name), JSON.stringify(value));
  } catch {
    // a cache, not a requirement
  }
}

/**
 * The validator for `key`: loaded from the cache, or compiled with `compile()` (which returns
 * the Ajv instance too) and written to the cache as standalone code.
 */
export function cachedValidator(
  dir: string,
  key: string,
  compile: () => { ajv: Ajv; validate: ValidateFunction },
): ValidateFunction {
  const file = join(dir, `${sha1(key).slice(0, 24)}.cjs`);
  try {
    const code = readFileSync(file, "utf8");
    const mod: { exports: Record<string, unknown> } = { exports: {} };
    new Function("module", "exports", "require", code)(mod, mod.exports, require);
    const validate = (mod.exports.default ?? mod.exports) as ValidateFunction;
    if (typeof validate === "function") return validate;
  } catch {
    // not cached yet (or unreadable): compile
  }
  const { ajv, validate } = compile();
  try {
    writeAtomic(file, standaloneCode(ajv, validate));
  } catch {
    // standalone generation is an optimization only
  }
  return validate;
}
