/**
 * Webhook payload conformance against @octokit/webhooks-schemas (one JSON schema with a
 * definition per event and action, e.g. `pull_request$closed`, `create$event`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { _, Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { cacheDirFor, cachedValidator, readCachedJson, writeCachedJson } from "./schema-cache.js";

const SCHEMA_FILE = createRequire(import.meta.url).resolve("@octokit/webhooks-schemas/schema.json");
const idOf = (name: string) => `https://webhooks.schema/${encodeURIComponent(name)}`;
let ajv: Ajv | null = null;
let definitions: Record<string, unknown> | null = null;
let names: string[] | null = null;
let cacheDir: string | null = null;
const validators = new Map<string, ValidateFunction>();

const getCacheDir = () => {
  cacheDir ??= cacheDirFor("webhooks", SCHEMA_FILE);
  return cacheDir;
};

function loadDefinitions(): Record<string, unknown> {
  definitions ??= JSON.parse(readFileSync(SCHEMA_FILE, "utf8")).definitions as Record<
    string,
    unknown
  >;
  return definitions;
}

function definitionNames(): string[] {
  if (names) return names;
  names = readCachedJson<string[]>(getCacheDir(), "definitions.json");
  if (!names) {
    names = Object.keys(loadDefinitions());
    writeCachedJson(getCacheDir(), "definitions.json", names);
  }
  return names;
}

function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({
    strict: false,
    allErrors: true,
    inlineRefs: false,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
  // One schema per definition, refs rewritten to ids: each definition compiles once, on demand.
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith("#/definitions/")) {
        out[k] = idOf(v.slice(14));
      } else if (k !== "$schema") out[k] = rewrite(v);
    }
    return out;
  };
  for (const [name, definition] of Object.entries(loadDefinitions())) {
    ajv.addSchema(rewrite(definition) as object, idOf(name));
  }
  return ajv;
}

/** The schema definition name for an event + action (`pull_request$closed`, `create$event`). */
export function webhookDefinition(name: string, action: string | undefined): string {
  const known = new Set(definitionNames());
  const candidates = action ? [`${name}$${action}`] : [];
  candidates.push(`${name}$event`, `${name}_event`);
  const found = candidates.find((c) => known.has(c));
  if (!found) throw new Error(`no webhook schema for ${name}${action ? `.${action}` : ""}`);
  return found;
}

/** Throw when the payload does not match GitHub's webhook schema for its event/action. */
export function assertValidWebhook(name: string, payload: Record<string, unknown>): void {
  const action = typeof payload.action === "string" ? payload.action : undefined;
  const key = webhookDefinition(name, action);
  let validate = validators.get(key);
  if (!validate) {
    validate = cachedValidator(getCacheDir(), key, () => {
      const instance = getAjv();
      const found = instance.getSchema(idOf(key));
      if (!found) throw new Error(`cannot compile webhook schema ${key}`);
      return { ajv: instance, validate: found };
    });
    validators.set(key, validate);
  }
  if (!validate(payload)) {
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `  ${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`)
      .join("\n");
    throw new Error(
      `webhook ${name}${action ? `.${action}` : ""} does not match ${key}:\n${errors}`,
    );
  }
}
