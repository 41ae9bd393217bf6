import { type KeyObject, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { appJwtProblem, looksLikeJwt } from "./app-jwt.js";
import type { OpContext } from "./context.js";
import { Exchange, errorBody, mediaFormat, type RequestLogEntry } from "./exchange.js";
import { defaultFaultBody, type Fault, type FaultInjector } from "./faults.js";
import type { Actor } from "./model.js";
import { type HandlerResult, type RequestContext, type RouteMatch, Router } from "./router.js";
import { appRoutes } from "./routes/app.js";
import { checkRoutes } from "./routes/checks.js";
import { commitRoutes } from "./routes/commits.js";
import { contentRoutes } from "./routes/contents.js";
import { gitRoutes } from "./routes/git.js";
import { graphqlRoutes } from "./routes/graphql.js";
import { issueRoutes } from "./routes/issues.js";
import { milestoneRoutes } from "./routes/milestones.js";
import { pullRoutes } from "./routes/pulls.js";
import { releaseAssetRoutes } from "./routes/release-assets.js";
import { releaseRoutes } from "./routes/releases.js";
import { repoRoutes } from "./routes/repos.js";
import { reviewerRoutes } from "./routes/reviewers.js";
import { ruleRoutes } from "./routes/rules.js";
import { checkAppPermission } from "./rules/app-permissions.js";
import { HttpError, sleep } from "./util.js";
import type { WebhookDispatcher } from "./webhooks.js";
import type { World } from "./world.js";

export type { RequestLogEntry };

export interface ApiServerOptions {
  world: World;
  webhooks: WebhookDispatcher;
  faults: FaultInjector;
  latencyMs: () => number;
  log?: (line: string) => void;
}

/** The prefixes of GitHub's tokens: personal, OAuth, user-to-server, installation, refresh. */
const GITHUB_TOKEN_FORMAT = /^(gh[opusr]_|github_pat_)/;

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
    this.router
      .addTable(appRoutes)
      .addTable(gitRoutes)
      .addTable(pullRoutes)
      .addTable(reviewerRoutes)
      .addTable(milestoneRoutes)
      .addTable(issueRoutes)
      .addTable(releaseRoutes)
      .addTable(releaseAssetRoutes)
      // Before the commit routes: `commits/{ref+}` would take `commits/{ref}/check-runs`.
      .addTable(checkRoutes)
      .addTable(repoRoutes)
      .addTable(contentRoutes)
      .addTable(commitRoutes)
      .addTable(ruleRoutes)
      .addTable(graphqlRoutes);
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
    // Uploads are served beside the API under `/uploads` (see `shapes-releases.ts`).
    const path = template.replace(/^\/uploads(?=\/repos\/)/, "");
    if (!path.startsWith("/repos/{owner}/{repo}")) return;
    const repo = this.options.world.getRepo(params.owner ?? "", params.repo ?? "");
    const granted = repo?.rules.appPermissions;
    if (!granted) return;
    checkAppPermission(granted, method, path.slice("/repos/{owner}/{repo}".length));
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
    const actor = this.authenticate(req);
    const exchange = new Exchange(
      req,
      res,
      actor.refusal ? "bad-credentials" : (actor.user?.login ?? actor.kind),
      {
        webhooks: this.options.webhooks,
        log: this.options.log,
        finished: (entry) => this.finished(entry),
      },
    );
    try {
      const bytes = await readBody(req);
      if (exchange.path === "/graphql") exchange.entry.graphql = graphqlOperation(bytes);
      const latency = this.options.latencyMs();
      if (latency > 0) await sleep(latency);
      const fault = this.options.faults.take(
        exchange.method,
        exchange.path,
        bytes.toString("utf8"),
      );
      if (fault && (fault.when ?? "before") === "before") {
        await answerWithFault(exchange, fault);
        return;
      }
      const result = await this.serve(exchange, actor, bytes);
      // A fault "after" the request: its effects (and their webhooks) happened, the answer fails.
      if (fault) await answerWithFault(exchange, fault);
      else exchange.reply(result);
    } catch (error) {
      this.options.log?.(`sandbox server error: ${(error as Error)?.stack ?? error}`);
      if (!exchange.headersSent) exchange.send(500, errorBody(500, "Server Error", undefined));
      else exchange.destroy();
    }
  }

  private finished(entry: RequestLogEntry): void {
    this.requests.push(entry);
    this.inFlight--;
    if (this.inFlight === 0) for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  /** The route's answer to the request, or GitHub's error body for what it refused. */
  private async serve(
    exchange: Exchange,
    actor: Actor & { refusal?: string },
    bytes: Buffer,
  ): Promise<HandlerResult> {
    const path = this.canonicalPath(exchange.path);
    const match = this.router.match(exchange.method, path);
    // Refused credentials and unknown routes point at the REST docs' root, as GitHub's do.
    let docs: string | undefined;
    try {
      if (actor.refusal) throw new HttpError(401, actor.refusal);
      if (!match) throw new HttpError(404, "Not Found");
      exchange.entry.route = match.route.template;
      docs = match.route.options.docs;
      this.checkCaller(actor, match, exchange.method);
      return await match.route.handler(this.requestContext(exchange, actor, match, path, bytes));
    } catch (error) {
      // A failed request announces only what happened before it failed.
      return this.errorResult(exchange, error, docs);
    }
  }

  /** Who may call the route: the App's JWT only on the App's routes, never elsewhere. */
  private checkCaller(actor: Actor, match: RouteMatch, method: string): void {
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
  }

  /**
   * `/repositories/{id}/…`, the form GitHub's `Link` headers use, as `/repos/{owner}/{repo}/…`;
   * an unknown id stays as it is and finds no route (404, as on GitHub).
   */
  private canonicalPath(path: string): string {
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
    if (!byId) return path;
    const repo = this.options.world.repoById(Number(byId[1]));
    return repo ? `/repos/${repo.fullName}${byId[2] ?? ""}` : path;
  }

  private requestContext(
    exchange: Exchange,
    actor: Actor,
    match: RouteMatch,
    path: string,
    bytes: Buffer,
  ): RequestContext {
    const w = this.options.world;
    const rawText = bytes.toString("utf8");
    let rawBody: unknown = {};
    if (rawText.length > 0 && match.route.options.body !== "binary") {
      try {
        rawBody = JSON.parse(rawText);
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
    }
    const op: OpContext = { world: w, actor, emit: (event) => exchange.events.push(event) };
    const params = match.params;
    return {
      method: exchange.method,
      path,
      params,
      query: exchange.url.searchParams,
      body:
        rawBody && typeof rawBody === "object" && !Array.isArray(rawBody)
          ? (rawBody as Record<string, unknown>)
          : {},
      rawBody,
      bytes,
      headers: exchange.req.headers,
      actor,
      world: w,
      op,
      format: mediaFormat(exchange.req.headers.accept),
      issueInstallationToken: () => this.issueInstallationToken(),
      repo: () => w.requireRepo(params.owner ?? "", params.repo ?? ""),
    };
  }

  private errorResult(exchange: Exchange, error: unknown, docs: string | undefined): HandlerResult {
    if (error instanceof HttpError) {
      return {
        status: error.status,
        body: {
          ...errorBody(error.status, error.message, error.documentationUrl ?? docs, error.errors),
          ...error.extra,
        },
        headers: error.headers,
      };
    }
    this.options.log?.(
      `internal error on ${exchange.method} ${exchange.path}: ${(error as Error)?.stack ?? error}`,
    );
    return { status: 500, body: errorBody(500, "Server Error", undefined) };
  }
}

/** An injected fault's answer: its status and body, or a dropped connection. */
async function answerWithFault(exchange: Exchange, fault: Fault): Promise<void> {
  exchange.entry.fault = true;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.reset) {
    exchange.dropConnection();
    return;
  }
  const status = fault.status ?? 500;
  exchange.send(status, fault.body ?? defaultFaultBody(status), fault.headers ?? {});
}

/** A GraphQL document's operation type, from its first keyword (a bare `{` is a query). */
function graphqlOperation(body: Buffer): "query" | "mutation" {
  try {
    const query = String((JSON.parse(body.toString("utf8")) as { query?: unknown }).query ?? "");
    return /^\s*mutation\b/.test(query) ? "mutation" : "query";
  } catch {
    return "query";
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
