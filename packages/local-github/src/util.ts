import { randomUUID } from "node:crypto";

/** An error that the HTTP layer turns into GitHub's error body `{ message, documentation_url, status }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly errors: unknown[] | undefined;
  readonly headers: Record<string, string>;
  readonly documentationUrl: string | undefined;
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    message: string,
    options: {
      errors?: unknown[];
      headers?: Record<string, string>;
      documentationUrl?: string;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.documentationUrl = options.documentationUrl;
    this.extra = options.extra ?? {};
  }
}

/** 422 "Validation Failed" with GitHub's `errors` array. */
export const validationFailed = (errors: unknown[], message = "Validation Failed"): HttpError =>
  new HttpError(422, message, { errors });

/** GitHub's timestamp format: second precision, `Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function uuid(): string {
  return randomUUID();
}

/** A node_id in the style of GitHub's new global ids (`PR_kwDO...`): prefix + base64 of the database id. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(`0:${id}`).toString("base64url")}`;
}

/**
 * A ref's node id: its repository's node id and its full name (GitHub's `REF_…` ids encode
 * the same), so `deleteRef` can find the ref again.
 */
export function refNodeId(repo: { nodeId: string }, ref: string): string {
  return `REF_${Buffer.from(`${repo.nodeId}:${ref}`).toString("base64url")}`;
}

export function parseRefNodeId(id: string): { repositoryId: string; ref: string } | null {
  if (!id.startsWith("REF_")) return null;
  const decoded = Buffer.from(id.slice(4), "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0 || !decoded.slice(colon + 1).startsWith("refs/")) return null;
  return { repositoryId: decoded.slice(0, colon), ref: decoded.slice(colon + 1) };
}

/** Base64 wrapped at 60 characters per line, as the contents and blobs APIs return it. */
export function base64Wrapped(data: Buffer): string {
  const b64 = data.toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 60) lines.push(b64.slice(i, i + 60));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

export const ZERO_SHA = "0000000000000000000000000000000000000000";
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export const isSha = (value: unknown): value is string =>
  typeof value === "string" && /^[0-9a-f]{40}$/.test(value);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export const ROLE_RANK: Record<Role, number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

/** A tiny deferred promise. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
