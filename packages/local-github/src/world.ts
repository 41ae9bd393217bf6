import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Git, type GitIdent } from "./git.js";
import type { Actor, RepoRecord, UserRecord, UserType } from "./model.js";
import { noRules } from "./rules/settings.js";
import { HttpError, isoSeconds, nodeId, ROLE_RANK, type Role } from "./util.js";

export interface AppInfo {
  id: number;
  slug: string;
  name: string;
  /** `<slug>[bot]` */
  botLogin: string;
  clientId: string;
  createdAt: string;
}

export interface WorldOptions {
  baseDir: string;
  apiUrl: string;
  htmlUrl: string;
  clock: () => Date;
  appId: number;
  appSlug: string;
  appName: string;
  installationId: number;
  defaultPermission: Role;
  defaultUser: string;
}

/** The one GitHub: users, repositories, the app and its installation, id sequences, the clock. */
export class World {
  readonly baseDir: string;
  apiUrl: string;
  readonly htmlUrl: string;
  readonly clock: () => Date;
  readonly app: AppInfo;
  readonly installationId: number;
  readonly installationCreatedAt: string;
  readonly defaultPermission: Role;
  readonly defaultUser: string;
  /** Deliver `push` events (on by default). */
  pushEvents = true;
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoRecord>();
  private readonly sequences = new Map<string, number>();

  constructor(options: WorldOptions) {
    this.baseDir = options.baseDir;
    this.apiUrl = options.apiUrl;
    this.htmlUrl = options.htmlUrl.replace(/\/$/, "");
    this.clock = options.clock;
    this.installationId = options.installationId;
    this.defaultPermission = options.defaultPermission;
    this.defaultUser = options.defaultUser;
    const now = this.now();
    this.app = {
      id: options.appId,
      slug: options.appSlug,
      name: options.appName,
      botLogin: `${options.appSlug}[bot]`,
      clientId: `Iv1.${options.appId.toString(16).padStart(16, "0")}`,
      createdAt: now,
    };
    this.installationCreatedAt = now;
    this.user(this.app.botLogin, { type: "Bot" });
    this.user("web-flow", { name: "GitHub", email: "noreply@github.com" });
  }

  /** A fresh database id from a named sequence (ids look like GitHub's: large, increasing). */
  nextId(kind: string): number {
    const bases: Record<string, number> = {
      user: 1_000_000,
      repo: 500_000_000,
      issue: 2_000_000_000,
      pull: 1_500_000_000,
      comment: 1_800_000_000,
      label: 6_000_000_000,
      release: 150_000_000,
      reaction: 200_000_000,
    };
    const current = this.sequences.get(kind) ?? bases[kind] ?? 1;
    const next = current + 1;
    this.sequences.set(kind, next);
    return next;
  }

  now(): string {
    return isoSeconds(this.clock());
  }

  /** Get or register a user. Unknown logins are created on first use. */
  user(
    login: string,
    options: { type?: UserType; name?: string; email?: string } = {},
  ): UserRecord {
    const key = login.toLowerCase();
    const existing = this.users.get(key);
    if (existing) {
      if (options.name !== undefined) existing.name = options.name;
      if (options.email !== undefined) existing.email = options.email;
      if (options.type !== undefined) existing.type = options.type;
      return existing;
    }
    const type = options.type ?? "User";
    const id = this.nextId("user");
    const record: UserRecord = {
      login,
      id,
      nodeId: nodeId(type === "Bot" ? "BOT" : type === "Organization" ? "O" : "U", id),
      type,
      name: options.name ?? login,
      email: options.email ?? `${id}+${login}@users.noreply.github.com`,
    };
    this.users.set(key, record);
    return record;
  }

  findUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  userByEmail(email: string): UserRecord | undefined {
    const lower = email.toLowerCase();
    for (const user of this.users.values()) {
      if (user.email.toLowerCase() === lower) return user;
    }
    return undefined;
  }

  get botUser(): UserRecord {
    return this.user(this.app.botLogin);
  }

  /** A git identity for a user at the current time. */
  ident(user: UserRecord, date?: Date): GitIdent {
    const d = date ?? this.clock();
    return {
      name: user.name,
      email: user.email,
      time: Math.floor(d.getTime() / 1000),
      tzOffset: 0,
    };
  }

  /** The identity GitHub uses as committer of merges it makes (`GitHub <noreply@github.com>`). */
  webFlowIdent(date?: Date): GitIdent {
    const d = date ?? this.clock();
    return {
      name: "GitHub",
      email: "noreply@github.com",
      time: Math.floor(d.getTime() / 1000),
      tzOffset: 0,
    };
  }

  getRepo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** The repository with this id (`/repositories/{id}` in GitHub's `Link` headers). */
  repoById(id: number): RepoRecord | undefined {
    for (const repo of this.repos.values()) if (repo.id === id) return repo;
    return undefined;
  }

  requireRepo(owner: string, name: string): RepoRecord {
    const repo = this.getRepo(owner, name);
    if (!repo) throw new HttpError(404, "Not Found");
    return repo;
  }

  async addRepo(
    fullName: string,
    options: {
      defaultBranch: string;
      description?: string | null;
      private?: boolean;
      ownerType?: UserType;
    },
  ): Promise<RepoRecord> {
    const [ownerLogin, name, extra] = fullName.split("/");
    if (!ownerLogin || !name || extra !== undefined) {
      throw new Error(`repository name must be "owner/name", got ${JSON.stringify(fullName)}`);
    }
    if (this.getRepo(ownerLogin, name)) throw new Error(`repository ${fullName} already exists`);
    const existingOwner = this.findUser(ownerLogin);
    const owner =
      existingOwner ?? this.user(ownerLogin, { type: options.ownerType ?? "Organization" });
    const gitDir = join(this.baseDir, "repos", ownerLogin, `${name}.git`);
    await mkdir(gitDir, { recursive: true });
    const git = new Git(gitDir, join(this.baseDir, "home"));
    await git.init(options.defaultBranch);
    const id = this.nextId("repo");
    const now = this.now();
    const repo: RepoRecord = {
      id,
      nodeId: nodeId("R", id),
      owner,
      name,
      fullName: `${owner.login}/${name}`,
      description: options.description ?? null,
      private: options.private ?? false,
      defaultBranch: options.defaultBranch,
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      git,
      gitDir,
      nextNumber: 1,
      issues: new Map(),
      comments: new Map(),
      labels: new Map(),
      releases: [],
      permissions: new Map(),
      deleteBranchOnMerge: false,
      rules: noRules(),
      signedCommits: new Set(),
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    return repo;
  }

  /** The role of a user on a repo: explicit grant, owner, the app's bot, or the default. */
  roleOf(repo: RepoRecord, user: UserRecord): Role {
    const explicit = repo.permissions.get(user.login.toLowerCase());
    if (explicit) return explicit;
    if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return "admin";
    if (user.login === this.app.botLogin) return "write";
    if (user.login.toLowerCase() === this.defaultUser.toLowerCase()) return "admin";
    return this.defaultPermission;
  }

  /** Throws GitHub's 403 when the actor may not write to the repo. */
  requireRole(repo: RepoRecord, actor: Actor, role: Role): void {
    if (actor.kind === "bot" || actor.script) return;
    if (actor.kind === "anonymous" || !actor.user) {
      throw new HttpError(401, "Requires authentication");
    }
    if (actor.kind === "app") {
      throw new HttpError(403, "Resource not accessible by integration");
    }
    if (ROLE_RANK[this.roleOf(repo, actor.user)] < ROLE_RANK[role]) {
      throw new HttpError(
        403,
        role === "admin"
          ? "Must have admin rights to Repository."
          : "Must have push access to repository",
      );
    }
  }
}
