import { createPublicKey, createSign, generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { borrowInto, readBorrowedSource } from "./borrow.js";
import { type ClockInput, type SteppableClock, toClock } from "./clock.js";
import { FaultInjector } from "./faults.js";
import type { UserType } from "./model.js";
import { treeFromFiles } from "./ops/objects.js";
import type { RulesInput } from "./rules/settings.js";
import { SandboxRepo } from "./script.js";
import { ApiServer, type RequestLogEntry } from "./server.js";
import type { Role } from "./util.js";
import { sleep } from "./util.js";
import {
  type SubscribeOptions,
  type Subscription,
  WebhookDispatcher,
  type WebhookTarget,
} from "./webhooks.js";
import { World } from "./world.js";

export interface SandboxOptions {
  /** Port to listen on (127.0.0.1); default: a free port. */
  port?: number;
  /** Fixed latency added to every API request, in ms (GitHub's round trip). */
  latencyMs?: number;
  /** Webhook secret used for X-Hub-Signature-256. */
  webhookSecret: string;
  /** The App: id (default 1), slug (default "release-bot"), name. */
  appId?: number;
  appSlug?: string;
  appName?: string;
  installationId?: number;
  /** Called with one line per API request, webhook delivery and internal error. */
  log?: (line: string) => void;
  /**
   * The clock of commit dates and timestamps: a `SteppableClock` (a test steps it with
   * `sandbox.clock.advance(ms)`; give the same one to the bot) or a function of time. Default: real
   * time, steppable.
   */
  clock?: ClockInput;
  /** "sequential" (default): deliveries to a subscription go one at a time, in order. */
  deliveryMode?: "sequential" | "concurrent";
  /** Webhook delivery timeout in ms (GitHub: 10 s). */
  deliveryTimeoutMs?: number;
  /** Send `push` webhooks (default true). */
  pushEvents?: boolean;
  /** Role of users without an explicit one (default "read", like a public repo). */
  defaultPermission?: Role;
  /** Who unknown tokens (e.g. `auth: "x"`) authenticate as; admin everywhere unless changed. Default "octocat". */
  defaultUser?: string;
  /** Base of html_url links (default https://github.com). */
  htmlUrl?: string;
  /** Directory for the bare repositories (default: a new temp dir, removed by close()). */
  baseDir?: string;
  /**
   * The App's private key (PEM), as when a key is generated on the App's settings page: only
   * JWTs signed with it authenticate as the App. Default: a fresh key, handed out by
   * `probotOptions()`.
   */
  appPrivateKey?: string;
}

export interface CreateRepoOptions {
  defaultBranch?: string;
  /** Files of the initial commit (default: a README.md unless fromDirectory is given). */
  files?: Record<string, string | Buffer>;
  /** Import the contents of a directory as the initial commit (files win over it). */
  fromDirectory?: string;
  /**
   * Serve an existing git work tree or bare repository: every branch and tag of it, its objects
   * borrowed (git alternates), never written to. No initial commit is made; the default branch
   * is the source's HEAD branch unless `defaultBranch` is given. `files` and `fromDirectory`
   * cannot be combined with it.
   */
  fromGitDir?: string;
  description?: string;
  private?: boolean;
  /** Owner account type when the owner is new (default "Organization"). */
  ownerType?: UserType;
  /** Author of the initial commit (login; default: the owner... as a user). */
  author?: string;
  message?: string;
}

export interface IdleOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Nothing may happen for this long before idle resolves (default 10 ms). */
  quietMs?: number;
}

/** A local GitHub: REST API + git + signed webhooks. Create with startSandbox(). */
export class Sandbox {
  /** Base URL for Octokit / Probot (`baseUrl`), e.g. http://127.0.0.1:43123 */
  readonly url: string;
  readonly port: number;
  readonly webhookSecret: string;
  readonly app: { id: number; slug: string; name: string; botLogin: string };
  readonly installationId: number;
  readonly faults: FaultInjector;
  readonly webhooks: WebhookDispatcher;
  /** The time the local GitHub stamps; `clock.advance(ms)` makes time pass for a test. */
  readonly clock: SteppableClock;
  /** @internal the state behind the API */
  readonly world: World;
  private readonly server: ApiServer;
  private readonly baseDir: string;
  private readonly ownsBaseDir: boolean;
  private latency: number;
  private readonly repoHandles = new Map<string, SandboxRepo>();
  private privateKeyPem: string | null = null;

  /** @internal use startSandbox() */
  constructor(init: {
    url: string;
    port: number;
    options: SandboxOptions;
    world: World;
    server: ApiServer;
    webhooks: WebhookDispatcher;
    faults: FaultInjector;
    clock: SteppableClock;
    baseDir: string;
    ownsBaseDir: boolean;
  }) {
    this.url = init.url;
    this.clock = init.clock;
    this.port = init.port;
    this.webhookSecret = init.options.webhookSecret;
    this.world = init.world;
    this.server = init.server;
    this.webhooks = init.webhooks;
    this.faults = init.faults;
    this.baseDir = init.baseDir;
    this.ownsBaseDir = init.ownsBaseDir;
    this.latency = init.options.latencyMs ?? 0;
    if (init.options.appPrivateKey) this.setAppKey(init.options.appPrivateKey);
    this.app = {
      id: init.world.app.id,
      slug: init.world.app.slug,
      name: init.world.app.name,
      botLogin: init.world.app.botLogin,
    };
    this.installationId = init.world.installationId;
  }

  /** Every API request served so far: method, path, status, actor, duration. */
  get requests(): RequestLogEntry[] {
    return this.server.requests;
  }

  /** Count requests, e.g. `countRequests({ method: "POST", path: /\/git\/commits$/ })`. */
  countRequests(
    filter: { method?: string; path?: RegExp | string; status?: number; actor?: string } = {},
  ): number {
    return this.requests.filter(
      (r) =>
        (!filter.method || r.method === filter.method.toUpperCase()) &&
        (filter.path === undefined ||
          (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path))) &&
        (filter.status === undefined || r.status === filter.status) &&
        (filter.actor === undefined || r.actor === filter.actor),
    ).length;
  }

  /** The endpoints served: method and path template (`{x+}` = rest of the path). */
  get routes(): Array<{ method: string; template: string }> {
    return this.server.router.all.map((r) => ({ method: r.method, template: r.template }));
  }

  clearRequests(): void {
    this.server.requests.length = 0;
  }

  get latencyMs(): number {
    return this.latency;
  }

  set latencyMs(ms: number) {
    this.latency = ms;
  }

  /** Add a webhook target (URL or function). An array of targets = replicas behind a load balancer. */
  subscribe(target: WebhookTarget | WebhookTarget[], options?: SubscribeOptions): Subscription {
    return this.webhooks.subscribe(target, options);
  }

  /**
   * Create a repository with an initial commit (no webhooks). The bare repo is at `repo.gitDir`.
   * `fromDirectory` imports a directory (its .gitignore rules apply), `files` go on top.
   */
  async createRepo(fullName: string, options: CreateRepoOptions = {}): Promise<SandboxRepo> {
    if (options.fromGitDir !== undefined) return this.borrowRepo(fullName, options);
    const w = this.world;
    const defaultBranch = options.defaultBranch ?? "main";
    const record = await w.addRepo(fullName, {
      defaultBranch,
      description: options.description ?? null,
      private: options.private ?? false,
      ...(options.ownerType ? { ownerType: options.ownerType } : {}),
    });
    const git = record.git;
    let tree: string | null = null;
    if (options.fromDirectory) {
      const index = join(this.baseDir, `index-${record.id}`);
      const env = { GIT_INDEX_FILE: index };
      const dir = resolve(options.fromDirectory);
      await git.run(["--work-tree", dir, "add", "--all", "."], { env });
      tree = (await git.text(["write-tree"], { env })).trim();
      await rm(index, { force: true });
    }
    const files =
      options.files ?? (options.fromDirectory ? {} : { "README.md": `# ${record.name}\n` });
    if (Object.keys(files).length > 0 || tree === null)
      tree = await treeFromFiles(git, tree, files);
    const author = w.user(options.author ?? w.defaultUser);
    const ident = w.ident(author);
    const sha = await git.commitTree({
      tree,
      parents: [],
      message: options.message ?? "Initial commit",
      author: ident,
      committer: ident,
    });
    await git.updateRef(`refs/heads/${defaultBranch}`, sha, null);
    return this.repo(record.fullName);
  }

  private async borrowRepo(fullName: string, options: CreateRepoOptions): Promise<SandboxRepo> {
    if (options.files !== undefined || options.fromDirectory !== undefined) {
      throw new Error("fromGitDir cannot be combined with files or fromDirectory");
    }
    const source = await readBorrowedSource(
      resolve(options.fromGitDir ?? "."),
      join(this.baseDir, "home"),
    );
    const record = await this.world.addRepo(fullName, {
      defaultBranch: options.defaultBranch ?? source.headBranch ?? "main",
      description: options.description ?? null,
      private: options.private ?? false,
      ...(options.ownerType ? { ownerType: options.ownerType } : {}),
    });
    await borrowInto(record.gitDir, source);
    return this.repo(record.fullName);
  }

  /** The script handle of an existing repository. */
  repo(fullName: string): SandboxRepo {
    const [owner = "", name = ""] = fullName.split("/");
    const record = this.world.requireRepo(owner, name);
    let handle = this.repoHandles.get(record.fullName);
    if (!handle) {
      handle = new SandboxRepo(this.world, this.webhooks, record);
      this.repoHandles.set(record.fullName, handle);
    }
    return handle;
  }

  /** Register a user (optional: users are created on first use). */
  user(login: string, options: { name?: string; email?: string; type?: UserType } = {}) {
    return this.world.user(login, options);
  }

  /** Give a user a role on a repository (collaborator permission API, write checks). */
  setPermission(repo: string | SandboxRepo, login: string, role: Role): void {
    const handle = typeof repo === "string" ? this.repo(repo) : repo;
    handle.setPermission(login, role);
  }

  /** Switch rules on or off for a repository (see `SandboxRepo.setRules`). */
  setRules(repo: string | SandboxRepo, input: RulesInput): void {
    (typeof repo === "string" ? this.repo(repo) : repo).setRules(input);
  }

  /** A token that authenticates API requests as this user. */
  tokenFor(login: string): string {
    return this.server.userToken(login);
  }

  /** An installation token (requests act as `<slug>[bot]`), without going through the JWT flow. */
  installationToken(): string {
    return this.server.issueInstallationToken().token;
  }

  /**
   * Credentials for a real Probot app against this sandbox: `new Probot({ ...creds })` or
   * `createProbot({ overrides: creds })`. The private key is `appPrivateKey` or a fresh RSA key;
   * as on GitHub, only a JWT signed with it authenticates as the App.
   */
  probotOptions(): { appId: number; privateKey: string; secret: string; baseUrl: string } {
    if (!this.privateKeyPem) {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      this.setAppKey(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
    }
    return {
      appId: this.app.id,
      privateKey: this.privateKeyPem ?? "",
      secret: this.webhookSecret,
      baseUrl: this.url,
    };
  }

  private setAppKey(privateKeyPem: string): void {
    this.privateKeyPem = privateKeyPem;
    this.server.appPublicKey = createPublicKey(privateKeyPem);
  }

  /** A JWT for the App signed with its key, valid for nine minutes: for calls to `/app/...`. */
  appJwt(): string {
    const { privateKey } = this.probotOptions();
    const now = Math.floor(Date.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iss: this.app.id, iat: now - 30, exp: now + 540 })}`;
    return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(privateKey, "base64url")}`;
  }

  /**
   * Resolves when the sandbox is quiet: no webhook queued, delayed or in flight and no API
   * request being served, for `quietMs` in a row. Webhooks caused by the bot's own API calls
   * while it handles a delivery count too ("run until quiet"). Held deliveries do not.
   */
  async idle(options: IdleOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const quietMs = options.quietMs ?? 10;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `sandbox not idle after ${timeoutMs} ms: ${this.webhooks.pending} deliveries pending, ${this.server.pendingRequests} requests in flight`,
        );
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, remaining);
      });
      await Promise.race([
        Promise.all([this.webhooks.waitForDeliveries(), this.server.waitForRequests()]),
        timeout,
      ]);
      clearTimeout(timer);
      await sleep(quietMs);
      if (this.webhooks.pending === 0 && this.server.pendingRequests === 0) return;
    }
  }

  /** Same as idle(): every queued delivery (and those it caused) is done. */
  waitForDeliveries(options?: IdleOptions): Promise<void> {
    return this.idle(options);
  }

  /** Stop the server and remove the temp dir. */
  async close(): Promise<void> {
    await this.server.close();
    this.webhooks.close();
    for (const repo of this.world.repos.values()) repo.git.close();
    if (this.ownsBaseDir) await rm(this.baseDir, { recursive: true, force: true });
  }
}

/** Start a sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const ownsBaseDir = !options.baseDir;
  const baseDir = options.baseDir
    ? resolve(options.baseDir)
    : await mkdtemp(join(tmpdir(), "release-bot-sandbox-"));
  await mkdir(join(baseDir, "home"), { recursive: true });
  const initialLatency = options.latencyMs ?? 0;
  const clock = toClock(options.clock);
  const world = new World({
    baseDir,
    apiUrl: "http://127.0.0.1",
    htmlUrl: options.htmlUrl ?? "https://github.com",
    clock: () => clock.date(),
    appId: options.appId ?? 1,
    appSlug: options.appSlug ?? "release-bot",
    appName: options.appName ?? "Release Bot",
    installationId: options.installationId ?? 1,
    defaultPermission: options.defaultPermission ?? "read",
    defaultUser: options.defaultUser ?? "octocat",
  });
  world.pushEvents = options.pushEvents ?? true;
  const webhooks = new WebhookDispatcher({
    secret: options.webhookSecret,
    appId: world.app.id,
    hookId: 1,
    mode: options.deliveryMode ?? "sequential",
    timeoutMs: options.deliveryTimeoutMs ?? 10_000,
    sleep: (ms) => clock.sleep(ms),
    ...(options.log ? { log: options.log } : {}),
  });
  const faults = new FaultInjector();
  let sandbox: Sandbox | null = null;
  const server = new ApiServer({
    world,
    webhooks,
    faults,
    latencyMs: () => (sandbox ? sandbox.latencyMs : initialLatency),
    ...(options.log ? { log: options.log } : {}),
  });
  const port = await server.listen(options.port ?? 0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  world.apiUrl = url;
  sandbox = new Sandbox({
    url,
    port,
    options,
    world,
    server,
    webhooks,
    faults,
    clock,
    baseDir,
    ownsBaseDir,
  });
  return sandbox;
}
