import { type KeyObject, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { appJwtProblem, looksLikeJwt } from "./app-jwt.js";
import type { OpContext, SandboxEvent } from "./context.js";
import { defaultFaultBody, type FaultInjector } from "./faults.js";
import type { Actor } from "./model.js";
import { type MediaFormat, type RequestContext, Router } from "./router.js";
import { appRoutes } from "./routes/app.js";
import { checkRoutes } from "./routes/checks.js";
import { gitRoutes } from "./routes/git.js";
import { graphqlRoutes } from "./routes/graphql.js";
import { issueRoutes } from "./routes/issues.js";
import { milestoneRoutes } from "./routes/milestones.js";
import { pullRoutes } from "./routes/pulls.js";
import { releaseRoutes } from "./routes/releases.js";
import { repoRoutes } from "./routes/repos.js";
import { reviewerRoutes } from "./routes/reviewers.js";
import { ruleRoutes } from "./routes/rules.js";
import { checkAppPermission } from "./rules/app-permissions.js";
import { HttpError, sleep, uuid } from "./util.js";
import type { WebhookDispatcher } from "./webhooks.js";
import type { World } from "./world.js";

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

export interface ApiServerOptions {
  world: World;
  webhooks: WebhookDispatcher;
  faults: FaultInjector;
  latencyMs: () => number;
  log?: (line: string) => void;
}

const DOCS = "https://docs.github.com/rest";

/** The prefixes of GitHub's tokens: personal, OAuth, user-to-server, installation, refresh. */
const GITHUB_TOKEN_FORMAT = /^(gh[opusr]_|github_pat_)/;

function mediaFormat(accept: string | undefined): MediaFormat {
  const m = /application\/vnd\.github(?:\.v3)?\.(raw|diff|patch|sha|html)/.exec(accept ?? "");
  return (m?.[1] as MediaFormat | undefined) ?? "json";
}

function errorBody(status: number, message: string, docs: string | undefined, errors?: unknown[]) {
  const body: Record<string, unknown> = { message };
  if (errors && errors.length > 0) body.errors = errors;
  body.documentation_url = docs ? `${DOCS}/${docs}` : DOCS;
  body.status = String(status);
  return body;
}

/** The HTTP side: auth, latency, faults, routing, error bodies, request log, webhook hand-off. */
export class ApiServer {
  readonly router = new Router();
  readonly requests: RequestLogEntry[] = [];
  private readonly options: ApiServerOptions;
  private readonly installationTokens = new Set<string>();
  private readonly userTokens = new Map<string, string>();
  /** The App's public key: a JWT verifies only against it (null until a key is issued). */
  appPublicKey: KeyObject | null = null;
  private server: Server | null = null;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: ApiServerOptions) {
    this.options = options;
    appRoutes(this.router, () => this.issueInstallationToken());
    gitRoutes(this.router);
    pullRoutes(this.router);
    reviewerRoutes(this.router);
    milestoneRoutes(this.router);
    issueRoutes(this.router);
    releaseRoutes(this.router);
    // Before the repository routes: `commits/{ref+}` would take `commits/{ref}/check-runs`.
    checkRoutes(this.router);
    repoRoutes(this.router);
    ruleRoutes(this.router);
    graphqlRoutes(this.router);
  }

  get pendingRequests(): number {
    return this.inFlight;
  }

  issueInstallationToken(): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    this.installationTokens.add(token);
    const expiresAt = new Date(this.options.world.clock().getTime() + 3600_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
    return { token, expiresAt };
  }

  userToken(login: string): string {
    for (const [token, owner] of this.userTokens) if (owner === login) return token;
    const token = `ghp_${randomBytes(18).toString("base64url")}`;
    this.userTokens.set(token, login);
    this.options.world.user(login);
    return token;
  }

  /** The installation token holds the permissions its repository was given (`rules/app-permissions.ts`). */
  private checkInstallationPermission(
    method: string,
    template: string,
    params: Record<string, string>,
  ): void {
    if (!template.startsWith("/repos/{owner}/{repo}")) return;
    const repo = this.options.world.getRepo(params.owner ?? "", params.repo ?? "");
    const granted = repo?.rules.appPermissions;
    if (!granted) return;
    checkAppPermission(granted, method, template.slice("/repos/{owner}/{repo}".length));
  }

  /** Who the request acts as; `refusal` is GitHub's 401 message for credentials it refuses. */
  private authenticate(req: IncomingMessage): Actor & { refusal?: string } {
    const w = this.options.world;
    const header = req.headers.authorization;
    if (!header) return { kind: "anonymous", user: null };
    const [scheme = "", credentials = ""] = header.split(/\s+/, 2);
    let token = credentials;
    if (scheme.toLowerCase() === "basic") {
      const decoded = Buffer.from(credentials, "base64").toString("utf8");
      token = decoded.slice(decoded.indexOf(":") + 1);
    }
    if (looksLikeJwt(token)) {
      const app = { id: w.app.id, publicKey: this.appPublicKey };
      const refusal = appJwtProblem(token, app, Date.now());
      return refusal ? { kind: "anonymous", user: null, refusal } : { kind: "app", user: null };
    }
    if (this.installationTokens.has(token)) return { kind: "bot", user: w.botUser };
    // A token in GitHub's own format that was never issued here is refused, as GitHub refuses
    // a mistyped or revoked one; any other string still acts as `defaultUser`.
    if (!this.userTokens.has(token) && GITHUB_TOKEN_FORMAT.test(token)) {
      return { kind: "anonymous", user: null, refusal: "Bad credentials" };
    }
    const login = this.userTokens.get(token) ?? w.defaultUser;
    return { kind: "user", user: w.user(login) };
  }

  listen(port: number, host: string): Promise<number> {
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    server.keepAliveTimeout = 5000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Resolves when no API request is being processed. */
  waitForRequests(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname;
    const w = this.options.world;
    const actor = this.authenticate(req);
    const events: SandboxEvent[] = [];
    const entry: RequestLogEntry = {
      method,
      path,
      url: `${path}${url.search}`,
      status: 0,
      actor: actor.refusal ? "bad-credentials" : (actor.user?.login ?? actor.kind),
      durationMs: 0,
      at: started,
    };
    let finished = false;
    const done = new Promise<void>((resolve) => {
      const finish = () => {
        if (finished) return;
        finished = true;
        entry.durationMs = Date.now() - started;
        this.requests.push(entry);
        this.options.log?.(
          `${method} ${entry.url} ${entry.status} ${entry.actor} (${entry.durationMs} ms)`,
        );
        resolve();
        this.inFlight--;
        if (this.inFlight === 0) for (const waiter of this.idleWaiters.splice(0)) waiter();
      };
      res.once("finish", finish);
      res.once("close", finish);
    });
    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
      raw?: { text: string | Buffer; contentType: string },
    ) => {
      entry.status = status;
      // Webhooks count as pending before the response leaves, and go out once it has.
      if (events.length > 0) this.options.webhooks.enqueue(events.splice(0), done);
      const common: Record<string, string> = {
        "x-github-request-id": uuid().slice(0, 23).toUpperCase(),
        "x-github-api-version-selected": "2022-11-28",
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        "x-ratelimit-used": "1",
        "x-ratelimit-resource": "core",
        ...headers,
      };
      if (raw) {
        const data = typeof raw.text === "string" ? Buffer.from(raw.text) : raw.text;
        res.writeHead(status, {
          ...common,
          "content-type": raw.contentType,
          "content-length": String(data.length),
        });
        res.end(data);
        return;
      }
      if (status === 204 || status === 304 || body === undefined) {
        res.writeHead(status, common);
        res.end();
        return;
      }
      const data = Buffer.from(JSON.stringify(body));
      res.writeHead(status, {
        ...common,
        "content-type": "application/json; charset=utf-8",
        "x-github-media-type": "github.v3; format=json",
        "content-length": String(data.length),
      });
      res.end(data);
    };

    try {
      const rawText = await readBody(req);
      const latency = this.options.latencyMs();
      if (latency > 0) await sleep(latency);

      const fault = this.options.faults.take(method, path);
      if (fault && (fault.when ?? "before") === "before") {
        entry.fault = true;
        if (fault.delayMs) await sleep(fault.delayMs);
        if (fault.reset) {
          entry.status = 0;
          req.socket.destroy();
          return;
        }
        const status = fault.status ?? 500;
        send(status, fault.body ?? defaultFaultBody(status), fault.headers ?? {});
        return;
      }

      const match = this.router.match(method, path);
      let result: {
        status: number;
        body?: unknown;
        headers?: Record<string, string>;
        text?: string | Buffer;
        contentType?: string;
      };
      let docs: string | undefined;
      try {
        if (actor.refusal) throw new HttpError(401, actor.refusal);
        if (!match) throw new HttpError(404, "Not Found");
        entry.route = match.route.template;
        docs = match.route.options.docs;
        const auth = match.route.options.auth ?? "any";
        if (auth === "app" && actor.kind !== "app") {
          throw new HttpError(401, "A JSON web token could not be decoded");
        }
        if (auth !== "app" && actor.kind === "app") {
          throw new HttpError(
            403,
            "Resource not accessible by integration (use an installation access token, not the app's JWT)",
          );
        }
        if (auth === "authenticated" && actor.kind === "anonymous")
          throw new HttpError(401, "Requires authentication");
        if (actor.kind === "bot")
          this.checkInstallationPermission(method, match.route.template, match.params);
        let rawBody: unknown = {};
        if (rawText.length > 0) {
          try {
            rawBody = JSON.parse(rawText);
          } catch {
            throw new HttpError(400, "Problems parsing JSON");
          }
        }
        const op: OpContext = { world: w, actor, emit: (event) => events.push(event) };
        const params = match.params;
        const ctx: RequestContext = {
          method,
          path,
          params,
          query: url.searchParams,
          body:
            rawBody && typeof rawBody === "object" && !Array.isArray(rawBody)
              ? (rawBody as Record<string, unknown>)
              : {},
          rawBody,
          headers: req.headers,
          actor,
          world: w,
          op,
          format: mediaFormat(req.headers.accept),
          repo: () => w.requireRepo(params.owner ?? "", params.repo ?? ""),
        };
        result = await match.route.handler(ctx);
      } catch (error) {
        if (error instanceof HttpError) {
          result = {
            status: error.status,
            body: {
              ...errorBody(
                error.status,
                error.message,
                error.documentationUrl ?? docs,
                error.errors,
              ),
              ...error.extra,
            },
            headers: error.headers,
          };
        } else {
          this.options.log?.(
            `internal error on ${method} ${path}: ${(error as Error)?.stack ?? error}`,
          );
          result = { status: 500, body: errorBody(500, "Server Error", undefined) };
        }
        // A failed request has no effects to announce... except what happened before it failed.
      }

      if (fault) {
        entry.fault = true;
        if (fault.delayMs) await sleep(fault.delayMs);
        if (fault.reset) {
          if (events.length > 0) this.options.webhooks.enqueue(events.splice(0), done);
          req.socket.destroy();
          return;
        }
        const status = fault.status ?? 500;
        send(status, fault.body ?? defaultFaultBody(status), fault.headers ?? {});
        return;
      }
      if (result.text !== undefined) {
        send(result.status, undefined, result.headers ?? {}, {
          text: result.text,
          contentType: result.contentType ?? "text/plain; charset=utf-8",
        });
      } else {
        send(result.status, result.body, result.headers ?? {});
      }
    } catch (error) {
      this.options.log?.(`sandbox server error: ${(error as Error)?.stack ?? error}`);
      if (!res.headersSent) send(500, errorBody(500, "Server Error", undefined));
      else res.destroy();
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
