/**
 * One request and its answer: the request log entry, the webhook events the request caused
 * (they go out once the answer has left), and the writing of GitHub's response headers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxEvent } from "./context.js";
import type { HandlerResult, MediaFormat } from "./router.js";
import { uuid } from "./util.js";
import type { WebhookDispatcher } from "./webhooks.js";

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path with the query string. */
  url: string;
  status: number;
  /** Login of the caller (`<slug>[bot]` for installation tokens), or "app" / "anonymous". */
  actor: string;
  durationMs: number;
  at: number;
  /** The route template that served it, e.g. `/repos/{owner}/{repo}/git/refs`. */
  route?: string;
  /** Set when the answer came from an injected fault. */
  fault?: boolean;
}

export interface ExchangeOptions {
  webhooks: WebhookDispatcher;
  log: ((line: string) => void) | undefined;
  /** Called once when the answer has left or the connection closed, with the finished entry. */
  finished(entry: RequestLogEntry): void;
}

const DOCS = "https://docs.github.com/rest";

/** The media type asked for in `Accept`. */
export function mediaFormat(accept: string | undefined): MediaFormat {
  const m = /application\/vnd\.github(?:\.v3)?\.(raw|diff|patch|sha|html)/.exec(accept ?? "");
  return (m?.[1] as MediaFormat | undefined) ?? "json";
}

/** GitHub's error body: `{ message, errors?, documentation_url, status }`. */
export function errorBody(
  status: number,
  message: string,
  docs: string | undefined,
  errors?: unknown[],
) {
  const body: Record<string, unknown> = { message };
  if (errors && errors.length > 0) body.errors = errors;
  body.documentation_url = docs ? `${DOCS}/${docs}` : DOCS;
  body.status = String(status);
  return body;
}

/** Headers GitHub sends with every answer (the rate limit ones are constant here). */
function commonHeaders(): Record<string, string> {
  return {
    "x-github-request-id": uuid().slice(0, 23).toUpperCase(),
    "x-github-api-version-selected": "2022-11-28",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-used": "1",
    "x-ratelimit-resource": "core",
  };
}

export class Exchange {
  readonly method: string;
  readonly url: URL;
  readonly entry: RequestLogEntry;
  /** Webhook events of this request, handed to the dispatcher when the answer is written. */
  readonly events: SandboxEvent[] = [];
  private readonly done: Promise<void>;

  constructor(
    readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    actor: string,
    private readonly options: ExchangeOptions,
  ) {
    const started = Date.now();
    this.method = (req.method ?? "GET").toUpperCase();
    this.url = new URL(req.url ?? "/", "http://sandbox");
    const path = this.url.pathname;
    this.entry = {
      method: this.method,
      path,
      url: `${path}${this.url.search}`,
      status: 0,
      actor,
      durationMs: 0,
      at: started,
    };
    this.done = new Promise<void>((resolve) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        this.entry.durationMs = Date.now() - started;
        this.options.log?.(
          `${this.method} ${this.entry.url} ${this.entry.status} ${this.entry.actor} (${this.entry.durationMs} ms)`,
        );
        resolve();
        this.options.finished(this.entry);
      };
      res.once("finish", finish);
      res.once("close", finish);
    });
  }

  get path(): string {
    return this.url.pathname;
  }

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  /** Webhooks count as pending before the response leaves, and go out once it has. */
  private releaseEvents(): void {
    if (this.events.length > 0) this.options.webhooks.enqueue(this.events.splice(0), this.done);
  }

  /** Writes a JSON answer (none for 204/304), or `raw` bytes with their content type. */
  send(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    raw?: { text: string | Buffer; contentType: string },
  ): void {
    this.entry.status = status;
    this.releaseEvents();
    const common = { ...commonHeaders(), ...headers };
    if (raw) {
      const data = typeof raw.text === "string" ? Buffer.from(raw.text) : raw.text;
      this.res.writeHead(status, {
        ...common,
        "content-type": raw.contentType,
        "content-length": String(data.length),
      });
      this.res.end(data);
      return;
    }
    if (status === 204 || status === 304 || body === undefined) {
      this.res.writeHead(status, common);
      this.res.end();
      return;
    }
    const data = Buffer.from(JSON.stringify(body));
    this.res.writeHead(status, {
      ...common,
      "content-type": "application/json; charset=utf-8",
      "x-github-media-type": "github.v3; format=json",
      "content-length": String(data.length),
    });
    this.res.end(data);
  }

  /** Writes a handler's result. */
  reply(result: HandlerResult): void {
    if (result.text !== undefined) {
      this.send(result.status, undefined, result.headers ?? {}, {
        text: result.text,
        contentType: result.contentType ?? "text/plain; charset=utf-8",
      });
    } else {
      this.send(result.status, result.body, result.headers ?? {});
    }
  }

  /** Closes the connection without an answer; the events of what was done still go out. */
  dropConnection(): void {
    this.releaseEvents();
    this.req.socket.destroy();
  }

  destroy(): void {
    this.res.destroy();
  }
}
