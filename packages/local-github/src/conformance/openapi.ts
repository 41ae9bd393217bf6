/**
 * OpenAPI conformance: check a response body against the schema GitHub publishes for the same
 * operation (@octokit/openapi's description of api.github.com). Reusable by any test:
 *
 *   assertConformsToOpenApi("GET", "/repos/o/r/pulls/1", 200, body)
 *   const octokit = withOpenApiValidation(new Octokit({ baseUrl, auth }))  // checks every response
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { _, Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { cacheDirFor, cachedValidator, readCachedJson, writeCachedJson } from "./schema-cache.js";

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  template: string;
  segments: string[];
  literals: number;
  /** Documented statuses ("200", "4XX", "default"): whether each has an application/json schema. */
  responses: Record<string, boolean>;
  operationId: string;
  /** Whether it takes `per_page` (a list GitHub pages). */
  paged: boolean;
}

type ResponseObject = { $ref?: string; content?: Record<string, { schema?: unknown }> };

interface Spec {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

let spec: Spec | null = null;
const schemaId = (name: string) => `https://openapi.schema/${encodeURIComponent(name)}`;
let operations: Operation[] | null = null;
const validators = new Map<string, ValidateFunction | null>();
let ajv: Ajv | null = null;

/** Operations (`METHOD template status`) whose responses were validated in this process. */
export const validatedOperations = new Set<string>();

/**
 * api.github.com.json is the same description as api.github.com.deref.json with its
 * `#/components/schemas/*` references kept: each component is compiled once and shared, which
 * makes validation an order of magnitude faster than compiling the dereferenced schemas.
 */
const SPEC_FILE = createRequire(import.meta.url).resolve(
  "@octokit/openapi/generated/api.github.com.json",
);
let cacheDir: string | null = null;
const getCacheDir = () => {
  cacheDir ??= cacheDirFor("openapi", SPEC_FILE);
  return cacheDir;
};

function loadSpec(): Spec {
  spec ??= JSON.parse(readFileSync(SPEC_FILE, "utf8")) as Spec;
  return spec;
}

function resolveResponse(response: ResponseObject | undefined): ResponseObject | undefined {
  const ref = response?.$ref;
  if (ref?.startsWith("#/components/responses/")) {
    return loadSpec().components.responses[
      ref.slice("#/components/responses/".length)
    ] as ResponseObject;
  }
  return response;
}

/** Rewrite `#/components/schemas/x` references to the ids the components are registered under. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  if (record.nullable === true && !("type" in record)) {
    // OpenAPI 3.0 `nullable` next to allOf/anyOf/$ref: ajv only accepts it with `type`.
    const { nullable: _nullable, ...rest } = record;
    return { anyOf: [{ type: "null" }, rewriteRefs(rest)] };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (
      key === "enum" &&
      record.nullable === true &&
      Array.isArray(value) &&
      !value.includes(null)
    ) {
      // OpenAPI 3.0: `nullable` also admits null when an enum is given.
      out[key] = [...value, null];
    } else if (
      key === "$ref" &&
      typeof value === "string" &&
      value.startsWith("#/components/schemas/")
    ) {
      out[key] = schemaId(value.slice("#/components/schemas/".length));
    } else if (key !== "example" && key !== "examples") {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

/** The operation index (method, template, statuses), from the cache or built from the spec. */
function getOperations(): Operation[] {
  if (operations) return operations;
  const cached = readCachedJson<Operation[]>(getCacheDir(), "operations.json");
  if (cached) {
    operations = cached;
    return cached;
  }
  const list: Operation[] = [];
  for (const [template, item] of Object.entries(loadSpec().paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const segments = template.split("/").slice(1);
      const responses: Record<string, boolean> = {};
      for (const [status, response] of Object.entries(
        (op as { responses: Record<string, ResponseObject> }).responses,
      )) {
        responses[status] = Boolean(
          resolveResponse(response)?.content?.["application/json"]?.schema,
        );
      }
      list.push({
        method: method.toUpperCase(),
        template,
        segments,
        literals: segments.filter((s) => !s.startsWith("{")).length,
        responses,
        operationId: String((op as { operationId?: unknown }).operationId),
        paged: ((op as { parameters?: Array<{ $ref?: string }> }).parameters ?? []).some(
          (p) => p.$ref === "#/components/parameters/per-page",
        ),
      });
    }
  }
  writeCachedJson(getCacheDir(), "operations.json", list);
  operations = list;
  return list;
}

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: true,
      inlineRefs: false,
      code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
    });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    for (const [name, schema] of Object.entries(loadSpec().components.schemas)) {
      ajv.addSchema(rewriteRefs(schema) as object, schemaId(name));
    }
  }
  return ajv;
}

/** Parameters whose values may contain slashes. */
const SLASHY_PARAMS = new Set([
  "{ref}",
  "{path}",
  "{branch}",
  "{basehead}",
  "{name}",
  "{tag}",
  "{tree_sha}",
]);

/** Find the operation for a method + template (`/repos/{owner}/{repo}`) or concrete path. */
export function findOperation(method: string, path: string): Operation | undefined {
  const ops = getOperations().filter((o) => o.method === method.toUpperCase());
  const clean = (
    path
      .replace(/^https?:\/\/[^/]+/, "")
      .split("?")[0]
      ?.replace(/\/+$/, "") ?? ""
  )
    // GitHub's `Link` headers name a repository by id: the same operations as /repos/{o}/{r}.
    .replace(/^\/repositories\/\d+(?=\/|$)/, "/repos/{owner}/{repo}");
  const exact = ops.find((o) => o.template === clean);
  if (exact) return exact;
  const raw = clean.split("/").slice(1);
  let best: Operation | undefined;
  let bestScore = -1;
  for (const op of ops) {
    let score = -1;
    const last = op.segments[op.segments.length - 1] ?? "";
    const head = op.segments.slice(0, -1);
    const headMatches = (values: string[]) =>
      head.every((s, i) => s.startsWith("{") || s === values[i]);
    if (op.segments.length === raw.length) {
      if (op.segments.every((s, i) => s.startsWith("{") || s === raw[i]))
        score = op.literals * 2 + 1;
    } else if (op.segments.length === raw.length + 1 && last.startsWith("{") && headMatches(raw)) {
      // an empty last parameter, e.g. GET /repos/o/r/contents/ (the root directory)
      score = op.literals * 2;
    } else if (raw.length > op.segments.length && SLASHY_PARAMS.has(last) && headMatches(raw)) {
      // the last parameter holds slashes (refs, file paths, branch names)
      score = op.literals * 2 - 1;
    }
    if (score > bestScore) {
      best = op;
      bestScore = score;
    }
  }
  return best;
}

function validatorFor(op: Operation, status: number): ValidateFunction | null | undefined {
  const key = `${op.method} ${op.template} ${status}`;
  if (validators.has(key)) return validators.get(key);
  const statusKey = [String(status), `${String(status)[0]}XX`, "default"].find(
    (k) => k in op.responses,
  );
  if (statusKey === undefined) {
    validators.set(key, undefined as unknown as null);
    return undefined;
  }
  if (!op.responses[statusKey]) {
    validators.set(key, null);
    return null;
  }
  const validate = cachedValidator(
    getCacheDir(),
    `${op.method} ${op.template} ${statusKey}`,
    () => {
      const spec = loadSpec();
      const operation = spec.paths[op.template]?.[op.method.toLowerCase()] as {
        responses: Record<string, ResponseObject>;
      };
      const schema = resolveResponse(operation.responses[statusKey])?.content?.["application/json"]
        ?.schema;
      const instance = getAjv();
      return { ajv: instance, validate: instance.compile(rewriteRefs(schema) as object) };
    },
  );
  validators.set(key, validate);
  return validate;
}

export class OpenApiMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpenApiMismatch";
  }
}

export interface ConformanceOptions {
  /** Fail when the spec documents no such status for the operation (default: only for 2xx). */
  strictStatus?: boolean;
}

/**
 * Throw when `body` does not conform to the response schema GitHub documents for this
 * operation and status. Unknown operations fail; undocumented statuses fail for 2xx. GraphQL
 * (`POST /graphql`) is not part of the REST description: `routes/graphql.ts` answers it with
 * graphql-js against GitHub's schema for the mutations it serves.
 */
export function assertConformsToOpenApi(
  method: string,
  path: string,
  status: number,
  body: unknown,
  options: ConformanceOptions = {},
): void {
  if (new URL(path, "http://sandbox").pathname === "/graphql") return;
  const op = findOperation(method, path);
  if (!op)
    throw new OpenApiMismatch(
      `${method} ${path}: no such operation in GitHub's OpenAPI description`,
    );
  const validate = validatorFor(op, status);
  const name = `${op.operationId} (${op.method} ${op.template}) ${status}`;
  if (validate === undefined) {
    if (options.strictStatus || (status >= 200 && status < 300)) {
      throw new OpenApiMismatch(`${name}: status ${status} is not documented for this operation`);
    }
    return;
  }
  validatedOperations.add(`${op.method} ${op.template} ${status}`);
  if (validate === null) return; // documented without a JSON body (e.g. 204)
  if (typeof body === "string" || body === undefined) return; // raw media types
  if (!validate(body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `  ${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`)
      .join("\n");
    throw new OpenApiMismatch(`${name}: response does not match GitHub's schema:\n${errors}`);
  }
}

interface HookableOctokit {
  hook: {
    after(
      name: "request",
      hook: (response: OctokitResponse, options: OctokitOptions) => void,
    ): void;
    error(name: "request", hook: (error: unknown, options: OctokitOptions) => unknown): void;
  };
}
interface OctokitResponse {
  status: number;
  data: unknown;
}
interface OctokitOptions {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  mediaType?: { format?: string };
}

/** Install hooks so every response this Octokit receives is checked; a mismatch rejects the request. */
export function withOpenApiValidation<T extends HookableOctokit>(
  octokit: T,
  options: ConformanceOptions = {},
): T {
  if (process.env.SKIP_OPENAPI) return octokit;
  octokit.hook.after("request", (response, opts) => {
    if (opts.mediaType?.format && opts.mediaType.format !== "json") return;
    assertConformsToOpenApi(opts.method, opts.url, response.status, response.data, options);
  });
  octokit.hook.error("request", (error, opts) => {
    const response = (error as { response?: OctokitResponse }).response;
    if (response && !(error instanceof OpenApiMismatch)) {
      assertConformsToOpenApi(opts.method, opts.url, response.status, response.data, options);
    }
    throw error;
  });
  return octokit;
}
