import type { OpContext } from "./context.js";
import type { Actor, RepoRecord } from "./model.js";
import { HttpError } from "./util.js";
import type { World } from "./world.js";

/** The media type asked for in `Accept` (`application/vnd.github.raw`, `.diff`, `.patch`, `.sha`). */
export type MediaFormat = "json" | "raw" | "diff" | "patch" | "sha" | "html";

export interface RequestContext {
  method: string;
  /**
   * Path without the query string, percent-encoded as received; `/repositories/{id}/…` is
   * given as `/repos/{owner}/{repo}/…`.
   */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  rawBody: unknown;
  headers: Record<string, string | string[] | undefined>;
  actor: Actor;
  world: World;
  op: OpContext;
  format: MediaFormat;
  /** A new installation access token (`POST /app/installations/{id}/access_tokens`). */
  issueInstallationToken(): { token: string; expiresAt: string };
  /** The repository named by {owner}/{repo}; 404 when it does not exist. */
  repo(): RepoRecord;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON body (raw file, diff...). */
  text?: string | Buffer;
  contentType?: string;
}

export type Handler = (c: RequestContext) => Promise<HandlerResult> | HandlerResult;

export interface RouteOptions {
  /** The GitHub docs path for `documentation_url`, e.g. "git/refs#create-a-reference". */
  docs?: string;
  /** Who may call it: "app" = JWT only, "any" = everyone (default), "write" = authenticated. */
  auth?: "app" | "any" | "authenticated";
}

/** One row of a route table: the method, the path template, the function serving it. */
export interface RouteSpec {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  template: string;
  handler: Handler;
  options: RouteOptions;
}

/** The routes of one area of the API, in the order they are matched. */
export type RouteTable = readonly RouteSpec[];

/** A row of a route table. */
export function route(
  method: RouteSpec["method"],
  template: string,
  handler: Handler,
  options: RouteOptions = {},
): RouteSpec {
  return { method, template, handler, options };
}

interface Route {
  method: string;
  template: string;
  segments: Array<{ literal: string } | { param: string; rest: boolean }>;
  handler: Handler;
  options: RouteOptions;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A small router over path templates like `/repos/{owner}/{repo}/git/ref/{ref+}`; `{x+}` takes
 * the rest of the path (refs, file paths and branch names contain slashes, sent raw or as %2F).
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler, options: RouteOptions = {}): this {
    const segments = template
      .split("/")
      .slice(1)
      .map((s) => {
        const m = /^\{(\w+)(\+?)\}$/.exec(s);
        return m ? { param: m[1] as string, rest: m[2] === "+" } : { literal: s };
      });
    this.routes.push({ method: method.toUpperCase(), template, segments, handler, options });
    return this;
  }

  /** Adds every route of a table, in its order (the first route matching a request serves it). */
  addTable(table: RouteTable): this {
    for (const r of table) this.add(r.method, r.template, r.handler, r.options);
    return this;
  }

  match(method: string, path: string): RouteMatch | undefined {
    const raw = path.replace(/\/+$/, "").split("/").slice(1);
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const params = matchSegments(route, raw);
      if (params) return { route, params };
    }
    return undefined;
  }

  get all(): ReadonlyArray<{ method: string; template: string }> {
    return this.routes;
  }
}

function matchSegments(route: Route, raw: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  let i = 0;
  for (let s = 0; s < route.segments.length; s++) {
    const seg = route.segments[s];
    if (!seg) return undefined;
    if ("literal" in seg) {
      if (raw[i] !== seg.literal) return undefined;
      i++;
      continue;
    }
    if (seg.rest) {
      const remainingLiterals = route.segments.length - s - 1;
      const take = raw.length - i - remainingLiterals;
      if (take < 1) return undefined;
      params[seg.param] = raw
        .slice(i, i + take)
        .map(decode)
        .join("/");
      i += take;
      continue;
    }
    const value = raw[i];
    if (value === undefined || value === "") return undefined;
    params[seg.param] = decode(value);
    i++;
  }
  return i === raw.length ? params : undefined;
}

/**
 * `per_page` (default 30, at most 100) and `page` (from 1), read as GitHub reads them
 * ("Using pagination in the REST API": https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 * `paged` says whether the request named either: some endpoints answer differently without them.
 */
export function pageParams(
  query: URLSearchParams,
  defaultPerPage = 30,
): { perPage: number; page: number; paged: boolean } {
  const perPageRaw = Number(query.get("per_page") ?? defaultPerPage);
  const pageRaw = Number(query.get("page") ?? 1);
  const perPage =
    Number.isFinite(perPageRaw) && perPageRaw >= 1
      ? Math.min(Math.floor(perPageRaw), Math.max(100, defaultPerPage))
      : defaultPerPage;
  const page = Number.isFinite(pageRaw) && pageRaw >= 1 ? Math.floor(pageRaw) : 1;
  return { perPage, page, paged: query.has("per_page") || query.has("page") };
}

/**
 * Where GitHub's `Link` header points: a repository's lists by the repository's id
 * (`/repositories/1300192/issues`), other lists by their own path.
 */
function linkBase(c: RequestContext): string {
  const { owner, repo: name } = c.params;
  const repo = owner && name ? c.world.getRepo(owner, name) : undefined;
  if (!repo || !c.path.startsWith("/repos/")) return `${c.world.apiUrl}${c.path}`;
  const rest = c.path.split("/").slice(4).join("/");
  return `${c.world.apiUrl}/repositories/${repo.id}${rest ? `/${rest}` : ""}`;
}

/**
 * GitHub's `Link` header for page `page` of `total` items: `prev`, `next`, `last`, `first`, in
 * that order, each the request's own query with `page` set (`per_page` stays only if it was
 * given). None when everything fits on the one page asked for.
 */
export function linkHeader(
  c: RequestContext,
  page: number,
  perPage: number,
  total: number,
): string | undefined {
  const last = Math.max(1, Math.ceil(total / perPage));
  const base = linkBase(c);
  const url = (p: number) => {
    const q = new URLSearchParams(c.query);
    q.set("page", String(p));
    return `<${base}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${url(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
  if (page > 1) links.push(`${url(1)}; rel="first"`);
  return links.length > 0 ? links.join(", ") : undefined;
}

/** One page of a list, with the `Link` header. */
export function paginate<T>(
  c: RequestContext,
  items: T[],
  map?: (item: T) => unknown,
): HandlerResult {
  const { perPage, page } = pageParams(c.query);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(c, page, perPage, items.length);
  return {
    status: 200,
    body: map ? slice.map(map) : slice,
    ...(link ? { headers: { link } } : {}),
  };
}

/**
 * A page of a list whose `total` is counted apart from the items read: `items` holds this page's
 * items only (the first one is item `(page - 1) * perPage`), so reading a page of a long list
 * costs what it costs on a short one.
 */
export async function paginateCounted<T>(
  c: RequestContext,
  items: T[],
  total: number,
  map: (items: T[]) => Promise<unknown[]>,
): Promise<HandlerResult> {
  const { perPage, page } = pageParams(c.query);
  const link = linkHeader(c, page, perPage, total);
  return { status: 200, body: await map(items), ...(link ? { headers: { link } } : {}) };
}

/** Async variant: only the items of the page are mapped. */
export async function paginateAsync<T>(
  c: RequestContext,
  items: T[],
  map: (items: T[]) => Promise<unknown[]>,
): Promise<HandlerResult> {
  const { perPage, page } = pageParams(c.query);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return paginateCounted(c, slice, items.length, map);
}

export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "") {
    throw new HttpError(422, `Invalid request.\n\n"${field}" wasn't supplied.`);
  }
  return value;
}

export function intParam(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new HttpError(404, "Not Found");
  return n;
}
